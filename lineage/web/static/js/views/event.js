// /events/{id}?up=N&down=M: one event with N levels of causes and M levels of effects; nodes at
// the edge expand lazily ("+"), and a level wider than the cap shows "+N more" instead.

import { gql } from "../api.js";
import { fill, h } from "../dom.js";
import { GraphView, MAX_DRAWN_NODES, graphToolbar } from "../graph_view.js";
import { Outline } from "../outline.js";
import { OUTCOME_COLOUR, SUBJECT_SHAPES, eventLabel, outcomes } from "../outcome.js";
import { legend, showEvent, showError, showFacts, viewHead, workspace } from "../panels.js";
import { EXPAND_QUERY, TRAVERSE_QUERY } from "../queries.js";
import { busy, ready } from "../ready.js";
import { chainEdges } from "./chain.js";

const COLUMN = 170;
const ROW = 58;
const MAX_DEPTH = 10;
const DEFAULT_CAP = 250;

/**
 * @typedef {import("../outcome.js").LineageEvent} LineageEvent
 * @typedef {import("../panels.js").LineageLink} LineageLink
 * @typedef {{event: LineageEvent, level: number}} Placed  level < 0 upstream, > 0 downstream
 */

/** A whole number from the URL within bounds. @param {string} key @param {number} fallback @param {number} max */
function intParam(key, fallback, max) {
  const raw = Number.parseInt(new URLSearchParams(location.search).get(key) ?? "", 10);
  return Number.isFinite(raw) ? Math.max(0, Math.min(max, raw)) : fallback;
}

/** @param {HTMLElement} app @param {string} eventId */
export async function renderEvent(app, eventId) {
  busy();
  const started = performance.now();
  const up = intParam("up", 2, MAX_DEPTH);
  const down = intParam("down", 2, MAX_DEPTH);
  const cap = Math.max(1, intParam("cap", DEFAULT_CAP, 100000));
  // traverse needs maxDepth >= 1: a side with 0 levels is left out of the query.
  const data = await gql(TRAVERSE_QUERY, { id: eventId, up: Math.max(up, 1), down: Math.max(down, 1), withUp: up > 0, withDown: down > 0, limit: MAX_DRAWN_NODES });
  const nothing = { nodes: /** @type {any[]} */ ([]), links: /** @type {any[]} */ ([]), truncated: false };
  data.upstream ??= nothing;
  data.downstream ??= nothing;
  /** @type {LineageEvent | null} */
  const root = data.event;
  if (!root) {
    showError(app, `No event with id "${eventId}".`);
    ready({ empty: true });
    return () => {};
  }
  /** @type {Map<string, Placed>} */
  const placed = new Map([[root.id, { event: root, level: 0 }]]);
  for (const node of data.downstream.nodes) if (!placed.has(node.event.id)) placed.set(node.event.id, { event: node.event, level: node.depth });
  for (const node of data.upstream.nodes) if (!placed.has(node.event.id)) placed.set(node.event.id, { event: node.event, level: -node.depth });
  /** @type {LineageLink[]} */
  const links = [...data.upstream.links, ...data.downstream.links];
  const truncated = data.upstream.truncated || data.downstream.truncated;

  const depthLink = (/** @type {string} */ key, /** @type {number} */ value, /** @type {string} */ text) => {
    const url = new URL(location.href);
    url.searchParams.set(key, String(value));
    return h("a", { href: url.pathname + url.search, "data-nav": "", title: `${key}=${value}` }, text);
  };
  /** @param {string} key @param {number} value */
  const depthControl = (key, value) => h("span", {}, String(value), " (",
    value > 0 ? depthLink(key, value - 1, "fewer") : "fewer", " · ", value < MAX_DEPTH ? depthLink(key, value + 1, "more") : "more", ")");
  const ws = workspace();
  fill(app, ws.root);
  const view = new GraphView(ws.stage, { onTap: (node) => onTap(node.id()) });
  ws.stage.append(legend());
  const outline = new Outline(ws.outline, "Drawn events by level", {
    onSelect: (id) => select(id, true),
  });
  app.prepend(viewHead("Event", root.type ?? root.id, [
    ["id", root.id],
    ["upstream levels", depthControl("up", up)],
    ["downstream levels", depthControl("down", down)],
    ["drawn", `${placed.size} events${truncated ? ` (the API stopped at ${MAX_DRAWN_NODES}: narrow the levels)` : ""}`],
  ], [...graphToolbar(view, () => `event-${root.id}.png`)]));

  // Level caps: a level wider than `cap` draws its first `cap` events and one "+N more" node.
  /** @type {Map<number, Placed[]>} */
  const levels = new Map();
  for (const p of placed.values()) {
    if (!levels.has(p.level)) levels.set(p.level, []);
    levels.get(p.level).push(p);
  }
  /** @type {Map<number, number>} hidden events per level */
  const more = new Map();
  for (const [level, list] of levels) {
    list.sort((a, b) => (a.event.timestamp ?? "").localeCompare(b.event.timestamp ?? ""));
    if (list.length > cap) {
      more.set(level, list.length - cap);
      for (const p of list.splice(cap)) placed.delete(p.event.id);
    }
  }
  /** @type {Set<string>} nodes whose neighbours beyond the drawn levels can be fetched */
  const expandable = new Set([...placed.values()].filter((p) => (p.level === down && p.level > 0) || (p.level === -up && p.level < 0) || (p.level === 0 && (up === 0 || down === 0))).map((p) => p.event.id));
  /** @type {Set<string>} */
  const expanded = new Set();

  /** Positions: one column per level, rows ordered by the mean row of linked nodes in the previous column. */
  const layout = () => {
    const edges = chainEdges(links, new Map([...placed].map(([id, p]) => [id, p.event])));
    /** @type {Map<string, string[]>} */
    const neighbours = new Map();
    for (const e of edges) {
      for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
        if (!neighbours.has(a)) neighbours.set(a, []);
        neighbours.get(a).push(b);
      }
    }
    /** @type {Map<string, {x: number, y: number}>} */
    const positions = new Map();
    const order = [...levels.keys()].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
    for (const level of order) {
      const list = (levels.get(level) ?? []).filter((p) => placed.has(p.event.id));
      const score = (/** @type {Placed} */ p) => {
        const ys = (neighbours.get(p.event.id) ?? []).map((n) => positions.get(n)?.y).filter((y) => y !== undefined);
        return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : 0;
      };
      const scores = new Map(list.map((p) => [p.event.id, score(p)]));
      list.sort((a, b) => scores.get(a.event.id) - scores.get(b.event.id));
      const rows = list.length + (more.has(level) ? 1 : 0);
      list.forEach((p, i) => positions.set(p.event.id, { x: level * COLUMN, y: (i - (rows - 1) / 2) * ROW }));
      if (more.has(level)) positions.set(`more:${level}`, { x: level * COLUMN, y: (rows - 1 - (rows - 1) / 2) * ROW });
    }
    return { positions, edges };
  };

  const outcomeOf = () => outcomes([...placed.values()].map((p) => p.event));

  const draw = () => {
    const { positions, edges } = layout();
    const colours = outcomeOf();
    /** @type {any[]} */
    const elements = [];
    for (const p of placed.values()) {
      /** @type {string[]} */
      const classes = [colours.get(p.event.id)];
      if (p.event.placeholder) classes.push("placeholder");
      if (p.level === 0) classes.push("start");
      if (expandable.has(p.event.id) && !expanded.has(p.event.id)) classes.push("expandable");
      const label = `${expandable.has(p.event.id) && !expanded.has(p.event.id) ? "+ " : ""}${eventLabel(p.event)}`;
      elements.push({ group: "nodes", data: { id: p.event.id, label, shape: SUBJECT_SHAPES[p.event.subjectType ?? ""] ?? "round-rectangle" }, classes: classes.join(" "), position: positions.get(p.event.id) });
    }
    for (const [level, count] of more) {
      elements.push({ group: "nodes", data: { id: `more:${level}`, label: `+${count} more`, shape: "round-rectangle" }, classes: "more", position: positions.get(`more:${level}`) });
    }
    for (const e of edges) elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target }, classes: e.classes });
    view.cy.batch(() => { view.cy.elements().remove(); view.cy.add(elements); });
    renderOutline();
  };

  const renderOutline = () => {
    const colours = outcomeOf();
    /** @type {import("../outline.js").OutlineItem[]} */
    const items = [];
    for (const level of [...levels.keys()].sort((a, b) => a - b)) {
      for (const p of (levels.get(level) ?? []).filter((q) => placed.has(q.event.id))) {
        const e = p.event;
        const canExpand = expandable.has(e.id) && !expanded.has(e.id);
        items.push({
          kind: "event", id: e.id, label: e.placeholder ? `placeholder ${e.id}` : `${e.subjectType} ${e.predicate}`,
          when: level === 0 ? "focus" : level < 0 ? `↑${-level}` : `↓${level}`, colour: OUTCOME_COLOUR[colours.get(e.id)], title: `${e.type ?? ""} ${e.id}`,
          action: canExpand ? { label: "+", title: "Fetch the next level from here", run: () => void expand(e.id) } : undefined,
        });
      }
      if (more.has(level)) items.push({ kind: "other", id: `more:${level}`, label: `+${more.get(level)} more at this level`, action: { label: "show", title: "Raise the per-level cap", run: () => raiseCap() } });
    }
    outline.render(items);
  };

  const raiseCap = () => {
    const url = new URL(location.href);
    url.searchParams.set("cap", String(cap * 4));
    history.pushState(null, "", url);
    window.dispatchEvent(new PopStateEvent("popstate"));
  };

  /** Fetch one more level beyond a frontier node, drawn beside it; nothing drawn moves. @param {string} id */
  const expand = async (id) => {
    const from = placed.get(id);
    if (!from || expanded.has(id)) return;
    busy();
    expanded.add(id);
    // Away from the focus; from the focus itself, towards the side that shows no level.
    const upwards = from.level < 0 || (from.level === 0 && down > 0);
    const answer = await gql(EXPAND_QUERY, { id, direction: upwards ? "UPSTREAM" : "DOWNSTREAM" });
    const level = from.level + (upwards ? -1 : 1);
    const fresh = answer.traverse.nodes.map((/** @type {any} */ n) => n.event).filter((/** @type {LineageEvent} */ e) => !placed.has(e.id));
    if (placed.size + fresh.length > MAX_DRAWN_NODES) {
      view.say(`That would draw more than ${MAX_DRAWN_NODES} events — too large; narrow it by focusing on one of them.`);
      ready({ tooLarge: true });
      return;
    }
    const anchor = view.cy.getElementById(id).position();
    const colours = outcomes(fresh);
    view.cy.batch(() => {
      view.cy.getElementById(id).removeClass("expandable").data("label", eventLabel(from.event));
      fresh.forEach((/** @type {LineageEvent} */ e, /** @type {number} */ i) => {
        placed.set(e.id, { event: e, level });
        levels.set(level, [...(levels.get(level) ?? []), { event: e, level }]);
        expandable.add(e.id);
        view.cy.add({
          group: "nodes", data: { id: e.id, label: `+ ${eventLabel(e)}`, shape: SUBJECT_SHAPES[e.subjectType ?? ""] ?? "round-rectangle" },
          classes: `${colours.get(e.id)} expandable new`,
          position: { x: anchor.x + (level - from.level) * COLUMN, y: anchor.y + (i - (fresh.length - 1) / 2) * ROW },
        });
      });
      links.push(...answer.traverse.links);
      const edges = chainEdges(answer.traverse.links, new Map([...placed].map(([k, p]) => [k, p.event])));
      for (const e of edges) if (view.cy.getElementById(e.id).empty()) view.cy.add({ group: "edges", data: { id: e.id, source: e.source, target: e.target }, classes: e.classes });
    });
    setTimeout(() => view.cy.nodes(".new").removeClass("new"), 2500);
    renderOutline();
    ready({ expanded: id, added: fresh.length });
  };

  /** @param {string} id */
  const onTap = (id) => {
    if (id.startsWith("more:")) { raiseCap(); return; }
    select(id, false);
    if (expandable.has(id) && !expanded.has(id)) void expand(id);
  };

  /** @param {string} id @param {boolean} centre */
  const select = (id, centre) => {
    const p = placed.get(id);
    if (!p) {
      if (id.startsWith("more:")) showFacts(ws.details, "Hidden events", [["level", id.slice(5)], ["not drawn", String(more.get(Number(id.slice(5))))]], { level: id.slice(5) });
      return;
    }
    showEvent(ws.details, p.event, links.filter((l) => l.fromId === id || l.toId === id));
    outline.select(id);
    if (centre) view.focus(id);
  };

  draw();
  view.fit();
  select(root.id, false);
  await view.drawn();
  ready({ nodes: placed.size, ms: performance.now() - started });
  return () => view.destroy();
}
