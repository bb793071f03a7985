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

/**
 * A duration in seconds as a person would write it: `0 s`, `850 ms`, `4.2 s`, `42 s`,
 * `2 min 5 s`, `1 h 2 min`, `3 d 4 h` (the two largest units; an em dash when unknown). Every
 * duration the explorer shows goes through here.
 * @param {number | null | undefined} seconds
 * @returns {string}
 */
export function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  if (seconds < 0) return `−${fmtDuration(-seconds)}`;
  if (seconds === 0) return "0 s";
  const ms = Math.round(seconds * 1000);
  if (ms < 1000) return `${Math.max(ms, 1)} ms`;
  if (seconds < 9.95) return `${Number(seconds.toFixed(1))} s`;
  const whole = Math.round(seconds);
  /** @type {[number, string][]} */
  const units = [[86400, "d"], [3600, "h"], [60, "min"], [1, "s"]];
  const i = units.findIndex(([size]) => whole >= size);
  const [big, bigName] = units[i];
  const [small, smallName] = units[i + 1] ?? [0, ""];
  const first = `${Math.floor(whole / big)} ${bigName}`;
  if (!small) return first;
  const rest = Math.floor((whole % big) / small);
  return rest ? `${first} ${rest} ${smallName}` : first;
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
