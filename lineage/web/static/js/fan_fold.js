// Fan groups of a chain as folds: which events each group holds, and what is drawn when some
// groups are folded (a folded group is one node; links into or out of it are redrawn to it).
// What a folded group says (its label, its status bar) is the API's `FanGroup.label` and
// `FanGroup.outcomes`: the rule lives in one place (lineage/services/fan_summary.py).

import { API_OUTCOME, OUTCOME_COLOUR } from "./outcome.js";

/**
 * @typedef {{id: string}} Ref
 * @typedef {{outcome: string, count: number}} OutcomeCount  `outcome`: the API's Outcome enum
 * @typedef {{via: Ref, events: Ref[], outcome?: string | null, groups?: FanGroupData[]}} FanBranchData
 * @typedef {{source: Ref, sink: Ref | null, complete: boolean, label: string, outcomes: OutcomeCount[],
 *   branches: FanBranchData[]}} FanGroupData
 * @typedef {{id: string, sinkId: string | null, parent: string | null, members: Set<string>,
 *   label: string, outcomes: OutcomeCount[], branchCount: number, depth: number}} Fold
 */

export class FanFolds {
  /** @param {FanGroupData[]} groups the chain's outermost fan groups (nested ones in their branches) */
  constructor(groups) {
    /** @type {Map<string, Fold>} folds by source event id */
    this.folds = new Map();
    /** @type {Map<string, string>} event id → innermost fold holding it */
    this.parentOf = new Map();
    /** @param {FanGroupData[]} list @param {string | null} parent @param {number} depth */
    const walk = (list, parent, depth) => {
      for (const group of list) {
        const id = group.source.id;
        if (this.folds.has(id)) continue;
        /** @type {Fold} */
        const fold = {
          id, sinkId: group.sink?.id ?? null, parent, members: new Set(), label: group.label,
          outcomes: group.outcomes, branchCount: group.branches.length, depth,
        };
        this.folds.set(id, fold);
        for (const branch of group.branches) {
          for (const event of branch.events) {
            fold.members.add(event.id);
            this.parentOf.set(event.id, id);
          }
        }
        for (const branch of group.branches) walk(branch.groups ?? [], id, depth + 1);
      }
    };
    walk(groups, null, 0);
    // A nested fold's members belong to its ancestors too.
    for (const fold of this.folds.values()) {
      for (let up = fold.parent; up; up = this.folds.get(up)?.parent ?? null) {
        for (const m of fold.members) this.folds.get(up)?.members.add(m);
      }
    }
  }

  /** "3× build · 1✗ 2✓", as the API words it. @param {string} id */
  label(id) {
    return this.folds.get(id).label;
  }

  /**
   * Status bar segments, worst first as the API counts them: one per outcome, sized by its share
   * of the branches that have an outcome (a bar of one grey segment when none has).
   * @param {string} id
   * @returns {import("./outline.js").BarPart[]}
   */
  bar(id) {
    const counts = this.folds.get(id).outcomes.filter((o) => o.count > 0);
    const total = counts.reduce((sum, o) => sum + o.count, 0);
    if (!total) return [{ colour: OUTCOME_COLOUR.neutral, fraction: 1, label: "no branch has an outcome yet" }];
    return counts.map((o) => ({
      colour: OUTCOME_COLOUR[API_OUTCOME[o.outcome] ?? "neutral"],
      fraction: o.count / total,
      label: `${o.count} ${o.outcome.toLowerCase().replace("_", " ")}`,
    }));
  }

  /** The folds from outermost to `id`'s innermost. @param {string} eventId */
  ancestors(eventId) {
    const list = [];
    for (let up = this.parentOf.get(eventId) ?? null; up; up = this.folds.get(up)?.parent ?? null) list.unshift(up);
    return list;
  }

  /**
   * What stands for an event when `collapsed` folds are folded: the id of the outermost folded
   * fold holding it (as `fold:<id>`), else the event itself.
   * @param {string} eventId
   * @param {Set<string>} collapsed
   */
  representative(eventId, collapsed) {
    for (const fold of this.ancestors(eventId)) if (collapsed.has(fold)) return `fold:${fold}`;
    return eventId;
  }

  /** Is this fold drawn (no fold around it is folded)? @param {string} id @param {Set<string>} collapsed */
  visible(id, collapsed) {
    for (let up = this.folds.get(id)?.parent ?? null; up; up = this.folds.get(up)?.parent ?? null) {
      if (collapsed.has(up)) return false;
    }
    return true;
  }

  /**
   * Each fold's box around what it holds (its members' boxes and its nested folds' boxes, plus
   * the margin: `top` room for its label inside the box, `side` elsewhere), innermost first so an
   * outer box holds the inner ones. Drawn as plain nodes under
   * the events rather than Cytoscape compound nodes: compounds make every style change walk
   * parents and descendants, which was most of the chain view's drawing time.
   * @param {(eventId: string) => {x: number, y: number, w: number, h: number} | undefined} boxOf centre and size
   * @param {{side: number, top: number}} margin
   * @returns {Map<string, {x: number, y: number, w: number, h: number}>}
   */
  boxes(boxOf, margin) {
    /** @type {Map<string, {x1: number, y1: number, x2: number, y2: number}>} */
    const extents = new Map();
    const deepestFirst = [...this.folds.values()].sort((a, b) => b.depth - a.depth);
    for (const fold of deepestFirst) {
      let x1 = Infinity; let y1 = Infinity; let x2 = -Infinity; let y2 = -Infinity;
      const grow = (/** @type {number} */ a, /** @type {number} */ b, /** @type {number} */ c, /** @type {number} */ d) => {
        x1 = Math.min(x1, a); y1 = Math.min(y1, b); x2 = Math.max(x2, c); y2 = Math.max(y2, d);
      };
      for (const m of fold.members) {
        const b = boxOf(m);
        if (b) grow(b.x - b.w / 2, b.y - b.h / 2, b.x + b.w / 2, b.y + b.h / 2);
      }
      for (const inner of this.folds.values()) {
        const e = inner.parent === fold.id ? extents.get(inner.id) : undefined;
        if (e) grow(e.x1, e.y1, e.x2, e.y2);
      }
      if (Number.isFinite(x1)) extents.set(fold.id, { x1: x1 - margin.side, y1: y1 - margin.top, x2: x2 + margin.side, y2: y2 + margin.side });
    }
    return new Map([...extents].map(([id, e]) => [id, { x: (e.x1 + e.x2) / 2, y: (e.y1 + e.y2) / 2, w: e.x2 - e.x1, h: e.y2 - e.y1 }]));
  }
}
