// A layered left-to-right layout of a DAG computed in the page, in a few milliseconds: the common
// case of the chain view (a series-parallel delivery chain) needs no ELK worker at all, and it is
// the fallback when ELK fails. Sugiyama's steps, each in its simplest sound form:
//   1. cycles broken by ignoring DFS back edges (PATH links should form a DAG anyway);
//   2. connected components (the chain's islands) laid out apart, stacked top to bottom;
//   3. layers by longest path from the sources, sources pulled next to their first successor;
//   4. a long edge gets one dummy vertex per layer it crosses (a thin lane that keeps nodes off it);
//   5. order in each layer: DFS order, then barycentre sweeps down and up, keeping the order
//      with the fewest crossings;
//   6. rows: every vertex pulled to the mean height of its neighbours, the order and the spacing
//      kept (isotonic regression per layer, a few rounds), so lines run straight and a fan's
//      source and sink sit level with the middle of their branches.

/**
 * @typedef {{id: string, w: number, h: number}} LayoutNode
 * @typedef {{source: string, target: string}} LayoutEdge
 * @typedef {{x: number, y: number, w: number, h: number}} Box  centre x/y, width, height
 * @typedef {{layerGap?: number, nodeGap?: number, componentGap?: number}} Spacing
 */

const SWEEPS = 8;
const ROUNDS = 12;

/**
 * Lay out `nodes` left to right along `edges`; returns the centre and size of every node.
 * Nodes come in a meaningful order (a chain's events by time): ties keep it.
 * @param {LayoutNode[]} nodes
 * @param {LayoutEdge[]} edges
 * @param {Spacing} [spacing]
 * @returns {Map<string, Box>}
 */
export function dagLayout(nodes, edges, spacing = {}) {
  const layerGap = spacing.layerGap ?? 34;
  const nodeGap = spacing.nodeGap ?? 22;
  const componentGap = spacing.componentGap ?? 90;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const succ = nodes.map(() => /** @type {number[]} */ ([]));
  const seen = new Set();
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t || seen.has(`${s}>${t}`)) continue;
    seen.add(`${s}>${t}`);
    succ[s].push(t);
  }
  dropBackEdges(succ);
  /** @type {Map<string, Box>} */
  const boxes = new Map();
  let top = 0;
  for (const component of components(succ)) {
    const placed = layoutComponent(component, succ, nodes, layerGap, nodeGap);
    const y1 = Math.min(...component.map((v) => placed.y[v] - nodes[v].h / 2));
    const y2 = Math.max(...component.map((v) => placed.y[v] + nodes[v].h / 2));
    for (const v of component) boxes.set(nodes[v].id, { x: placed.x[v], y: top + placed.y[v] - y1, w: nodes[v].w, h: nodes[v].h });
    top += y2 - y1 + componentGap;
  }
  return boxes;
}

/** Remove the edges a DFS (from nodes in order) finds going back to its own path. @param {number[][]} succ */
function dropBackEdges(succ) {
  const state = new Uint8Array(succ.length); // 0 new, 1 on the path, 2 done
  for (let root = 0; root < succ.length; root++) {
    if (state[root]) continue;
    /** @type {[number, number][]} vertex, next successor to look at */
    const stack = [[root, 0]];
    state[root] = 1;
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const [v, i] = frame;
      if (i >= succ[v].length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      frame[1] = i + 1;
      const t = succ[v][i];
      if (state[t] === 1) {
        succ[v].splice(i, 1);
        frame[1] = i;
      } else if (state[t] === 0) {
        state[t] = 1;
        stack.push([t, 0]);
      }
    }
  }
}

/** Weakly connected components, each in node order, ordered by their first node. @param {number[][]} succ */
function components(succ) {
  const parent = succ.map((_, i) => i);
  const find = (/** @type {number} */ v) => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]];
    return v;
  };
  succ.forEach((targets, s) => targets.forEach((t) => { parent[find(s)] = find(t); }));
  /** @type {Map<number, number[]>} */
  const groups = new Map();
  succ.forEach((_, v) => {
    const root = find(v);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root).push(v);
  });
  return [...groups.values()];
}

/**
 * Layers, order and coordinates of one component (y relative, x from 0).
 * @param {number[]} component @param {number[][]} succ @param {LayoutNode[]} nodes
 * @param {number} layerGap @param {number} nodeGap
 */
function layoutComponent(component, succ, nodes, layerGap, nodeGap) {
  // 3. Longest-path layers over a topological order (Kahn's, node order among the ready).
  const members = new Set(component);
  const indegree = new Map(component.map((v) => [v, 0]));
  for (const v of component) for (const t of succ[v]) indegree.set(t, indegree.get(t) + 1);
  const order = [];
  const ready = component.filter((v) => indegree.get(v) === 0);
  while (ready.length) {
    ready.sort((a, b) => a - b);
    const v = ready.shift();
    order.push(v);
    for (const t of succ[v]) {
      indegree.set(t, indegree.get(t) - 1);
      if (indegree.get(t) === 0) ready.push(t);
    }
  }
  /** @type {Map<number, number>} */
  const layer = new Map(component.map((v) => [v, 0]));
  for (const v of order) for (const t of succ[v]) layer.set(t, Math.max(layer.get(t), layer.get(v) + 1));
  const hasPred = new Set(component.flatMap((v) => succ[v]));
  for (const v of [...order].reverse()) {
    if (!hasPred.has(v) && succ[v].length) layer.set(v, Math.min(...succ[v].map((t) => layer.get(t))) - 1);
  }
  const base = Math.min(...component.map((v) => layer.get(v)));

  // 4. Vertices: the component's nodes, then one dummy per layer a long edge crosses.
  /** @typedef {{node: number, layer: number, up: number[], down: number[]}} Vertex  node -1: a dummy */
  /** @type {Vertex[]} */
  const vertices = component.map((v) => /** @type {Vertex} */ ({ node: v, layer: layer.get(v) - base, up: [], down: [] }));
  const vertexOf = new Map(component.map((v, i) => [v, i]));
  for (const s of component) {
    for (const t of succ[s]) {
      if (!members.has(t)) continue;
      let from = vertexOf.get(s);
      const to = vertexOf.get(t);
      for (let l = vertices[from].layer + 1; l < vertices[to].layer; l++) {
        vertices.push({ node: -1, layer: l, up: [from], down: [] });
        vertices[from].down.push(vertices.length - 1);
        from = vertices.length - 1;
      }
      vertices[from].down.push(to);
      vertices[to].up.push(from);
    }
  }
  const depth = Math.max(...vertices.map((v) => v.layer)) + 1;

  // 5. Order: DFS from the nodes in node order, then barycentre sweeps.
  /** @type {number[][]} */
  let layers = Array.from({ length: depth }, () => /** @type {number[]} */ ([]));
  const visited = new Uint8Array(vertices.length);
  for (let root = 0; root < vertices.length; root++) {
    const stack = [root];
    while (stack.length) {
      const v = stack.pop();
      if (visited[v]) continue;
      visited[v] = 1;
      layers[vertices[v].layer].push(v);
      for (let i = vertices[v].down.length - 1; i >= 0; i--) stack.push(vertices[v].down[i]);
    }
  }
  const position = new Float64Array(vertices.length);
  const place = (/** @type {number[][]} */ list) => list.forEach((row) => row.forEach((v, i) => { position[v] = i; }));
  place(layers);
  let best = layers.map((row) => [...row]);
  let fewest = crossings(layers, vertices, position);
  for (let sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
    const downward = sweep % 2 === 0;
    for (let k = 1; k < depth; k++) {
      const l = downward ? k : depth - 1 - k;
      const row = layers[l];
      /** @type {Map<number, number>} */
      const centre = new Map();
      for (const v of row) {
        const near = downward ? vertices[v].up : vertices[v].down;
        centre.set(v, near.length ? near.reduce((sum, n) => sum + position[n], 0) / near.length : position[v]);
      }
      row.sort((a, b) => centre.get(a) - centre.get(b) || position[a] - position[b]);
      row.forEach((v, i) => { position[v] = i; });
    }
    const count = crossings(layers, vertices, position);
    if (count < fewest) {
      fewest = count;
      best = layers.map((row) => [...row]);
    }
  }
  layers = best;
  place(layers);

  // 6. Rows: centred stacks, then each vertex pulled towards its neighbours' mean height.
  const height = (/** @type {number} */ v) => (vertices[v].node >= 0 ? nodes[vertices[v].node].h : 0);
  // A dummy is a thin lane: edges run closer to each other than to nodes (as ELK spaces them).
  const isNode = (/** @type {number} */ v) => vertices[v].node >= 0;
  const gap = (/** @type {number} */ a, /** @type {number} */ b) => (isNode(a) && isNode(b) ? nodeGap : isNode(a) || isNode(b) ? nodeGap / 2 : nodeGap / 4);
  const y = new Float64Array(vertices.length);
  /** @param {number[]} row @returns {number[]} the least distance of each vertex below the first */
  const offsets = (row) => {
    const out = [0];
    for (let i = 1; i < row.length; i++) out.push(out[i - 1] + (height(row[i - 1]) + height(row[i])) / 2 + gap(row[i - 1], row[i]));
    return out;
  };
  for (const row of layers) {
    const off = offsets(row);
    const middle = off[off.length - 1] / 2;
    row.forEach((v, i) => { y[v] = off[i] - middle; });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const row of round % 2 ? [...layers].reverse() : layers) {
      const wanted = row.map((v) => {
        const near = [...vertices[v].up, ...vertices[v].down];
        return near.length ? near.reduce((sum, n) => sum + y[n], 0) / near.length : y[v];
      });
      const ys = spacedFit(wanted, offsets(row));
      row.forEach((v, i) => { y[v] = ys[i]; });
    }
  }

  // x: each layer as wide as its widest node, layers `layerGap` apart.
  const x = new Map();
  let left = 0;
  for (const row of layers) {
    const width = Math.max(0, ...row.filter((v) => vertices[v].node >= 0).map((v) => nodes[vertices[v].node].w));
    for (const v of row) if (vertices[v].node >= 0) x.set(vertices[v].node, left + width / 2);
    left += width + layerGap;
  }
  /** @type {Record<number, number>} */
  const xs = {};
  /** @type {Record<number, number>} */
  const ys = {};
  for (const v of component) { xs[v] = x.get(v); ys[v] = y[vertexOf.get(v)]; }
  return { x: xs, y: ys };
}

/**
 * Heights as close as possible (least squares) to `wanted`, keeping each at least the gap of
 * `offsets` below the one before: pool-adjacent-violators on `wanted - offsets`.
 * @param {number[]} wanted @param {number[]} offsets
 */
function spacedFit(wanted, offsets) {
  /** @type {{sum: number, count: number}[]} */
  const blocks = [];
  for (let i = 0; i < wanted.length; i++) {
    blocks.push({ sum: wanted[i] - offsets[i], count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const prev = blocks[blocks.length - 2];
      if (prev.sum / prev.count <= last.sum / last.count) break;
      prev.sum += last.sum;
      prev.count += last.count;
      blocks.pop();
    }
  }
  const out = [];
  for (const block of blocks) for (let k = 0; k < block.count; k++) out.push(block.sum / block.count + offsets[out.length]);
  return out;
}

/**
 * Edge crossings between consecutive layers for the current positions.
 * @param {number[][]} layers
 * @param {{down: number[]}[]} vertices
 * @param {Float64Array} position
 */
function crossings(layers, vertices, position) {
  let count = 0;
  for (const row of layers) {
    /** @type {[number, number][]} */
    const pairs = [];
    for (const v of row) for (const t of vertices[v].down) pairs.push([position[v], position[t]]);
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let i = 0; i < pairs.length; i++) {
      for (let j = i + 1; j < pairs.length; j++) if (pairs[j][0] > pairs[i][0] && pairs[j][1] < pairs[i][1]) count++;
    }
  }
  return count;
}
