// Fan groups of a chain as folds: which events each group holds, and what is drawn when some
// groups are folded (a folded group is one node; links into or out of it are redrawn to it).

import { OUTCOME_COLOUR, OUTCOME_LABEL, worst } from "./outcome.js";

/**
 * @typedef {{id: string}} Ref
 * @typedef {{via: Ref, events: Ref[], groups?: FanGroupData[]}} FanBranchData
 * @typedef {{source: Ref, sink: Ref | null, complete: boolean, branches: FanBranchData[]}} FanGroupData
 * @typedef {{id: string, sinkId: string | null, parent: string | null, members: Set<string>,
 *   branchOutcomes: import("./outcome.js").Outcome[], subjectType: string, depth: number}} Fold
 */

export class FanFolds {
  /**
   * @param {FanGroupData[]} groups the chain's outermost fan groups
   * @param {Map<string, import("./outcome.js").LineageEvent>} events by id
   * @param {Map<string, import("./outcome.js").Outcome>} outcomes by event id
   */
  constructor(groups, events, outcomes) {
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
          id, sinkId: group.sink?.id ?? null, parent, members: new Set(), branchOutcomes: [],
          subjectType: events.get(group.branches[0]?.via.id)?.subjectType ?? "branch", depth,
        };
        this.folds.set(id, fold);
        for (const branch of group.branches) {
          const ids = branch.events.map((e) => e.id);
          for (const eventId of ids) {
            fold.members.add(eventId);
            this.parentOf.set(eventId, id);
          }
          fold.branchOutcomes.push(worst(ids.map((e) => outcomes.get(e) ?? "neutral")));
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

  /** "3× build · 2✓ 1✗" @param {string} id */
  label(id) {
    const fold = this.folds.get(id);
    const ok = fold.branchOutcomes.filter((o) => o === "succeeded").length;
    const bad = fold.branchOutcomes.filter((o) => o === "failed" || o === "rolledback").length;
    const other = fold.branchOutcomes.length - ok - bad;
    const parts = [`${ok}✓`];
    if (bad) parts.push(`${bad}✗`);
    if (other) parts.push(`${other}…`);
    return `${fold.branchOutcomes.length}× ${fold.subjectType} · ${parts.join(" ")}`;
  }

  /** Status bar segments: one per outcome, sized by its share of branches. @param {string} id */
  bar(id) {
    const counts = new Map();
    for (const o of this.folds.get(id).branchOutcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
    const total = this.folds.get(id).branchOutcomes.length;
    const order = /** @type {import("./outcome.js").Outcome[]} */ (["succeeded", "running", "neutral", "placeholder", "rolledback", "failed"]);
    return order.filter((o) => counts.has(o)).map((o) => ({
      colour: OUTCOME_COLOUR[o], fraction: counts.get(o) / total, label: `${counts.get(o)} ${OUTCOME_LABEL[o]}`,
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
}
