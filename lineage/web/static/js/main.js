// The explorer's entry point: routes the URL to a view, wires the search box and in-app links.

import { GraphQLError, gql } from "./api.js";
import { byId, viewPath } from "./dom.js";
import { warmUp } from "./elk_layout.js";
import { showError } from "./panels.js";
import { PROBE_QUERY, SEARCH_QUERY } from "./queries.js";
import { ready } from "./ready.js";

/** @typedef {(app: HTMLElement, id: string) => Promise<() => void>} View */

/** @type {Record<string, () => Promise<View>>} path prefix → view loader */
const VIEWS = {
  chains: async () => (await import("./views/chain.js")).renderChain,
};

/** @type {() => void} */
let teardown = () => {};
let routeCount = 0;

/** Draw the view the current URL names. */
async function route() {
  const app = byId("app");
  const mine = ++routeCount;
  teardown();
  teardown = () => {};
  const [, kind, ...rest] = location.pathname.split("/");
  const id = decodeURIComponent(rest.join("/"));
  try {
    if (!kind) {
      const { renderHome } = await import("./views/home.js");
      teardown = await renderHome(app);
    } else if (VIEWS[kind] && id) {
      const view = await VIEWS[kind]();
      const done = await view(app, id);
      if (mine !== routeCount) done();
      else teardown = done;
    } else {
      showError(app, `Nothing lives at ${location.pathname}.`);
      ready({ empty: true });
    }
  } catch (error) {
    console.warn(error);
    const message = error instanceof GraphQLError ? `The API refused: ${error.message}` : `Could not draw this view: ${String(error)}`;
    showError(app, message);
    ready({ error: message });
  }
}

/** Go to an app path without reloading. @param {string} path */
export function navigate(path) {
  history.pushState(null, "", path);
  void route();
}

/** Where a search hit leads. @param {{kind: string, id: string, chainId?: string}} hit */
function hitPath(hit) {
  switch (hit.kind.toLowerCase()) {
    case "chain": return viewPath("chains", hit.id);
    case "commit": return viewPath("commits", hit.id);
    case "pipeline": case "pipelinerun": case "pipelineexecution": return viewPath("pipelines", hit.id);
    case "application": return viewPath("applications", hit.id);
    default: return viewPath("events", hit.id);
  }
}

/** Find what `text` names and go there (the API's `search`, else probing each root field). @param {string} text */
async function search(text) {
  const status = byId("search-result");
  status.textContent = "searching…";
  /** @type {string | null} */
  let target = null;
  try {
    const data = await gql(SEARCH_QUERY, { text });
    const hits = data.search ?? [];
    if (hits.length) target = hitPath(hits[0]);
  } catch (error) {
    if (!(error instanceof GraphQLError) || !/search/.test(error.message)) throw error;
    const probe = await gql(PROBE_QUERY, { text, hash: text }, { allowPartial: true });
    if (probe.chain) target = viewPath("chains", probe.chain.id);
    else if (probe.event) target = viewPath("events", probe.event.id);
    else if (probe.deploymentTrace) target = viewPath("commits", probe.deploymentTrace.commitHash);
    else if (probe.pipelineExecution) target = viewPath("pipelines", probe.pipelineExecution.id);
    else if (probe.application) target = viewPath("applications", probe.application.id);
    else if (probe.bySubject?.edges?.length) target = viewPath("events", probe.bySubject.edges[0].node.id);
  }
  status.textContent = target ? "" : `nothing found for "${text}"`;
  if (target) navigate(target);
}

function wire() {
  document.addEventListener("click", (event) => {
    const link = /** @type {HTMLElement} */ (event.target).closest?.("a[data-nav]");
    if (!(link instanceof HTMLAnchorElement) || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    if (link.origin !== location.origin) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
  window.addEventListener("popstate", () => void route());
  const form = /** @type {HTMLFormElement} */ (byId("search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = /** @type {HTMLInputElement} */ (byId("search-text")).value.trim();
    if (text) search(text).catch((error) => { byId("search-result").textContent = String(error.message ?? error); });
  });
}

warmUp();
wire();
void route();
