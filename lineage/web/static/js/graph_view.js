// The canvas of every graph view: Cytoscape with the explorer's style, zoom/fit, minimap, PNG.

import cytoscape from "../vendor/cytoscape/cytoscape.esm.min.mjs";
import { h } from "./dom.js";
import { OUTCOME_COLOUR } from "./outcome.js";

/** Room around a fitted drawing, in screen pixels. */
const FIT_PAD = 40;
/** Below this zoom the 10-px node labels are unreadable: a first view does not go lower. */
const READABLE_ZOOM = 0.8;

/** Drawing more nodes than this makes the page unusable; views ask the user to narrow instead. */
export const MAX_DRAWN_NODES = 2000;

/** @typedef {import("cytoscape").Core} Core */
/** @typedef {import("cytoscape").ElementDefinition} ElementDefinition */
/** @typedef {import("cytoscape").NodeSingular} NodeSingular */

/** @returns {any[]} the Cytoscape stylesheet */
function stylesheet() {
  /** @type {any[]} */
  const style = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "text-wrap": "wrap",
        "text-max-width": "80px",
        "font-size": "10px",
        "font-family": "system-ui, sans-serif",
        "text-valign": "center",
        "text-halign": "center",
        color: "#fff",
        "text-outline-width": 0,
        width: 86,
        height: 40,
        "min-zoomed-font-size": 7,
        shape: "round-rectangle",
        "background-color": OUTCOME_COLOUR.neutral,
        "border-width": 1,
        "border-color": "#1e293b",
      },
    },
  ];
  style.push({ selector: "node[shape]", style: { shape: "data(shape)" } });
  for (const [outcome, colour] of Object.entries(OUTCOME_COLOUR)) {
    style.push({ selector: `node.${outcome}`, style: { "background-color": colour } });
  }
  style.push(
    { selector: "node.placeholder", style: { "border-style": "dashed", "background-opacity": 0.5, color: "#111" } },
    {
      selector: "node.start, node.end",
      style: { "border-width": 4, "border-color": "#0f172a", "font-weight": "bold" },
    },
    {
      // A fan group's box: a plain node under its members (see FanFolds.boxes), label inside at the top.
      selector: "node.fan",
      style: {
        shape: "round-rectangle",
        width: "data(w)",
        height: "data(h)",
        "z-compound-depth": "bottom",
        "text-margin-y": 17,
        "background-color": "#e2e8f0",
        "background-opacity": 0.55,
        "border-style": "dashed",
        "border-color": "#64748b",
        "border-width": 1.5,
        label: "data(label)",
        color: "#334155",
        "text-valign": "top",
        "text-halign": "center",
        "font-size": "11px",
        "font-weight": "bold",
        "text-wrap": "none",
      },
    },
    {
      selector: "node.fold",
      style: {
        shape: "round-rectangle",
        // fits between its neighbours in the chain view's layers (86 wide, 50 apart)
        width: 140,
        height: 52,
        color: "#0f172a",
        "font-size": "11px",
        "font-weight": "bold",
        "text-wrap": "wrap",
        "text-max-width": "132px",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.9,
        "text-background-padding": "2px",
        "text-background-shape": "round-rectangle",
        "border-width": 2,
        "border-color": "#0f172a",
        "background-fill": "linear-gradient",
        "background-gradient-direction": "to-right",
        "background-gradient-stop-colors": "data(barColours)",
        "background-gradient-stop-positions": "data(barStops)",
      },
    },
    { selector: "node.more", style: { shape: "round-rectangle", "background-color": "#f1f5f9", color: "#0f172a", "border-style": "dashed" } },
    { selector: "node.band", style: { shape: "rectangle", label: "", "background-color": "#f1f5f9", "border-width": 0, width: "data(w)", height: "data(h)", "z-compound-depth": "bottom", "z-index": 0, events: "no" } },
    { selector: "node.band.odd", style: { "background-color": "#e2e8f0" } },
    { selector: "node.lane", style: { shape: "rectangle", width: 1, height: 1, "background-opacity": 0, "border-width": 0, color: "#0f172a", "text-halign": "right", "text-valign": "center", "font-size": "15px", "font-weight": "bold", events: "no" } },
    { selector: "node.tick", style: { shape: "rectangle", width: 1, height: 1, color: "#475569", "text-valign": "top", "font-size": "12px", "background-opacity": 0, "border-width": 0, events: "no" } },
    { selector: "node.deploy", style: { width: 150, height: 50, "font-size": "12px", "text-max-width": "144px", "text-overflow-wrap": "anywhere" } },
    { selector: "node.expandable", style: { "border-width": 3, "border-color": "#f59e0b", "border-style": "double" } },
    {
      selector: "edge",
      style: {
        width: 1.6,
        "curve-style": "bezier",
        "line-color": "#64748b",
        "target-arrow-color": "#64748b",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.9,
      },
    },
    { selector: "edge.inferred", style: { "line-style": "dashed", "line-dash-pattern": [6, 4], "line-color": "#a78bfa", "target-arrow-color": "#a78bfa" } },
    // RELATION links often point back in time (a deploy "triggered by" the run): arc them over the path.
    { selector: "edge.relation", style: { "line-style": "dotted", "line-color": "#0ea5e9", "target-arrow-color": "#0ea5e9", "target-arrow-shape": "vee", "curve-style": "unbundled-bezier", "control-point-distances": [-70], "control-point-weights": [0.5] } },
    { selector: "edge.promotion", style: { width: 3, "line-color": "#334155", "target-arrow-color": "#334155" } },
    { selector: "edge.timeline", style: { "line-color": "#cbd5e1", "target-arrow-shape": "none", width: 1 } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: ".dim", style: { opacity: 0.25 } },
    { selector: "node.critical", style: { "border-width": 5, "border-color": "#f59e0b", opacity: 1 } },
    { selector: "edge.critical", style: { width: 4, "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", opacity: 1 } },
    { selector: "node:selected", style: { "overlay-color": "#2563eb", "overlay-opacity": 0.25, "overlay-padding": 6 } },
    { selector: "node.new", style: { "underlay-color": "#facc15", "underlay-opacity": 0.6, "underlay-padding": 8 } },
  );
  return style;
}

/** A Cytoscape canvas with toolbar actions and a minimap, inside `container`. */
export class GraphView {
  /**
   * @param {HTMLElement} container where the canvas goes (fills it)
   * @param {{onTap?: (node: NodeSingular) => void, name?: string}} options
   */
  constructor(container, options = {}) {
    this.name = options.name ?? "graph";
    this.canvas = h("div", { class: "canvas", role: "img", "aria-label": "graph drawing (the outline lists the same nodes)" });
    this.minimap = h("canvas", { class: "minimap", width: 180, height: 110, title: "overview — click to move there" });
    this.message = h("div", { class: "canvas-message", role: "status" });
    container.append(this.canvas, this.minimap, this.message);
    /** @type {Core} */
    this.cy = cytoscape({
      container: this.canvas,
      style: stylesheet(),
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      // Big graphs: draw edges and labels only when still, and skip labels too small to read.
      hideEdgesOnViewport: true,
      textureOnViewport: true,
    });
    // The drawing, for tests and benchmarks that inspect what is on the canvas.
    /** @type {any} */ (window).__explorerCy = this.cy;
    if (options.onTap) {
      const onTap = options.onTap;
      this.cy.on("tap", "node", (event) => onTap(event.target));
    }
    this.cy.on("viewport resize render", () => this.scheduleMinimap());
    this.minimap.addEventListener("click", (event) => this.jumpFromMinimap(event));
    this.minimapFrame = 0;
  }

  /** Show a message over the canvas (empty hides it). @param {string} text */
  say(text) {
    this.message.textContent = text;
    this.message.classList.toggle("shown", Boolean(text));
  }

  /** Fit everything drawn in view (by node boxes: measuring every label first is slow). */
  fit() {
    this.cy.stop(true); // a running pan (e.g. to a selected node) would undo the fit
    const bb = this.cy.nodes(":visible").boundingBox({ includeLabels: false, includeOverlays: false });
    if (!Number.isFinite(bb.w) || bb.w <= 0) return;
    const pad = FIT_PAD;
    const zoom = Math.min(1.4, Math.max(this.cy.minZoom(), Math.min((this.cy.width() - 2 * pad) / bb.w, (this.cy.height() - 2 * pad) / bb.h)));
    this.cy.viewport({ zoom, pan: { x: (this.cy.width() - zoom * (bb.x1 + bb.x2)) / 2, y: (this.cy.height() - zoom * (bb.y1 + bb.y2)) / 2 } });
  }

  /**
   * The first view of a graph: all of it when that is readable, else its start (left edge,
   * centred vertically) at the smallest readable zoom; Fit and the minimap show the rest.
   * @param {number} [readable] the least zoom at which labels are still legible
   */
  fitReadable(readable = READABLE_ZOOM) {
    this.fit();
    if (this.cy.zoom() >= readable) return;
    const bb = this.cy.nodes(":visible").boundingBox({ includeLabels: false, includeOverlays: false });
    this.cy.viewport({ zoom: readable, pan: { x: FIT_PAD - readable * bb.x1, y: this.cy.height() / 2 - (readable * (bb.y1 + bb.y2)) / 2 } });
  }

  /**
   * Resolves once the canvas has painted what was just added: Cytoscape draws in an animation
   * frame callback registered before ours, and a task queued from our callback runs after that
   * frame is painted, a frame sooner than waiting for a second animation frame.
   */
  drawn() {
    return new Promise((resolve) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(undefined);
      channel.port2.postMessage(null);
    }));
  }

  /** Zoom around the centre. @param {number} factor */
  zoomBy(factor) {
    const ext = this.cy.extent();
    this.cy.zoom({ level: this.cy.zoom() * factor, position: { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 } });
  }

  /** Download the whole drawing as a PNG file. @param {string} fileName */
  exportPng(fileName) {
    const blob = /** @type {Blob} */ (/** @type {unknown} */ (this.cy.png({ full: true, scale: 2, bg: "#ffffff", output: "blob" })));
    const url = URL.createObjectURL(blob);
    const link = h("a", { href: url, download: fileName, class: "hidden-link" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  }

  /** Centre on one node and select it. @param {string} id */
  focus(id) {
    const node = this.cy.getElementById(id);
    if (!node.nonempty()) return;
    this.cy.elements(":selected").unselect();
    node.select();
    this.cy.animate({ center: { eles: node } }, { duration: 200 });
  }

  scheduleMinimap() {
    if (this.minimapFrame) return;
    this.minimapFrame = requestAnimationFrame(() => {
      this.minimapFrame = 0;
      this.drawMinimap();
    });
  }

  /** Overview of all nodes and the visible part of the canvas (only for larger graphs). */
  drawMinimap() {
    const nodes = this.cy.nodes(":visible").filter((n) => !n.isParent() && !n.hasClass("tick"));
    const show = nodes.length > 30;
    this.minimap.classList.toggle("shown", show);
    if (!show) return;
    const ctx = this.minimap.getContext("2d");
    const { width, height } = this.minimap;
    // The overview spans the graph and the visible part, so the viewport frame always fits.
    const graph = this.cy.elements(":visible").boundingBox({ includeLabels: false });
    const seen = this.cy.extent();
    const x1 = Math.min(graph.x1, seen.x1); const y1 = Math.min(graph.y1, seen.y1);
    const x2 = Math.max(graph.x2, seen.x2); const y2 = Math.max(graph.y2, seen.y2);
    const bb = { x1, y1, w: x2 - x1, h: y2 - y1 };
    const scale = Math.min(width / Math.max(bb.w, 1), height / Math.max(bb.h, 1));
    this.minimapView = { bb, scale };
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = "rgba(248,250,252,0.95)";
    ctx.fillRect(0, 0, width, height);
    nodes.forEach((node) => {
      const p = node.position();
      ctx.fillStyle = String(node.style("background-color"));
      ctx.fillRect((p.x - bb.x1) * scale - 1.5, (p.y - bb.y1) * scale - 1.5, 3, 3);
    });
    const ext = this.cy.extent();
    ctx.strokeStyle = "#2563eb";
    ctx.lineWidth = 1.5;
    ctx.strokeRect((ext.x1 - bb.x1) * scale, (ext.y1 - bb.y1) * scale, ext.w * scale, ext.h * scale);
  }

  /** Pan the canvas to the clicked point of the minimap. @param {MouseEvent} event */
  jumpFromMinimap(event) {
    if (!this.minimapView) return;
    const { bb, scale } = this.minimapView;
    const rect = this.minimap.getBoundingClientRect();
    const x = bb.x1 + (event.clientX - rect.left) * (this.minimap.width / rect.width) / scale;
    const y = bb.y1 + (event.clientY - rect.top) * (this.minimap.height / rect.height) / scale;
    const zoom = this.cy.zoom();
    this.cy.pan({ x: this.cy.width() / 2 - x * zoom, y: this.cy.height() / 2 - y * zoom });
  }

  destroy() {
    this.cy.destroy();
  }
}

/**
 * Toolbar buttons every graph view shares: zoom in/out, fit, PNG export.
 * @param {GraphView} view
 * @param {() => string} fileName name of the PNG to download
 */
export function graphToolbar(view, fileName) {
  return [
    h("button", { type: "button", title: "Zoom in", "aria-label": "Zoom in", onclick: () => view.zoomBy(1.25) }, "+"),
    h("button", { type: "button", title: "Zoom out", "aria-label": "Zoom out", onclick: () => view.zoomBy(0.8) }, "−"),
    h("button", { type: "button", title: "Fit the whole graph", onclick: () => view.fit() }, "Fit"),
    h("button", { type: "button", title: "Download the graph as PNG", "data-action": "png", onclick: () => view.exportPng(fileName()) }, "PNG"),
  ];
}
