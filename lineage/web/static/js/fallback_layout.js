// A plain layered layout computed in the page, for when ELK fails or times out: columns by the
// longest path from a root, rows in input order. Crude, but never fails and never recurses.

/**
 * @param {string[]} nodeIds
 * @param {{source: string, target: string}[]} edges
 * @param {{dx?: number, dy?: number}} [spacing]
 * @returns {Map<string, {x: number, y: number}>}
 */
export function layeredFallback(nodeIds, edges, spacing = {}) {
  const dx = spacing.dx ?? 150;
  const dy = spacing.dy ?? 64;
  const known = new Set(nodeIds);
  /** @type {Map<string, string[]>} */
  const next = new Map(nodeIds.map((id) => [id, /** @type {string[]} */ ([])]));
  const indegree = new Map(nodeIds.map((id) => [id, 0]));
  for (const e of edges) {
    if (!known.has(e.source) || !known.has(e.target) || e.source === e.target) continue;
    next.get(e.source).push(e.target);
    indegree.set(e.target, indegree.get(e.target) + 1);
  }
  const rank = new Map(nodeIds.map((id) => [id, 0]));
  const queue = nodeIds.filter((id) => indegree.get(id) === 0);
  const seen = new Set();
  while (queue.length) {
    const id = queue.shift();
    seen.add(id);
    for (const t of next.get(id)) {
      rank.set(t, Math.max(rank.get(t), rank.get(id) + 1));
      indegree.set(t, indegree.get(t) - 1);
      if (indegree.get(t) === 0) queue.push(t);
    }
  }
  const rows = new Map();
  const positions = new Map();
  for (const id of nodeIds) {
    const r = seen.has(id) ? rank.get(id) : 0;
    const row = rows.get(r) ?? 0;
    rows.set(r, row + 1);
    positions.set(id, { x: r * dx, y: row * dy });
  }
  return positions;
}
