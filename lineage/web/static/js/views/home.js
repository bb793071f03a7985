// /: recent chains, newest first, with filters kept in the URL (?since=&until=&type=&complete=).

import { gql } from "../api.js";
import { fill, fmtDuration, fmtTime, h, navLink, viewPath } from "../dom.js";
import { API_OUTCOME, OUTCOME_LABEL } from "../outcome.js";
import { CHAINS_QUERY } from "../queries.js";
import { busy, ready } from "../ready.js";

const COMMON_TYPES = [
  "dev.cdevents.change.merged.0.2.0", "dev.cdevents.pipelinerun.started.0.2.0", "dev.cdevents.pipelinerun.finished.0.2.0",
  "dev.cdevents.build.finished.0.2.0", "dev.cdevents.artifact.published.0.2.0", "dev.cdevents.service.deployed.0.2.0",
  "dev.cdevents.service.rolledback.0.2.0", "dev.cdevents.incident.detected.0.2.0",
];

/** `2026-01-05T09:00` (datetime-local) → RFC 3339 UTC, or null. @param {string | null} local */
function toInstant(local) {
  return local ? `${local.length === 16 ? `${local}:00` : local}Z` : null;
}

/** @param {HTMLElement} app */
export async function renderHome(app) {
  busy();
  const params = new URLSearchParams(location.search);
  const since = h("input", { type: "datetime-local", name: "since", value: params.get("since") ?? "" });
  const until = h("input", { type: "datetime-local", name: "until", value: params.get("until") ?? "" });
  const type = h("input", { type: "text", name: "type", list: "event-types", placeholder: "any type", value: params.get("type") ?? "", size: 34 });
  const complete = h("select", { name: "complete" },
    h("option", { value: "" }, "any"), h("option", { value: "true" }, "complete"), h("option", { value: "false" }, "incomplete"));
  complete.value = params.get("complete") ?? "";
  const form = h("form", { class: "filters", "aria-label": "Filters" },
    h("label", {}, "active from (UTC)", since),
    h("label", {}, "active until (UTC)", until),
    h("label", {}, "with an event of type", type, h("datalist", { id: "event-types" }, COMMON_TYPES.map((t) => h("option", { value: t })))),
    h("label", {}, "status", complete),
    h("button", { type: "submit" }, "Apply"),
    h("button", { type: "reset" }, "Clear"),
  );
  const table = h("div");
  fill(app, h("div", { class: "page" }, h("h1", { class: "section-title" }, "Recent chains"), form, table));

  const load = async () => {
    busy();
    /** @type {Record<string, any>} */
    const filter = {};
    if (since.value) filter.since = toInstant(since.value);
    if (until.value) filter.until = toInstant(until.value);
    if (type.value.trim()) filter.eventType = type.value.trim();
    if (complete.value) filter.complete = complete.value === "true";
    const data = await gql(CHAINS_QUERY, { filter, first: 50 });
    const rows = data.chains.edges.map((/** @type {any} */ edge) => {
      const c = edge.node;
      const status = API_OUTCOME[c.status] ?? "neutral";
      return h("tr", { "data-chain-id": c.id },
        h("td", {}, navLink(viewPath("chains", c.id), c.id, { title: "open the chain" })),
        h("td", {}, c.start ? `${c.start.subjectType ?? "?"} ${c.start.subject?.id ?? ""}` : "—"),
        h("td", {}, h("span", { class: `badge ${status}` }, OUTCOME_LABEL[status])),
        h("td", {}, c.complete ? "complete" : "incomplete"),
        h("td", { class: "num" }, String(c.eventCount)),
        h("td", {}, fmtTime(c.startedAt)),
        h("td", { class: "num" }, fmtDuration(c.duration)));
    });
    fill(table,
      h("p", { class: "note" }, `${data.chains.totalCount} chains match; the 50 most recently active:`),
      h("table", { class: "list" },
        h("thead", {}, h("tr", {}, ["chain", "starts with", "status", "END", "events", "started", "duration"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: "7" }, "No chain matches these filters.")))));
    ready({ rows: rows.length });
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    for (const [key, el] of /** @type {[string, HTMLInputElement | HTMLSelectElement][]} */ ([["since", since], ["until", until], ["type", type], ["complete", complete]])) {
      if (el.value.trim()) url.searchParams.set(key, el.value.trim());
      else url.searchParams.delete(key);
    }
    history.replaceState(null, "", url);
    void load();
  });
  form.addEventListener("reset", () => setTimeout(() => form.requestSubmit(), 0));
  await load();
  return () => {};
}
