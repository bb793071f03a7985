// /commits/{hash}: every deployment a commit reached, as swimlanes per environment on a time axis.

import { gql } from "../api.js";
import { fill, fmtTime, h, navLink, viewPath } from "../dom.js";
import { GraphView, graphToolbar } from "../graph_view.js";
import { subscribe } from "../live.js";
import { Outline } from "../outline.js";
import { OUTCOME_COLOUR, SUBJECT_SHAPES, eventLabel } from "../outcome.js";
import { showError, showEvent, showFacts, viewHead, workspace } from "../panels.js";
import { COMMIT_QUERY, EVENTS_INGESTED } from "../queries.js";
import { busy, ready } from "../ready.js";

const LABEL_X = -170;
/** Where the lane bands start (left of the lane labels) and how far they reach past the axis. */
const BAND_LEFT = LABEL_X - 20;
const BAND_RIGHT = 100;
/** The time axis and lanes are sized to the canvas, within these bounds (model pixels). */
const AXIS_W = { min: 480, max: 2400 };
const LANE_H = { min: 90, max: 150 };
/** Room above the first lane for the time axis' labels, and GraphView.fit's padding. */
const AXIS_ROOM = 70;
const FIT_PAD = 40;
const PROMOTION = ["dev", "development", "test", "qa", "int", "integration", "staging", "stage", "preprod", "uat", "prod", "production"];

/** @typedef {import("../outcome.js").LineageEvent} LineageEvent */
/**
 * @typedef {{id: string, application: string, environment?: string, status: string, artifactId?: string,
 *   startedAt?: string, completedAt?: string, origin: string, traceCommitHash?: string,
 *   manifestCommitHash?: string, event?: LineageEvent, path: LineageEvent[]}} Deployment
 */

/** @type {Record<string, import("../outcome.js").Outcome>} */
const STATUS_OUTCOME = {
  SUCCESS: "succeeded", FAILURE: "failed", ROLLED_BACK: "rolledback", ROLLING_BACK: "rolledback",
  RUNNING: "running", PENDING: "running", PLANNED: "placeholder", CANCELLED: "neutral",
};

/** Environments in promotion order: known names by the usual order, the rest by first deployment. @param {Deployment[]} deployments */
export function laneOrder(deployments) {
  /** @type {Map<string, string>} */
  const first = new Map();
  for (const d of deployments) {
    const env = d.environment ?? "unknown";
    const at = d.startedAt ?? d.completedAt ?? "";
    if (!first.has(env) || at < first.get(env)) first.set(env, at);
  }
  const rank = (/** @type {string} */ env) => {
    const i = PROMOTION.findIndex((p) => env.toLowerCase() === p || env.toLowerCase().startsWith(`${p}-`) || env.toLowerCase().endsWith(`-${p}`));
    return i < 0 ? PROMOTION.length : i;
  };
  return [...first.keys()].sort((a, b) => rank(a) - rank(b) || first.get(a).localeCompare(first.get(b)));
}

/** @param {HTMLElement} app @param {string} hash */
export async function renderCommit(app, hash) {
  busy();
  const data = await gql(COMMIT_QUERY, { hash });
  let trace = data.deploymentTrace;
  if (!trace) {
    showError(app, `No record names the commit "${hash}" (a full hash, or a unique prefix of 7+ hex digits).`);
    ready({ empty: true });
    return () => {};
  }
  const liveBadge = h("span", { class: "live" }, "live: connecting");
  const ws = workspace();
  fill(app, ws.root);
  const view = new GraphView(ws.stage, { onTap: (node) => select(node.id(), false) });
  const outline = new Outline(ws.outline, "Deployments by environment", { onSelect: (id) => select(id, true) });
  const head = h("div");
  app.prepend(head);
  /**
   * The time scale and lane height, fixed at the first draw so nothing moves later: sized so the
   * lanes fill the canvas at about full size (the drawing's own width, not a fixed one squeezed
   * into whatever canvas the window gives).
   * @type {{t0: number, pxPerMs: number, axisW: number, laneH: number} | null}
   */
  let scale = null;
  /** @type {Set<string>} deployments whose path is drawn */
  const pathsShown = new Set();

  const timeOf = (/** @type {Deployment} */ d) => Date.parse(d.startedAt ?? d.completedAt ?? trace.commitTimestamp ?? trace.createdAt);
  const x = (/** @type {number} */ t) => (t - scale.t0) * scale.pxPerMs;

  const draw = () => {
    /** @type {Deployment[]} */
    const deployments = trace.deployments;
    const commitAt = Date.parse(trace.commitTimestamp ?? trace.createdAt ?? deployments[0]?.startedAt ?? new Date().toISOString());
    const lanes = laneOrder(deployments);
    if (!scale) {
      const last = Math.max(commitAt + 60_000, ...deployments.map(timeOf).filter(Number.isFinite));
      const clamp = (/** @type {number} */ v, /** @type {{min: number, max: number}} */ range) => Math.max(range.min, Math.min(range.max, v));
      const axisW = clamp(view.cy.width() - 2 * FIT_PAD - (BAND_RIGHT - BAND_LEFT), AXIS_W);
      const laneH = clamp((view.cy.height() - 2 * FIT_PAD - AXIS_ROOM) / (lanes.length + 1), LANE_H);
      scale = { t0: commitAt, pxPerMs: axisW / Math.max(last - commitAt, 60_000), axisW, laneH };
    }
    const laneH = scale.laneH;
    fill(head, viewHead("Commit", trace.commitHash, [
      ["title", trace.title ?? "—"],
      ["author", trace.author ?? "—"],
      ["committed", trace.commitTimestamp ? fmtTime(trace.commitTimestamp) : `— (first reported ${fmtTime(trace.createdAt)})`],
      ["deployments", String(deployments.length)],
      ["also known as", trace.aliases.filter((/** @type {string} */ a) => a !== trace.commitHash).join(", ") || "—"],
    ], [...graphToolbar(view, () => `commit-${trace.commitHash.slice(0, 12)}.png`), h("span", { class: "sep" }), h("span", { class: "note" }, "click a deployment for its path from the commit"), h("span", { class: "sep" }), liveBadge]));
    /** @type {any[]} */
    const elements = [];
    const laneY = (/** @type {string} */ env) => (lanes.indexOf(env) + 1) * laneH;
    const bandW = scale.axisW + BAND_RIGHT - BAND_LEFT;
    ["commit", ...lanes].forEach((env, i) => {
      const y = i * laneH;
      elements.push({ group: "nodes", data: { id: `band:${env}`, w: bandW, h: laneH - 6 }, classes: `band${i % 2 ? " odd" : ""}`, position: { x: BAND_LEFT + bandW / 2, y }, locked: true, selectable: false });
      elements.push({ group: "nodes", data: { id: `lane:${env}`, label: env }, classes: "lane", position: { x: LABEL_X - 10, y }, locked: true, selectable: false });
    });
    // Time axis: ticks above the commit lane.
    const span = scale.axisW / scale.pxPerMs;
    for (let i = 0; i <= 5; i++) {
      const t = scale.t0 + (span * i) / 5;
      elements.push({ group: "nodes", data: { id: `tick:${i}`, label: fmtTime(new Date(t).toISOString()).replace(" UTC", "") }, classes: "tick", position: { x: x(t), y: -laneH / 2 - 8 }, locked: true });
    }
    elements.push({ group: "nodes", data: { id: "commit", label: `commit\n${trace.commitHash.slice(0, 10)}`, shape: "ellipse" }, classes: "neutral start", position: { x: 0, y: 0 } });
    /** @type {Map<string, number[]>} x positions taken per lane, to stack deployments close in time */
    const taken = new Map();
    for (const d of deployments) {
      const env = d.environment ?? "unknown";
      let px = x(timeOf(d));
      let py = laneY(env);
      const used = taken.get(env) ?? [];
      const near = used.filter((u) => Math.abs(u - px) < 150).length;
      py += near * 22 - (near ? 11 : 0);
      px += near * 14;
      used.push(px);
      taken.set(env, used);
      const outcome = STATUS_OUTCOME[d.status] ?? "neutral";
      elements.push({
        group: "nodes",
        data: { id: d.id, label: `${d.application}\n${d.status.toLowerCase().replace("_", " ")}${d.artifactId ? `\n${shortArtifact(d.artifactId)}` : ""}`, shape: "round-rectangle" },
        classes: `${outcome} deploy`, position: { x: px, y: py },
      });
      elements.push({ group: "edges", data: { id: `reach:${d.id}`, source: "commit", target: d.id }, classes: "timeline" });
    }
    // Paths on demand: one row each below the lanes, the commit's events in order, evenly spaced.
    [...pathsShown].forEach((id, row) => {
      const d = deployments.find((dep) => dep.id === id);
      if (!d) return;
      const steps = d.path.filter((e) => e.id !== d.id);
      const py = (lanes.length + 1 + row) * laneH;
      elements.push({ group: "nodes", data: { id: `lane:path:${d.id}`, label: `path to ${d.environment ?? d.id}` }, classes: "lane", position: { x: LABEL_X - 10, y: py }, locked: true, selectable: false });
      steps.forEach((e, i) => {
        const nodeId = `path:${d.id}:${e.id}`;
        elements.push({ group: "nodes", data: { id: nodeId, label: eventLabel(e), shape: SUBJECT_SHAPES[e.subjectType ?? ""] ?? "round-rectangle", event: e.id }, classes: "neutral", position: { x: i * 130, y: py } });
        const prev = i === 0 ? "commit" : `path:${d.id}:${steps[i - 1].id}`;
        elements.push({ group: "edges", data: { id: `pe:${d.id}:${i}`, source: prev, target: nodeId }, classes: "critical" });
      });
      if (steps.length) elements.push({ group: "edges", data: { id: `pe:${d.id}:end`, source: `path:${d.id}:${steps[steps.length - 1].id}`, target: d.id }, classes: "critical" });
    });
    view.cy.batch(() => { view.cy.elements().remove(); view.cy.add(elements); });
    outline.render(lanes.flatMap((env) => {
      const inLane = deployments.filter((d) => (d.environment ?? "unknown") === env);
      /** @type {import("../outline.js").OutlineItem} */
      const lane = { kind: "other", id: `lane:${env}`, label: env, when: `${inLane.length} deployment${inLane.length === 1 ? "" : "s"}` };
      return [lane, ...inLane.map((d) => deploymentItem(d))];
    }));
  };

  /** @param {Deployment} d @returns {import("../outline.js").OutlineItem} */
  const deploymentItem = (d) => {
    const base = { label: `${d.application} ${d.status.toLowerCase()}`, when: (d.startedAt ?? d.completedAt ?? "").slice(5, 16).replace("T", " "), colour: OUTCOME_COLOUR[STATUS_OUTCOME[d.status] ?? "neutral"], title: d.artifactId ?? "" };
    return d.event ? { kind: "event", id: d.id, ...base } : { kind: "other", id: d.id, ...base };
  };

  /** @param {string} id @param {boolean} centre */
  const select = (id, centre) => {
    if (id.startsWith("path:")) {
      const eventId = view.cy.getElementById(id).data("event");
      const event = trace.deployments.flatMap((/** @type {Deployment} */ d) => d.path).find((/** @type {LineageEvent} */ e) => e.id === eventId);
      if (event) showEvent(ws.details, event, []);
      return;
    }
    /** @type {Deployment | undefined} */
    const d = trace.deployments.find((/** @type {Deployment} */ dep) => dep.id === id);
    if (!d) return;
    const toggle = h("button", { type: "button", "data-action": "path" }, pathsShown.has(d.id) ? "Hide path from the commit" : `Show path from the commit (${d.path.length} events)`);
    toggle.addEventListener("click", () => {
      if (pathsShown.has(d.id)) pathsShown.delete(d.id);
      else pathsShown.add(d.id);
      draw();
      view.fit(); // the path rows sit below the lanes: bring them into view
      select(d.id, false);
    });
    showFacts(ws.details, "Deployment", [
      ["application", navLink(viewPath("applications", d.application), d.application)],
      ["environment", d.environment ?? "—"],
      ["status", h("span", { class: `badge ${STATUS_OUTCOME[d.status] ?? ""}` }, d.status)],
      ["artifact", d.artifactId ?? "—"],
      ["started", fmtTime(d.startedAt)],
      ["completed", fmtTime(d.completedAt)],
      ["origin", d.origin],
      ["manifest commit", d.manifestCommitHash ?? "—"],
      ["event", d.event ? navLink(`${viewPath("events", d.event.id)}?up=3&down=1`, d.event.id) : "— (PipeCD record)"],
      ["path", d.path.length ? toggle : "— (no events between the commit and it)"],
    ], d, { type: "Deployment", fields: {
      application: "application", environment: "environment", status: "status", artifact: "artifactId", started: "startedAt",
      completed: "completedAt", origin: "origin", "manifest commit": "manifestCommitHash", event: "event", path: "path",
    } });
    outline.select(id);
    if (centre) view.focus(id);
  };

  draw();
  view.fit();
  ready({ deployments: trace.deployments.length });

  // New events may add deployments of this commit: ask again (debounced) and redraw in place.
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let pending;
  const live = subscribe(EVENTS_INGESTED, {}, () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      busy();
      const again = await gql(COMMIT_QUERY, { hash });
      if (again.deploymentTrace) trace = again.deploymentTrace;
      draw();
      ready({ deployments: trace.deployments.length, live: true });
    }, 150);
  }, {
    onError: (message) => { liveBadge.textContent = `live: ${message}`; },
    onLive: () => { liveBadge.textContent = "live"; liveBadge.classList.add("on"); },
  });
  return () => { clearTimeout(pending); live.close(); view.destroy(); };
}

/** `payments@sha256:1234…` from a purl or image reference. @param {string} artifact */
function shortArtifact(artifact) {
  const name = artifact.replace(/^pkg:[a-z]+\//, "").replace(/\?.*$/, "").replace("%3A", ":");
  return name.length > 26 ? `${name.slice(0, 25)}…` : name;
}
