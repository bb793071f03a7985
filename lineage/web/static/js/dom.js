// Small DOM and formatting helpers shared by every view (no framework).

/**
 * An element with attributes and children. `on*` function attributes become event listeners,
 * `class` sets className, `dataset` an object of data-* values; null/false attributes are skipped.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [attrs]
 * @param {...any} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "class") {
      el.className = String(value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "text") {
      el.textContent = String(value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Append children (nested arrays flattened, empty values skipped). @param {Element} el @param {any[]} children */
function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** The element with this id (the shell always has it). @param {string} id @returns {HTMLElement} */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

/** Replace an element's children. @param {Element} el @param {...any} children */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** A time as `2026-01-05 09:00:00 UTC` (or an em dash). @param {string | null | undefined} iso */
export function fmtTime(iso) {
  if (!iso) return "—";
  return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
}

/** Seconds as `1h 02m`, `3m 05s`, `4.2s` (or an em dash). @param {number | null | undefined} seconds */
export function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const whole = Math.round(seconds);
  const m = Math.floor(whole / 60);
  if (m < 60) return `${m}m ${String(whole % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

/** The short form of a long id (first 8 characters). @param {string} id */
export function shortId(id) {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** The app path of a view for an id. @param {"chains"|"events"|"commits"|"pipelines"|"applications"} kind @param {string} id */
export function viewPath(kind, id) {
  return `/${kind}/${encodeURIComponent(id)}`;
}

/** A link to another view that navigates without reloading the page. @param {string} href @param {any} text @param {Record<string, any>} [attrs] */
export function navLink(href, text, attrs = {}) {
  return h("a", { href, ...attrs, "data-nav": "" }, text);
}
