// The accessible outline beside the canvas: a keyboard-navigable tree of what is drawn.
// Testing contract: each drawn event is an entry with data-node-id; each fan group an entry with
// data-fan-group (its source event id) and aria-expanded.

import { h, fill } from "./dom.js";

/**
 * @typedef {{colour: string, fraction: number, label: string}} BarPart
 * @typedef {{label: string, title: string, run: () => void}} ItemAction  a button on the entry (e.g. "+")
 * @typedef {{kind: "event", id: string, label: string, when?: string, colour: string, title?: string, action?: ItemAction}} EventItem
 * @typedef {{kind: "fan", id: string, label: string, expanded: boolean, bar: BarPart[], children: OutlineItem[]}} FanItem
 * @typedef {{kind: "other", id: string, label: string, when?: string, colour?: string, title?: string, action?: ItemAction}} OtherItem
 * @typedef {EventItem | FanItem | OtherItem} OutlineItem
 */

/** A status bar of coloured segments (sizes set from JS; the CSP forbids inline styles). @param {BarPart[]} parts */
export function statusBar(parts) {
  const bar = h("span", { class: "statusbar", role: "img", "aria-label": parts.map((p) => p.label).join(", ") });
  for (const part of parts) {
    const seg = h("span", { title: part.label });
    seg.style.width = `${part.fraction * 100}%`;
    seg.style.background = part.colour;
    bar.append(seg);
  }
  return bar;
}

export class Outline {
  /**
   * @param {HTMLElement} container
   * @param {string} title
   * @param {{onSelect: (id: string, kind: string) => void, onToggle?: (groupId: string) => void}} handlers
   */
  constructor(container, title, handlers) {
    this.handlers = handlers;
    this.tree = h("ul", { role: "tree", "aria-label": title });
    fill(container, h("h2", {}, title), this.tree);
    this.tree.addEventListener("keydown", (event) => this.onKey(event));
    /** @type {string | null} */
    this.selectedId = null;
  }

  /** Draw the items, keeping keyboard focus on the same entry. @param {OutlineItem[]} items */
  render(items) {
    const focused = /** @type {HTMLElement | null} */ (document.activeElement?.closest?.("[role=treeitem]") ?? null);
    const focusKey = focused && this.tree.contains(focused) ? keyOf(focused) : null;
    fill(this.tree, items.map((item) => this.entry(item)));
    const all = this.items();
    const again = focusKey ? all.find((el) => keyOf(el) === focusKey) : null;
    (again ?? all[0])?.setAttribute("tabindex", "0");
    again?.focus();
    if (this.selectedId) this.select(this.selectedId);
  }

  /** @param {OutlineItem} item @returns {HTMLElement} */
  entry(item) {
    const dot = h("span", { class: "dot" });
    if ("colour" in item && item.colour) dot.style.background = item.colour;
    if (item.kind === "fan") {
      const li = h(
        "li",
        { role: "treeitem", tabindex: "-1", "data-fan-group": item.id, "aria-expanded": String(item.expanded) },
        h(
          "div",
          { class: "row" },
          h("button", {
            type: "button", class: "toggle", tabindex: "-1",
            "aria-label": item.expanded ? "Collapse group" : "Expand group",
            onclick: (/** @type {Event} */ e) => { e.stopPropagation(); this.handlers.onToggle?.(item.id); },
          }, item.expanded ? "▾" : "▸"),
          h("span", { class: "what", title: item.label }, item.label),
          statusBar(item.bar),
        ),
        item.expanded ? h("ul", { role: "group" }, item.children.map((c) => this.entry(c))) : null,
      );
      li.querySelector(".row").addEventListener("click", () => this.handlers.onSelect(item.id, "fan"));
      return li;
    }
    const attrs = item.kind === "event" ? { "data-node-id": item.id } : { "data-other-id": item.id };
    const li = h(
      "li",
      { role: "treeitem", tabindex: "-1", ...attrs },
      h("div", { class: "row", title: "title" in item ? item.title : undefined },
        dot, h("span", { class: "what" }, item.label), item.when ? h("span", { class: "when" }, item.when) : null,
        item.action ? h("button", {
          type: "button", class: "toggle", tabindex: "-1", title: item.action.title, "aria-label": item.action.title,
          onclick: (/** @type {Event} */ e) => { e.stopPropagation(); item.action.run(); },
        }, item.action.label) : null),
    );
    li.querySelector(".row").addEventListener("click", () => {
      this.focusItem(li);
      this.handlers.onSelect(item.id, item.kind);
    });
    return li;
  }

  /** Every visible entry, in reading order. @returns {HTMLElement[]} */
  items() {
    return /** @type {HTMLElement[]} */ ([...this.tree.querySelectorAll("[role=treeitem]")]);
  }

  /** Mark one entry selected (and scroll it into view). @param {string} id */
  select(id) {
    this.selectedId = id;
    for (const el of this.items()) {
      const on = keyOf(el) === id;
      el.setAttribute("aria-selected", String(on));
      if (on) el.scrollIntoView({ block: "nearest" });
    }
  }

  /** @param {HTMLElement} el */
  focusItem(el) {
    for (const other of this.items()) other.setAttribute("tabindex", "-1");
    el.setAttribute("tabindex", "0");
    el.focus();
  }

  /** Arrow keys move, Right/Left expand/collapse groups, Enter/Space select. @param {KeyboardEvent} event */
  onKey(event) {
    const all = this.items();
    const current = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest("[role=treeitem]"));
    if (!current) return;
    const at = all.indexOf(current);
    const group = current.dataset.fanGroup;
    const move = (/** @type {number} */ to) => { event.preventDefault(); const el = all[Math.max(0, Math.min(all.length - 1, to))]; if (el) this.focusItem(el); };
    switch (event.key) {
      case "ArrowDown": return move(at + 1);
      case "ArrowUp": return move(at - 1);
      case "Home": return move(0);
      case "End": return move(all.length - 1);
      case "ArrowRight":
        if (group && current.getAttribute("aria-expanded") === "false") { event.preventDefault(); this.handlers.onToggle?.(group); }
        return;
      case "ArrowLeft":
        if (group && current.getAttribute("aria-expanded") === "true") { event.preventDefault(); this.handlers.onToggle?.(group); }
        return;
      case "Enter":
      case " ":
        event.preventDefault();
        if (group) this.handlers.onToggle?.(group);
        else this.handlers.onSelect(current.dataset.nodeId ?? current.dataset.otherId, current.dataset.nodeId ? "event" : "other");
        return;
    }
  }
}

/** @param {HTMLElement} el */
function keyOf(el) {
  if (el.dataset.fanGroup) return `fan:${el.dataset.fanGroup}`; // a fan group is keyed by its source event
  return el.dataset.nodeId ?? el.dataset.otherId ?? "";
}
