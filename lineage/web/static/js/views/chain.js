// /chains/{id}: the chain as a left-to-right layered DAG with foldable fan groups.

import { gql } from "../api.js";
import { fill, fmtDuration, fmtTime, h, navLink, viewPath } from "../dom.js";
import { dagLayout } from "../dag_layout.js";
import { layeredLayout } from "../elk_layout.js";
import { FanFolds } from "../fan_fold.js";
import { GraphView, MAX_DRAWN_NODES, graphToolbar } from "../graph_view.js";
import { subscribe } from "../live.js";
import { Outline } from "../outline.js";
import { OUTCOME_COLOUR, SUBJECT_SHAPES, eventLabel, outcomes } from "../outcome.js";
import { legend, showEvent, showFacts, showError, viewHead, workspace } from "../panels.js";
import { CHAIN_QUERY, CHAIN_UPDATED, CRITICAL_PATH_QUERY } from "../queries.js";
import { busy, ready } from "../ready.js";

const NODE_W = 86;
const NODE_H = 40;
/** Room between layers: a folded fan group (140 wide) stands in for a layer of 86 and needs it. */
const LAYER_GAP = 50;
/** Above this many events, nested fan groups are laid out flat too (hierarchical ELK is slow). */
const NESTED_LAYOUT_LIMIT = 400;
/** Room a fan group's box takes around its members: its label at the top, padding elsewhere. */
const FAN_MARGIN = { side: 14, top: 26 };

/**
 * @typedef {import("../outcome.js").LineageEvent} LineageEvent
 * @typedef {import("../panels.js").LineageLink} LineageLink
 * @typedef {import("../dag_layout.js").Box} Box
 * @typedef {{id: string, complete: boolean, eventCount: number, startedAt?: string, endedAt?: string,
 *   duration?: number, startId?: string, endId?: string, events: LineageEvent[], links: LineageLink[],
 *   islands: {id: string}[][], fanGroups: import("../fan_fold.js").FanGroupData[]}} ChainData
 */

/** Read the view state kept in the URL (?open=…&inferred=hide&critical=1&select=…). */
function urlState() {
  const params = new URLSearchParams(location.search);
  return {
    open: new Set((params.get("open") ?? "").split(",").filter(Boolean)),
    showInferred: params.get("inferred") !== "hide",
    critical: params.get("critical") === "1",
    select: params.get("select"),
  };
}

/** Write one URL parameter without a new history entry. @param {string} key @param {string | null} value */
function setParam(key, value) {
  const url = new URL(location.href);
  if (value) url.searchParams.set(key, value);
  else url.searchParams.delete(key);
  history.replaceState(history.state, "", url);
}

/**
 * Draw the chain view into `app`; resolves to a function that tears it down.
 * @param {HTMLElement} app
 * @param {string} chainId
 * @param {Promise<any>} [query] the chain query already under way (main.js starts it with the page)
 */
export async function renderChain(app, chainId, query) {
  busy();
  // The canvas is made while the query is under way: Cytoscape's set-up overlaps the network.
  const ws = workspace();
  fill(app, ws.root);
  const view = new GraphView(ws.stage, { onTap: (node) => onTap(node.id()) });
  /** @type {ChainData | null} */
  let chain;
  try {
    chain = (await (query ?? gql(CHAIN_QUERY, { id: chainId }))).chain;
  } catch (error) {
    view.destroy();
    throw error;
  }
  performance.mark("chain:data");
  if (!chain) {
    view.destroy();
    showError(app, `No chain with id "${chainId}".`);
    ready({ empty: true });
    return () => {};
  }
  const state = urlState();
  const liveBadge = h("span", { class: "live", title: "new events appear as they arrive" }, "live: connecting");
  const inferredButton = h("button", { type: "button", "aria-pressed": String(state.showInferred), "data-action": "inferred" }, "Inferred links");
  const criticalButton = h("button", { type: "button", "aria-pressed": "false", "data-action": "critical" }, "Critical path");
  const criticalNote = h("span", { class: "note" });
  const foldAll = h("button", { type: "button", "data-action": "fold-all" }, "Fold all");
  const unfoldAll = h("button", { type: "button", "data-action": "unfold-all" }, "Unfold all");
  const facts = h("div");
  ws.stage.append(legend({ fans: true, marks: true }));
  const outline = new Outline(ws.outline, "Events", {
    onSelect: (id, kind) => (kind === "fan" ? selectFold(id) : selectEvent(id, true)),
    onToggle: (id) => toggle(id),
  });
  app.prepend(
    viewHead("Chain", chain.id, [], [
      ...graphToolbar(view, () => `chain-${chain.id}.png`),
      h("span", { class: "sep" }),
      inferredButton, criticalButton, foldAll, unfoldAll, criticalNote,
      h("span", { class: "sep" }), liveBadge,
    ]),
  );
  app.querySelector(".view-head").insertBefore(facts, app.querySelector(".toolbar"));

  /** @type {ChainData} */
  let current = chain;
  /** @type {FanFolds} */
  let folds;
  /** @type {Map<string, LineageEvent>} */
  let byEventId = new Map();
  /** @type {Set<string>} folds currently folded */
  let collapsed = new Set();
  /** @type {Set<string> | null} event ids on the critical path */
  let critical = null;
  let first = true;
  /**
   * Every node and link of the drawing by id, drawn or parked: what a folded group hides is
   * taken out of the graph (and put back when it unfolds) rather than styled `display: none`,
   * so Cytoscape styles and draws only what is seen.
   * @type {Map<string, import("cytoscape").SingularElementArgument>}
   */
  let placed = new Map();
  // Fan boxes are plain nodes drawn under their members: when a member is dragged, they follow.
  view.cy.on("drag", "node", () => {
    const boxes = folds.boxes((id) => { const n = placed.get(id); return n?.isNode() ? { ...n.position(), w: NODE_W, h: NODE_H } : undefined; }, FAN_MARGIN);
    view.cy.batch(() => {
      for (const [id, box] of boxes) {
        const fan = placed.get(`fan:${id}`);
        if (fan?.isNode()) fan.position({ x: box.x, y: box.y }).data({ w: box.w, h: box.h });
      }
    });
  });

  const headFacts = () => {
    const islands = current.islands.length;
    fill(facts, h("dl", { class: "facts" }, [
      ["events", String(current.eventCount)],
      ["status", current.complete ? "complete (END seen)" : "incomplete"],
      ["started", fmtTime(current.startedAt)],
      ["ended", fmtTime(current.endedAt)],
      ["duration", fmtDuration(current.duration)],
      ["islands", islands > 1 ? `${islands} — the chain has gaps` : String(islands)],
      ["fan groups", String(folds.folds.size)],
    ].map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v)))));
  };

  /** (Re)draw `current`, keeping where already-drawn nodes are. */
  const draw = async () => {
    busy();
    const started = performance.now();
    const outcomeOf = outcomes(current.events, current.complete);
    byEventId = new Map(current.events.map((e) => [e.id, e]));
    const previousFolds = folds;
    folds = new FanFolds(current.fanGroups);
    if (first) {
      collapsed = new Set([...folds.folds.keys()].filter((id) => !state.open.has(id)));
    } else {
      // Folds that appeared with this update start folded unless they hold drawn events.
      for (const id of folds.folds.keys()) {
        if (previousFolds?.folds.has(id)) continue;
        const drawn = [...folds.folds.get(id).members].some((m) => view.cy.getElementById(m).nonempty());
        if (!drawn) collapsed.add(id);
      }
      for (const id of [...collapsed]) if (!folds.folds.has(id)) collapsed.delete(id);
    }
    headFacts();
    if (current.events.length > MAX_DRAWN_NODES) {
      view.say(`This chain has ${current.events.length} events — too large to draw (the limit is ${MAX_DRAWN_NODES}). Narrow it: focus on one event with the traverse view, e.g. ${location.origin}/events/<id>?up=2&down=2.`);
      outline.render([]);
      ready({ tooLarge: true });
      return;
    }
    const edges = chainEdges(current.links, byEventId);
    const { boxes, engine } = await layout(current.events, edges, folds);
    view.canvas.dataset.layout = engine;
    performance.mark("chain:laid-out");
    // Nodes already drawn stay where they are; new ones land beside them (the layout shifted
    // onto the drawn part), and fan boxes follow their members.
    /** @type {Map<string, {x: number, y: number}>} */
    const old = new Map();
    for (const [id, n] of placed) if (n.isNode() && !n.hasClass("fan")) old.set(id, { ...n.position() });
    const shift = alignShift(old, boxes);
    /** @type {Map<string, {x: number, y: number}>} */
    const at = new Map();
    for (const event of current.events) {
      const box = boxes.get(event.id);
      at.set(event.id, old.get(event.id) ?? (box ? { x: box.x + shift.x, y: box.y + shift.y } : { x: 0, y: 0 }));
    }
    const fanBoxes = folds.boxes((id) => { const p = at.get(id); return p && { ...p, w: NODE_W, h: NODE_H }; }, FAN_MARGIN);
    /** @type {any[]} */
    const elements = [];
    for (const fold of folds.folds.values()) {
      const box = fanBoxes.get(fold.id) ?? { x: 0, y: 0, w: NODE_W, h: NODE_H };
      elements.push({ group: "nodes", data: { id: `fan:${fold.id}`, label: folds.label(fold.id), fold: fold.id, w: box.w, h: box.h }, classes: "fan", position: { x: box.x, y: box.y }, grabbable: false });
      const stops = []; const colours = []; let sum = 0;
      for (const part of folds.bar(fold.id)) { colours.push(part.colour, part.colour); stops.push(`${sum * 100}%`); sum += part.fraction; stops.push(`${sum * 100}%`); }
      elements.push({
        group: "nodes",
        data: { id: `fold:${fold.id}`, label: folds.label(fold.id).replace(" · ", "\n"), fold: fold.id, barColours: colours.join(" "), barStops: stops.join(" ") },
        classes: "fold",
        // level with its members (the box has more room at the top, for its label)
        position: old.get(`fold:${fold.id}`) ?? { x: box.x, y: box.y + (FAN_MARGIN.top - FAN_MARGIN.side) / 2 },
      });
    }
    for (const event of current.events) {
      /** @type {string[]} */
      const classes = [outcomeOf.get(event.id)];
      if (event.placeholder) classes.push("placeholder");
      if (event.id === current.startId) classes.push("start");
      if (event.id === current.endId && current.complete) classes.push("end");
      if (!first && !old.has(event.id)) classes.push("new");
      let label = eventLabel(event);
      if (event.id === current.startId) label = `▶ START\n${label}`;
      if (event.id === current.endId && current.complete) label = `${label}\nEND ■`;
      elements.push({
        group: "nodes",
        data: { id: event.id, label, shape: SUBJECT_SHAPES[event.subjectType] ?? "round-rectangle" },
        classes: classes.join(" "),
        position: at.get(event.id),
      });
    }
    for (const e of edges) {
      elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, link: true, inferred: e.inferred }, classes: e.classes });
    }
    // One batch: the elements get their style once, with the folds already applied.
    view.cy.batch(() => {
      view.cy.elements().remove();
      placed = new Map(view.cy.add(elements).map((e) => [e.id(), e]));
      applyFolds();
    });
    performance.mark("chain:added");
    if (first) {
      view.fitReadable();
      if (state.critical) await showCritical(true);
      if (state.select && byEventId.has(state.select)) selectEvent(state.select, true);
      first = false;
    } else {
      setTimeout(() => { for (const n of placed.values()) n.removeClass("new"); }, 2500);
      if (critical) markCritical();
    }
    await view.drawn();
    ready({ nodes: current.events.length, ms: performance.now() - started });
  };

  /** Show/hide what folds, the inferred toggle and the critical path say; redraw the outline. */
  const applyFolds = () => {
    const cy = view.cy;
    cy.batch(() => {
      cy.edges("[?meta]").remove();
      // Nodes first (parking a node parks its edges), then the links between drawn nodes.
      const park = cy.collection();
      const unpark = cy.collection();
      for (const node of placed.values()) {
        if (!node.isNode()) continue;
        const fold = node.data("fold");
        let hidden;
        if (node.hasClass("fold")) hidden = !collapsed.has(fold) || !folds.visible(fold, collapsed);
        else if (node.hasClass("fan")) hidden = collapsed.has(fold) || !folds.visible(fold, collapsed);
        else hidden = folds.representative(node.id(), collapsed) !== node.id();
        if (hidden !== node.removed()) (hidden ? park : unpark).merge(node);
      }
      park.remove();
      unpark.restore();
      const parkEdges = cy.collection();
      const unparkEdges = cy.collection();
      /** @type {Map<string, any>} */
      const meta = new Map();
      for (const edge of placed.values()) {
        if (!edge.isEdge()) continue;
        const a = folds.representative(edge.data("source"), collapsed);
        const b = folds.representative(edge.data("target"), collapsed);
        const inferredHidden = edge.data("inferred") && !state.showInferred;
        const direct = a === edge.data("source") && b === edge.data("target");
        const hidden = !direct || inferredHidden;
        if (hidden !== edge.removed()) (hidden ? parkEdges : unparkEdges).merge(edge);
        if (!direct && a !== b && !inferredHidden) {
          const key = `meta:${a}->${b}`;
          const prior = meta.get(key);
          const classes = edge.classes().filter((c) => c !== "critical" && c !== "dim").join(" ");
          meta.set(key, { group: "edges", data: { id: key, source: a, target: b, meta: true }, classes: prior && !prior.classes.includes("inferred") ? prior.classes : classes });
        }
      }
      parkEdges.remove();
      unparkEdges.restore();
      cy.add([...meta.values()]);
    });
    if (critical) markCritical();
    outline.render(outlineItems());
    setParam("open", [...folds.folds.keys()].filter((id) => !collapsed.has(id)).join(","));
  };

  /** Outline entries: top-level events by time, each fold right after its source. */
  const outlineItems = () => {
    const outcomeOf = outcomes(current.events, current.complete);
    /** @param {LineageEvent} e @returns {import("../outline.js").EventItem} */
    const eventItem = (e) => ({
      kind: "event", id: e.id, label: e.placeholder ? `placeholder ${e.id}` : `${e.subjectType} ${e.predicate}`,
      when: e.timestamp ? e.timestamp.slice(11, 19) : "", colour: OUTCOME_COLOUR[outcomeOf.get(e.id)], title: `${e.type ?? ""} ${e.id}`,
    });
    /** @param {string | null} parent @returns {import("../outline.js").OutlineItem[]} */
    const level = (parent) => {
      /** @type {import("../outline.js").OutlineItem[]} */
      const items = [];
      for (const e of current.events) {
        if ((folds.parentOf.get(e.id) ?? null) !== parent) continue;
        items.push(eventItem(e));
        const fold = folds.folds.get(e.id);
        if (fold) {
          const expanded = !collapsed.has(fold.id);
          items.push({ kind: "fan", id: fold.id, label: folds.label(fold.id), expanded, bar: folds.bar(fold.id), children: expanded ? level(fold.id) : [] });
        }
      }
      return items;
    };
    return level(null);
  };

  /** Fold or unfold one group in place. @param {string} id */
  const toggle = (id) => {
    if (collapsed.has(id)) collapsed.delete(id);
    else collapsed.add(id);
    applyFolds();
    ready({ toggled: id });
  };

  /** @param {string} id */
  const onTap = (id) => {
    if (id.startsWith("fold:")) toggle(id.slice(5));
    else if (id.startsWith("fan:")) toggle(id.slice(4));
    else if (byEventId.has(id)) selectEvent(id, false);
  };

  /** Show an event's details and mark it everywhere. @param {string} id @param {boolean} centre */
  const selectEvent = (id, centre) => {
    const event = byEventId.get(id);
    if (!event) return;
    // Unfold what hides it, so the selection is visible.
    let changed = false;
    for (const fold of folds.ancestors(id)) if (collapsed.delete(fold)) changed = true;
    if (changed) applyFolds();
    showEvent(ws.details, event, current.links.filter((l) => l.fromId === id || l.toId === id));
    outline.select(id);
    setParam("select", id);
    if (centre) view.focus(id);
    else { view.cy.elements(":selected").unselect(); view.cy.getElementById(id).select(); }
  };

  /** @param {string} id */
  const selectFold = (id) => {
    const fold = folds.folds.get(id);
    const source = byEventId.get(id);
    showFacts(ws.details, "Fan group", [
      ["group", folds.label(id)],
      ["source", navLink(`${viewPath("chains", current.id)}?select=${encodeURIComponent(id)}`, source ? `${source.subjectType} ${source.predicate}` : id)],
      ["sink", fold.sinkId ? (byEventId.get(fold.sinkId)?.type ?? fold.sinkId) : "— (branches never rejoin)"],
      ["branches", `${fold.branchCount}: ${folds.bar(id).map((part) => part.label).join(", ")}`],
      ["events inside", String(fold.members.size)],
    ], { source: id, sink: fold.sinkId, members: [...fold.members] });
    outline.select(`fan:${id}`);
    view.focus(collapsed.has(id) ? `fold:${id}` : `fan:${id}`);
  };

  const markCritical = () => {
    const cy = view.cy;
    cy.batch(() => {
      cy.elements().removeClass("critical dim");
      if (!critical) return;
      cy.elements().addClass("dim");
      cy.nodes().forEach((n) => {
        if (n.hasClass("fold") || n.hasClass("fan")) {
          if ([...folds.folds.get(n.data("fold")).members].some((m) => critical.has(m))) n.removeClass("dim").addClass("critical");
        } else if (critical.has(n.id())) n.removeClass("dim").addClass("critical");
      });
      cy.edges().forEach((e) => {
        if (e.source().hasClass("critical") && e.target().hasClass("critical")) e.removeClass("dim").addClass("critical");
      });
    });
  };

  /** Fetch (on demand) and highlight the chain's critical path. @param {boolean} on */
  const showCritical = async (on) => {
    criticalButton.setAttribute("aria-pressed", String(on));
    setParam("critical", on ? "1" : null);
    if (!on) { critical = null; criticalNote.textContent = ""; markCritical(); return; }
    try {
      const answer = await gql(CRITICAL_PATH_QUERY, { id: current.id });
      const path = answer.chain?.criticalPath;
      if (!path) { criticalNote.textContent = "no critical path (no timed events)"; return; }
      critical = new Set(path.path.flatMap((/** @type {any} */ s) => s.events.map((/** @type {any} */ e) => e.id)));
      criticalNote.textContent = `critical path: ${fmtDuration(path.totalSeconds)} over ${path.path.length} steps`;
      criticalNote.title = path.path.map((/** @type {any} */ s) => `${s.name} (${fmtDuration(s.durationSeconds)})`).join(" → ");
      markCritical();
    } catch (error) {
      criticalButton.setAttribute("aria-pressed", "false");
      criticalNote.textContent = `critical path unavailable: ${/** @type {Error} */ (error).message}`;
    }
  };

  inferredButton.addEventListener("click", () => {
    state.showInferred = !state.showInferred;
    inferredButton.setAttribute("aria-pressed", String(state.showInferred));
    setParam("inferred", state.showInferred ? null : "hide");
    applyFolds();
  });
  criticalButton.addEventListener("click", () => void showCritical(criticalButton.getAttribute("aria-pressed") !== "true"));
  foldAll.addEventListener("click", () => { collapsed = new Set(folds.folds.keys()); applyFolds(); });
  unfoldAll.addEventListener("click", () => { collapsed = new Set(); applyFolds(); });

  await draw();

  if (current.events.length > MAX_DRAWN_NODES) {
    liveBadge.textContent = "live: off (too large)";
    return () => view.destroy();
  }
  let drawing = Promise.resolve();
  const live = subscribe(CHAIN_UPDATED, { id: chainId }, (update) => {
    // The first answer is the chain as it is now: the view is live from then on.
    liveBadge.textContent = "live";
    liveBadge.classList.add("on");
    const next = /** @type {ChainData} */ (update.chainUpdated);
    if (!next || sameShape(next, current)) return;
    drawing = drawing.then(() => { current = next; return draw(); });
  }, { onError: (message) => { liveBadge.textContent = `live: ${message}`; } });
  return () => { live.close(); view.destroy(); };
}

/** Are two versions of a chain the same drawing (same events, outcomes and links)? @param {ChainData} a @param {ChainData} b */
function sameShape(a, b) {
  const key = (/** @type {ChainData} */ c) => JSON.stringify([c.events.map((e) => [e.id, e.placeholder, e.predicate]), c.links.map((l) => l.id), c.complete]);
  return key(a) === key(b);
}

/**
 * The drawable links of a chain: both ends drawn, not a self loop, one edge per pair and type.
 * @param {LineageLink[]} links
 * @param {Map<string, LineageEvent>} events
 */
export function chainEdges(links, events) {
  const seen = new Set();
  /** @type {{id: string, source: string, target: string, inferred: boolean, classes: string}[]} */
  const edges = [];
  for (const link of links) {
    if (link.type === "START" || link.type === "END") continue; // drawn as marks on the nodes
    if (!link.fromId || !link.toId || link.fromId === link.toId) continue;
    if (!events.has(link.fromId) || !events.has(link.toId)) continue;
    const key = `${link.fromId}>${link.toId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const classes = [link.type === "RELATION" ? "relation" : "path"];
    if (link.inferred) classes.push("inferred");
    edges.push({ id: `link:${link.id}`, source: link.fromId, target: link.toId, inferred: link.inferred, classes: classes.join(" ") });
  }
  return edges;
}

/**
 * Where every event (and every fan group's box, as `fan:<source id>`) goes, and which layout
 * placed them. Flat fan groups whose boxes stay clear of other events are laid out in the page
 * (`dagLayout`, a few milliseconds); nested groups, or boxes that would cover an event outside
 * them, need ELK's hierarchical layout in its worker; should ELK fail, the in-page layout is used.
 * @param {LineageEvent[]} events
 * @param {ReturnType<typeof chainEdges>} edges
 * @param {FanFolds} folds
 * @returns {Promise<{boxes: Map<string, Box>, engine: "in-page" | "elk" | "in-page (ELK failed)"}>}
 */
async function layout(events, edges, folds) {
  // RELATION links (e.g. "triggered by") point backwards in time; they do not set the layers.
  const layering = edges.filter((e) => !e.classes.includes("relation"));
  const nested = [...folds.folds.values()].some((f) => f.parent);
  const inPage = () => dagLayout(events.map((e) => ({ id: e.id, w: NODE_W, h: NODE_H })), layering, { layerGap: LAYER_GAP });
  if (!nested) {
    const boxes = inPage();
    if (events.length > NESTED_LAYOUT_LIMIT || !fanBoxesClash(boxes, folds, events)) return { boxes, engine: "in-page" };
  }
  const hierarchical = events.length <= NESTED_LAYOUT_LIMIT;
  const children = hierarchical ? elkTree(events, folds) : events.map((e) => ({ id: e.id, width: NODE_W, height: NODE_H }));
  try {
    const elkEdges = layering.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
    const boxes = await layeredLayout(children, elkEdges, hierarchical ? { "elk.hierarchyHandling": "INCLUDE_CHILDREN" } : {});
    return { boxes, engine: "elk" };
  } catch (error) {
    console.warn("ELK layout failed, using the in-page layout:", error);
    return { boxes: inPage(), engine: "in-page (ELK failed)" };
  }
}

/**
 * Would a fan group's box (its members, padding and label) cover an event that is not in it?
 * @param {Map<string, Box>} boxes @param {FanFolds} folds @param {LineageEvent[]} events
 */
function fanBoxesClash(boxes, folds, events) {
  for (const [id, box] of folds.boxes((m) => boxes.get(m), FAN_MARGIN)) {
    const fold = folds.folds.get(id);
    const x1 = box.x - box.w / 2; const x2 = box.x + box.w / 2;
    const y1 = box.y - box.h / 2; const y2 = box.y + box.h / 2;
    for (const event of events) {
      if (fold.members.has(event.id)) continue;
      const b = boxes.get(event.id);
      if (b.x + b.w / 2 > x1 && b.x - b.w / 2 < x2 && b.y + b.h / 2 > y1 && b.y - b.h / 2 < y2) return true;
    }
  }
  return false;
}

/** The ELK node tree: events at the top level or inside their innermost fold's compound. @param {LineageEvent[]} events @param {FanFolds} folds */
function elkTree(events, folds) {
  /** @type {Map<string, import("../elk_layout.js").ElkNode>} */
  const compounds = new Map();
  for (const fold of folds.folds.values()) {
    compounds.set(fold.id, { id: `fan:${fold.id}`, children: [], layoutOptions: { "elk.padding": "[top=26,left=14,bottom=14,right=14]" } });
  }
  /** @type {import("../elk_layout.js").ElkNode[]} */
  const top = [];
  for (const fold of folds.folds.values()) {
    const node = compounds.get(fold.id);
    if (fold.parent) compounds.get(fold.parent).children.push(node);
    else top.push(node);
  }
  for (const event of events) {
    const node = { id: event.id, width: NODE_W, height: NODE_H };
    const parent = folds.parentOf.get(event.id);
    if (parent) compounds.get(parent).children.push(node);
    else top.push(node);
  }
  return top;
}

/**
 * How far the new layout must move to sit on the old one: the mean offset of the nodes both
 * have, so new nodes land beside the ones already drawn instead of everything jumping.
 * @param {Map<string, {x: number, y: number}>} old
 * @param {Map<string, {x: number, y: number}>} boxes
 */
function alignShift(old, boxes) {
  let dx = 0; let dy = 0; let n = 0;
  for (const [id, p] of old) {
    const b = boxes.get(id);
    if (!b) continue;
    dx += p.x - b.x; dy += p.y - b.y; n += 1;
  }
  return n ? { x: dx / n, y: dy / n } : { x: 0, y: 0 };
}

