// ELK "layered" layout computed in a Web Worker (elk-worker.min.js), so the page stays responsive.
// Only the chains dag_layout.js cannot draw well (nested fan groups) need it: the worker (1.6 MB to
// compile) starts on the first such layout, not with every page.

const WORKER_URL = "/static/vendor/elkjs/elk-worker.min.js";
const TIMEOUT_MS = 15000;

/**
 * @typedef {{id: string, width?: number, height?: number, x?: number, y?: number,
 *   children?: ElkNode[], layoutOptions?: Record<string, string>}} ElkNode
 * @typedef {{id: string, sources: string[], targets: string[]}} ElkEdge
 * @typedef {{x: number, y: number, w: number, h: number}} Box  centre x/y, width, height
 */

/** @type {Worker | null} */
let worker = null;
let nextId = 0;
/** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void}>} */
const pending = new Map();

/** The shared worker, registered for the layered algorithm on first use. */
function elkWorker() {
  if (worker) return worker;
  const created = new Worker(WORKER_URL);
  created.addEventListener("message", (message) => {
    const { id, data, error } = message.data;
    const waiter = pending.get(id);
    if (!waiter) return;
    pending.delete(id);
    if (error) waiter.reject(new Error(String(error.message ?? error)));
    else waiter.resolve(data);
  });
  created.addEventListener("error", (event) => {
    for (const waiter of pending.values()) waiter.reject(new Error(event.message || "ELK worker failed"));
    pending.clear();
  });
  worker = created;
  // A failure here shows again in the first layout, which the views catch and fall back from.
  call({ cmd: "register", algorithms: ["layered"] }).catch(() => {});
  return created;
}

/** Send one command to the worker. @param {Record<string, any>} message @returns {Promise<any>} */
function call(message) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const target = worker ?? elkWorker();
    target.postMessage({ ...message, id });
    setTimeout(() => {
      if (pending.delete(id)) reject(new Error(`ELK layout took longer than ${TIMEOUT_MS / 1000} s`));
    }, TIMEOUT_MS);
  });
}

const ROOT_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.layered.spacing.nodeNodeBetweenLayers": "50",
  "elk.spacing.nodeNode": "22",
  "elk.spacing.componentComponent": "90",
  "elk.separateConnectedComponents": "true",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  // Cytoscape draws its own edges, so ELK's routes are thrown away: polyline routing is the
  // cheapest (about a quarter less layout time than orthogonal on a 100-event chain), and it
  // keeps a long chain on one line where orthogonal routing let Brandes-Köpf drift it downhill.
  "elk.edgeRouting": "POLYLINE",
  // One sweep of crossing minimisation and no greedy switching: several times faster, and on
  // delivery chains (mostly series-parallel) the drawings are the same.
  "elk.layered.thoroughness": "1",
  "elk.layered.crossingMinimization.greedySwitch.type": "OFF",
  "elk.padding": "[top=30,left=16,bottom=16,right=16]",
};

/**
 * Lay out a (possibly nested) graph left to right; resolves to the centre and size of every node
 * (compound nodes included) in absolute coordinates.
 * @param {ElkNode[]} children
 * @param {ElkEdge[]} edges
 * @param {Record<string, string>} [options] overrides of the layout options
 * @returns {Promise<Map<string, Box>>}
 */
export async function layeredLayout(children, edges, options = {}) {
  const graph = { id: "root", layoutOptions: { ...ROOT_OPTIONS, ...options }, children, edges };
  const laid = await call({ cmd: "layout", graph, layoutOptions: {}, options: {} });
  /** @type {Map<string, Box>} */
  const boxes = new Map();
  /** @param {ElkNode[]} nodes @param {number} dx @param {number} dy */
  const visit = (nodes, dx, dy) => {
    for (const node of nodes ?? []) {
      const x = dx + (node.x ?? 0);
      const y = dy + (node.y ?? 0);
      boxes.set(node.id, { x: x + (node.width ?? 0) / 2, y: y + (node.height ?? 0) / 2, w: node.width ?? 0, h: node.height ?? 0 });
      if (node.children?.length) visit(node.children, x, y);
    }
  };
  visit(laid.children, 0, 0);
  return boxes;
}
