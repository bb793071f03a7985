// The explorer's entry point: routes the URL to a view, wires the search box and in-app links.

import { GraphQLError, gql } from "./api.js";
import { byId, fill, navLink, viewPath } from "./dom.js";
import { showError } from "./panels.js";
import { CHAIN_QUERY, SEARCH_QUERY } from "./queries.js";
import { ready } from "./ready.js";

/** @typedef {(app: HTMLElement, id: string, query?: Promise<any>) => Promise<() => void>} View */

/** @type {Record<string, () => Promise<View>>} path prefix → view loader */
const VIEWS = {
  chains: async () => (await import("./views/chain.js")).renderChain,
  events: async () => (await import("./views/event.js")).renderEvent,
  commits: async () => (await import("./views/commit.js")).renderCommit,
  pipelines: async () => (await import("./views/pipeline.js")).renderPipeline,
  applications: async () => (await import("./views/application.js")).renderApplication,
};

/**
 * The query of a view that can start before its module is loaded (the two overlap).
 * @type {Record<string, (id: string) => Promise<any>>}
 */
const EARLY_QUERIES = {
  chains: (id) => gql(CHAIN_QUERY, { id }),
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
      const query = EARLY_QUERIES[kind]?.(id);
      query?.catch(() => {}); // the view awaits it and reports a failure
      const view = await VIEWS[kind]();
      const done = await view(app, id, query);
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

/** @typedef {{kind: string, id: string, label: string, chainId?: string, exact: boolean}} SearchHit */

/** Where a search hit leads. @param {SearchHit} hit */
function hitPath(hit) {
  switch (hit.kind) {
    case "CHAIN": return viewPath("chains", hit.id);
    case "COMMIT": return viewPath("commits", hit.id);
    case "PIPELINE_RUN": return viewPath("pipelines", hit.id);
    case "APPLICATION": return viewPath("applications", hit.id);
    default: return `${viewPath("events", hit.id)}?up=2&down=2`; // EVENT, SUBJECT (its latest event)
  }
}

/** Which exact hit wins when several have the searched id (a subject is the weakest match). */
const KIND_PRIORITY = ["CHAIN", "EVENT", "COMMIT", "PIPELINE_RUN", "APPLICATION", "SUBJECT"];

/** Find what `text` names and go there; other hits stay listed beside the box. @param {string} text */
async function search(text) {
  const status = byId("search-result");
  status.textContent = "searching…";
  const data = await gql(SEARCH_QUERY, { text });
  /** @type {SearchHit[]} */
  const hits = data.search;
  const exact = hits.filter((hit) => hit.exact).sort((a, b) => KIND_PRIORITY.indexOf(a.kind) - KIND_PRIORITY.indexOf(b.kind));
  const best = exact[0] ?? (hits.length === 1 ? hits[0] : null);
  const others = hits.filter((hit) => hit !== best);
  const list = others.map((hit, i) => [i ? " · " : "", navLink(hitPath(hit), `${hit.kind.toLowerCase().replace("_", " ")} ${hit.label}`)]);
  if (!hits.length) status.textContent = `nothing has the id "${text}"`;
  else if (!best) fill(status, `${hits.length} matches: `, list);
  else fill(status, others.length ? ["also: ", list] : "");
  if (best) navigate(hitPath(best));
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

wire();
void route();
