// /applications/{id}: what runs in each deploy target now, drift against the last successful
// deployment (expected vs actual, since when), stale reports marked, and recent deployments.

import { gql } from "../api.js";
import { fill, fmtTime, h, navLink, viewPath } from "../dom.js";
import { Outline } from "../outline.js";
import { showError, showFacts } from "../panels.js";
import { APPLICATION_QUERY } from "../queries.js";
import { busy, ready } from "../ready.js";

/**
 * @typedef {{kind: string, name: string, namespace?: string, health?: string, version?: string}} Resource
 * @typedef {{deployTarget: string, reportedAt: string, stale: boolean, resources: Resource[], history: {totalCount: number}}} LiveState
 * @typedef {{deployTarget: string, expected: string, actual: string[], since: string, deploymentId?: string, resources: Resource[]}} Drift
 */

/** @param {HTMLElement} app @param {string} applicationId */
export async function renderApplication(app, applicationId) {
  busy();
  const data = await gql(APPLICATION_QUERY, { id: applicationId });
  const application = data.application;
  if (!application) {
    showError(app, `No application with id "${applicationId}": nothing reported live state for it or deployed it.`);
    ready({ empty: true });
    return () => {};
  }
  /** @type {LiveState[]} */
  const states = application.liveStates;
  /** @type {Map<string, Drift>} */
  const drifts = new Map(application.drift.map((/** @type {Drift} */ d) => [d.deployTarget, d]));
  const outlineBox = h("nav", { class: "outline", "aria-label": "Deploy targets" });
  const details = h("aside", { class: "details", "aria-label": "Details" }, h("h2", {}, "Details"), h("p", { class: "empty" }, "Pick a deploy target."));
  const cards = h("div", { class: "cards" }, states.map((s) => card(s, drifts.get(s.deployTarget))));
  const deployments = h("table", { class: "list" },
    h("thead", {}, h("tr", {}, ["deployment", "environment", "status", "artifact", "started", "completed"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, application.deployments.map((/** @type {any} */ d) => h("tr", {},
      h("td", {}, d.origin === "DERIVED" ? navLink(`${viewPath("events", d.id)}?up=3&down=1`, d.id.slice(0, 13), { title: d.id }) : d.id),
      h("td", {}, d.environment ?? "—"),
      h("td", {}, h("span", { class: `badge ${d.status.toLowerCase()}` }, d.status)),
      h("td", {}, d.artifactId ?? "—"),
      h("td", {}, fmtTime(d.startedAt)),
      h("td", {}, fmtTime(d.completedAt))))));
  const driftCount = drifts.size;
  const staleCount = states.filter((s) => s.stale).length;
  fill(app,
    h("section", { class: "view-head" },
      h("h1", {}, h("span", { class: "kind" }, "Application"), application.name),
      h("dl", { class: "facts" }, [
        ["id", application.id], ["deploy targets", String(states.length)],
        ["drifted", driftCount ? `${driftCount}` : "none"], ["stale reports", staleCount ? `${staleCount}` : "none"],
      ].map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v))))),
    h("div", { class: "workspace" }, outlineBox,
      h("div", { class: "page" },
        h("h2", { class: "section-title" }, "Live state per deploy target"),
        states.length ? cards : h("p", {}, "No live-state report yet (reporters POST them to /livestate)."),
        h("h2", { class: "section-title" }, "Recent deployments"), deployments),
      details));
  const outline = new Outline(outlineBox, "Deploy targets", { onSelect: (id) => select(id) });
  outline.render(states.map((s) => ({
    kind: "other", id: `target:${s.deployTarget}`, label: s.deployTarget,
    when: `${drifts.has(s.deployTarget) ? "drift" : "in sync"}${s.stale ? " · stale" : ""}`,
    colour: drifts.has(s.deployTarget) ? "#c2410c" : s.stale ? "#78716c" : "#16a34a",
  })));

  /** @param {string} id */
  const select = (id) => {
    const state = states.find((s) => `target:${s.deployTarget}` === id);
    if (!state) return;
    const drift = drifts.get(state.deployTarget);
    showFacts(details, `Deploy target ${state.deployTarget}`, [
      ["reported", fmtTime(state.reportedAt)], ["stale", state.stale ? "yes — no report for longer than the stale interval" : "no"],
      ["expected", drift?.expected ?? "matches the last deployment"], ["actual", drift ? drift.actual.join(", ") : "—"],
      ["drifted since", drift ? fmtTime(drift.since) : "—"], ["earlier reports", String(state.history.totalCount)],
    ], { liveState: state, drift: drift ?? null }, { type: "LiveState", fields: { reported: "reportedAt", stale: "stale", "earlier reports": "history" } });
    outline.select(id);
    app.querySelector(`[data-target="${CSS.escape(state.deployTarget)}"]`)?.scrollIntoView({ block: "nearest" });
  };
  ready({ targets: states.length });
  return () => {};
}

/** One deploy target's card. @param {LiveState} state @param {Drift | undefined} drift */
function card(state, drift) {
  return h("article", { class: `card${state.stale ? " stale" : ""}`, "data-target": state.deployTarget },
    h("h3", {}, state.deployTarget,
      drift ? h("span", { class: "badge drift", title: `expected ${drift.expected}` }, "drift") : h("span", { class: "badge insync" }, "in sync"),
      state.stale ? h("span", { class: "badge stale", title: "the latest report is older than the stale interval" }, "stale") : null),
    h("p", { class: "note" }, `reported ${fmtTime(state.reportedAt)}`),
    drift ? h("p", { class: "drift-text" }, "expected ", h("code", {}, drift.expected), h("br"), "running ", h("code", {}, drift.actual.join(", ")), h("br"), `since ${fmtTime(drift.since)}`) : null,
    h("table", { class: "list resources" },
      h("thead", {}, h("tr", {}, ["kind", "name", "health", "version"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, state.resources.map((r) => h("tr", {}, h("td", {}, r.kind), h("td", {}, r.namespace ? `${r.namespace}/${r.name}` : r.name), h("td", {}, r.health ?? "—"), h("td", {}, r.version ?? "—"))))));
}
