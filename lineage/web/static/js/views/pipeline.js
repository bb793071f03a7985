// /pipelines/{id}: one pipeline execution — its stages with status and duration, then the
// environments it promoted to, in promotion order (CDEvents runs and Weave GitOps alike).

import { gql } from "../api.js";
import { fill, fmtDuration, fmtTime, h, navLink, viewPath } from "../dom.js";
import { GraphView, graphToolbar } from "../graph_view.js";
import { Outline } from "../outline.js";
import { OUTCOME_COLOUR } from "../outcome.js";
import { legend, showError, showFacts, viewHead, workspace } from "../panels.js";
import { PIPELINE_QUERY } from "../queries.js";
import { busy, ready } from "../ready.js";

const COLUMN = 190;
const ROW = 70;

/** @type {Record<string, import("../outcome.js").Outcome>} execution / stage / environment status → colour class */
const STATUS_OUTCOME = {
  succeeded: "succeeded", failed: "failed", rolled_back: "rolledback", running: "running", queued: "running",
  pending: "placeholder", cancelled: "neutral", unknown: "neutral",
};

/**
 * @typedef {import("../outcome.js").LineageEvent} LineageEvent
 * @typedef {{id: string, name: string, status: string, startedAt?: string, finishedAt?: string, duration?: number, artifacts: string[], events: LineageEvent[]}} Stage
 * @typedef {{name: string, order: number, status: string, time?: string, artifactId?: string, events: LineageEvent[]}} Environment
 */

/** Event links for a details panel. @param {LineageEvent[]} events */
function eventList(events) {
  if (!events.length) return "—";
  return h("ul", { class: "links-list" }, events.map((e) => h("li", {}, navLink(`${viewPath("events", e.id)}?up=1&down=1`, `${e.subjectType} ${e.predicate}`), ` ${fmtTime(e.timestamp)}`)));
}

/** @param {HTMLElement} app @param {string} executionId */
export async function renderPipeline(app, executionId) {
  busy();
  const data = await gql(PIPELINE_QUERY, { id: executionId });
  const run = data.pipelineExecution;
  if (!run) {
    showError(app, `No pipeline execution with id "${executionId}" (a CDEvents pipeline run's subject id, or namespace/name of a Weave PipelineExecution).`);
    ready({ empty: true });
    return () => {};
  }
  /** @type {Stage[]} */
  const stages = [...run.stages].sort((a, b) => (a.startedAt ?? "").localeCompare(b.startedAt ?? ""));
  /** @type {Environment[]} */
  const environments = [...run.environments].sort((a, b) => a.order - b.order);
  const ws = workspace();
  fill(app, ws.root);
  const view = new GraphView(ws.stage, { onTap: (node) => select(node.id(), false) });
  ws.stage.append(legend());
  const outline = new Outline(ws.outline, "Stages, then environments", { onSelect: (id) => select(id, true) });
  const status = h("span", { class: `badge ${STATUS_OUTCOME[run.status] ?? ""}` }, run.status);
  app.prepend(viewHead("Pipeline run", run.name, [
    ["status", status],
    ["pipeline", run.pipelineName ?? "—"],
    ["namespace", run.namespace ?? "—"],
    ["from", run.origin === "weave" ? "Weave GitOps" : "CDEvents"],
    ["started", fmtTime(run.startedAt)],
    ["finished", fmtTime(run.finishedAt)],
    ["duration", fmtDuration(run.duration)],
    ["chain", run.chainId ? navLink(viewPath("chains", run.chainId), run.chainId) : "—"],
    ...run.conditions.map((/** @type {any} */ c) => [`condition ${c.type}`, `${c.status}${c.reason ? ` (${c.reason})` : ""}`]),
  ], [...graphToolbar(view, () => `pipeline-${run.id.replace(/[^\w.-]+/g, "_")}.png`)]));

  // Stages: a new column unless it started before the previous column's stages finished.
  /** @type {any[]} */
  const elements = [];
  let column = -1;
  let row = 0;
  let columnEnd = "";
  /** @type {string[][]} */
  const columns = [];
  for (const stage of stages) {
    if (column < 0 || !stage.startedAt || stage.startedAt >= columnEnd) { column += 1; row = 0; columns.push([]); columnEnd = ""; } else row += 1;
    columns[column].push(`stage:${stage.id}`);
    if ((stage.finishedAt ?? "") > columnEnd) columnEnd = stage.finishedAt ?? "";
    elements.push({
      group: "nodes",
      data: { id: `stage:${stage.id}`, label: `${stage.name}\n${stage.status} · ${fmtDuration(stage.duration)}`, shape: "rectangle" },
      classes: `${STATUS_OUTCOME[stage.status] ?? "neutral"} deploy`, position: { x: column * COLUMN, y: row * ROW },
    });
  }
  for (let c = 1; c < columns.length; c++) {
    for (const from of columns[c - 1]) for (const to of columns[c]) elements.push({ group: "edges", data: { id: `${from}>${to}`, source: from, target: to } });
  }
  const firstEnvColumn = column + 1;
  environments.forEach((env, i) => {
    elements.push({
      group: "nodes",
      data: { id: `env:${env.name}`, label: `${env.name}\n${env.status.replace("_", " ")}${env.time ? `\n${fmtTime(env.time).slice(5, 16)}` : ""}`, shape: "barrel" },
      classes: `${STATUS_OUTCOME[env.status] ?? "neutral"} deploy`, position: { x: (firstEnvColumn + i) * COLUMN + 40, y: 0 },
    });
    const previous = i === 0 ? columns[columns.length - 1] ?? [] : [`env:${environments[i - 1].name}`];
    for (const from of previous) elements.push({ group: "edges", data: { id: `${from}>env:${env.name}`, source: from, target: `env:${env.name}` }, classes: "promotion" });
  });
  if (!elements.length) view.say("This execution reported no stages and no environments yet.");
  view.cy.add(elements);

  /** @type {import("../outline.js").OutlineItem[]} */
  const items = [
    ...stages.map((s) => /** @type {import("../outline.js").OutlineItem} */ ({ kind: "other", id: `stage:${s.id}`, label: `stage ${s.name}`, when: fmtDuration(s.duration), colour: OUTCOME_COLOUR[STATUS_OUTCOME[s.status] ?? "neutral"] })),
    ...environments.map((e) => /** @type {import("../outline.js").OutlineItem} */ ({ kind: "other", id: `env:${e.name}`, label: `${e.order + 1}. ${e.name}`, when: e.status.replace("_", " "), colour: OUTCOME_COLOUR[STATUS_OUTCOME[e.status] ?? "neutral"] })),
  ];
  outline.render(items);

  /** @param {string} id @param {boolean} centre */
  const select = (id, centre) => {
    const stage = stages.find((s) => `stage:${s.id}` === id);
    const env = environments.find((e) => `env:${e.name}` === id);
    if (stage) {
      showFacts(ws.details, "Stage", [
        ["name", stage.name], ["task run", stage.id], ["status", h("span", { class: `badge ${STATUS_OUTCOME[stage.status] ?? ""}` }, stage.status)],
        ["started", fmtTime(stage.startedAt)], ["finished", fmtTime(stage.finishedAt)], ["duration", fmtDuration(stage.duration)],
        ["artifacts", stage.artifacts.join(", ") || "—"], ["events", eventList(stage.events)],
      ], stage, { type: "Stage", fields: { name: "name", "task run": "id", status: "status", started: "startedAt", finished: "finishedAt", duration: "duration", artifacts: "artifacts", events: "events" } });
    } else if (env) {
      showFacts(ws.details, "Environment", [
        ["name", env.name], ["promotion step", String(env.order + 1)], ["status", h("span", { class: `badge ${STATUS_OUTCOME[env.status] ?? ""}` }, env.status)],
        ["when", fmtTime(env.time)], ["artifact", env.artifactId ?? "—"], ["events", eventList(env.events)],
      ], env, { type: "PipelineEnvironment", fields: { name: "name", "promotion step": "order", status: "status", when: "time", artifact: "artifactId", events: "events" } });
    } else return;
    outline.select(id);
    if (centre) view.focus(id);
  };

  view.fit();
  ready({ stages: stages.length, environments: environments.length });
  return () => view.destroy();
}
