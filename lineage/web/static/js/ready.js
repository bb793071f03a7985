// The "view is drawn" signal tests and benchmarks wait for: body[data-ready] and window.__explorerReady.

/** Mark the view as busy (layout or query under way). */
export function busy() {
  document.body.dataset.ready = "false";
  /** @type {any} */ (window).__explorerReady = false;
}

/** Mark the view as drawn; `detail` says what (e.g. node count), for tests and benchmarks. @param {Record<string, any>} [detail] */
export function ready(detail = {}) {
  document.body.dataset.ready = "true";
  /** @type {any} */ (window).__explorerReady = true;
  /** @type {any} */ (window).__explorerReadyAt = performance.now();
  document.dispatchEvent(new CustomEvent("explorer:ready", { detail }));
}
