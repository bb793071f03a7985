// The parts every view shares: page head, the outline / canvas / details workspace, legend, details.

import { fmtTime, h, fill, navLink, viewPath } from "./dom.js";
import { describeFields } from "./field_docs.js";
import { OUTCOME_COLOUR, OUTCOME_LABEL, ownOutcome } from "./outcome.js";

/**
 * The view's heading block.
 * @param {string} kind e.g. "Chain"
 * @param {string} title
 * @param {[string, any][]} facts label → value pairs
 * @param {(Node | string)[]} [tools] toolbar content
 */
export function viewHead(kind, title, facts, tools = []) {
  return h(
    "section",
    { class: "view-head" },
    h("h1", {}, h("span", { class: "kind" }, kind), title),
    h("dl", { class: "facts" }, facts.map(([label, value]) => h("div", {}, h("dt", {}, label), h("dd", {}, value)))),
    tools.length ? h("div", { class: "toolbar", role: "toolbar" }, tools) : null,
  );
}

/** The outline | canvas | details grid. */
export function workspace() {
  const outline = h("nav", { class: "outline", "aria-label": "Outline of what is drawn" });
  const stage = h("div", { class: "stage" });
  const details = h("aside", { class: "details", "aria-label": "Details" });
  fill(details, h("h2", {}, "Details"), h("p", { class: "empty" }, "Click a node or an outline entry to see its details."));
  return { root: h("div", { class: "workspace" }, outline, stage, details), outline, stage, details };
}

/** The legend drawn over the canvas. @param {{fans?: boolean, marks?: boolean}} [what] */
export function legend(what = {}) {
  const outcomes = /** @type {(keyof typeof OUTCOME_COLOUR)[]} */ (Object.keys(OUTCOME_COLOUR));
  const swatch = (/** @type {string} */ colour) => {
    const el = h("span", { class: "swatch" });
    el.style.background = colour;
    return el;
  };
  return h(
    "div",
    { class: "legend", "aria-label": "Legend" },
    outcomes.map((o) => h("span", { class: "item" }, swatch(OUTCOME_COLOUR[o]), OUTCOME_LABEL[o])),
    h("span", { class: "item" }, h("span", { class: "edge-solid" }), "link (PATH)"),
    h("span", { class: "item" }, h("span", { class: "edge-dashed" }), "inferred link"),
    h("span", { class: "item" }, h("span", { class: "edge-dotted" }), "RELATION"),
    what.marks ? h("span", { class: "item" }, h("span", { class: "mark" }), "START / END") : null,
    what.fans ? h("span", { class: "item" }, h("span", { class: "fold" }), "folded fan group") : null,
  );
}

/**
 * @typedef {{id: string, type: string, kind?: string, fromId?: string, toId?: string,
 *   inferred: boolean, timestamp?: string, chainId?: string}} LineageLink
 */

/** A copy-to-clipboard button for `text`. @param {string} text @param {string} label */
function copyButton(text, label) {
  const button = h("button", { type: "button" }, label);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied";
    } catch {
      const area = h("textarea", {}, text);
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
      button.textContent = "Copied";
    }
    setTimeout(() => (button.textContent = label), 1500);
  });
  return button;
}

/** One link as `PATH → <to>` with links to both ends. @param {LineageLink} link @param {string} self */
function linkItem(link, self) {
  const other = link.fromId === self ? link.toId : link.fromId;
  const arrow = link.fromId === self ? "→" : "←";
  return h(
    "li",
    {},
    `${link.type}${link.kind ? ` (${link.kind})` : ""}${link.inferred ? " · inferred" : ""} ${arrow} `,
    other ? navLink(viewPath("events", other), other.slice(0, 13), { title: other }) : "(chain)",
  );
}

/**
 * Fill the details panel with one event.
 * @param {HTMLElement} panel
 * @param {import("./outcome.js").LineageEvent} event
 * @param {LineageLink[]} links the links of the view touching it
 * @param {(Node | string)[]} [extra] more actions
 */
export function showEvent(panel, event, links, extra = []) {
  const raw = JSON.stringify({ ...event, links }, null, 2);
  const outcome = ownOutcome(event);
  fill(
    panel,
    h("h2", {}, event.placeholder ? "Placeholder event" : "Event"),
    h(
      "dl",
      {},
      h("dt", {}, "id"), h("dd", {}, navLink(viewPath("events", event.id), event.id)),
      h("dt", {}, "type"), h("dd", {}, event.type ?? "— (not arrived yet)"),
      h("dt", {}, "outcome"), h("dd", {}, h("span", { class: `badge ${outcome}` }, OUTCOME_LABEL[outcome])),
      h("dt", {}, "time"), h("dd", {}, fmtTime(event.timestamp)),
      h("dt", {}, "subject"), h("dd", {}, event.subject ? `${event.subject.type} ${event.subject.id}` : "—"),
      h("dt", {}, "source"), h("dd", {}, event.source ?? "—"),
      h("dt", {}, "chain"), h("dd", {}, event.chainId ? navLink(viewPath("chains", event.chainId), event.chainId) : "—"),
      h("dt", {}, "spec"), h("dd", {}, event.specVersion ? `${event.specVersion} (type ${event.typeVersion})` : "—"),
    ),
    h("div", { class: "actions" }, navLink(`${viewPath("events", event.id)}?up=2&down=2`, "Focus on this event"), extra),
    h("h2", {}, `Links (${links.length})`),
    links.length ? h("ul", { class: "links-list" }, links.map((l) => linkItem(l, event.id))) : h("p", { class: "empty" }, "none drawn"),
    h("h2", {}, "Subject content"),
    h("pre", {}, JSON.stringify(event.subject?.content ?? null, null, 2)),
    h("h2", {}, "customData"),
    h("pre", {}, JSON.stringify(event.customData ?? null, null, 2)),
    h("h2", {}, "Raw JSON"),
    h("div", { class: "actions" }, copyButton(raw, "Copy JSON")),
    h("pre", { class: "raw" }, raw),
  );
  void describeFields(panel, "Event", {
    id: "id", type: "type", time: "timestamp", subject: "subject", source: "source", chain: "chainId", spec: "specVersion",
  });
}

/**
 * Fill the details panel with any labelled facts and a raw JSON block.
 * @param {HTMLElement} panel
 * @param {string} title
 * @param {[string, any][]} facts
 * @param {any} rawValue
 * @param {{type: string, fields: Record<string, string>}} [docs] the GraphQL type and field of each label, for tooltips
 */
export function showFacts(panel, title, facts, rawValue, docs) {
  const raw = JSON.stringify(rawValue, null, 2);
  fill(
    panel,
    h("h2", {}, title),
    h("dl", {}, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "—")])),
    h("h2", {}, "Raw JSON"),
    h("div", { class: "actions" }, copyButton(raw, "Copy JSON")),
    h("pre", { class: "raw" }, raw),
  );
  if (docs) void describeFields(panel, docs.type, docs.fields);
}

/** The page's error block. @param {HTMLElement} app @param {string} message */
export function showError(app, message) {
  fill(app, h("p", { class: "error", role: "alert" }, message), h("p", { class: "page" }, navLink("/", "← recent chains")));
}
