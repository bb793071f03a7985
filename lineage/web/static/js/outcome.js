// How an event is drawn: its outcome class (colour) and its subject-type label.

/** @typedef {"succeeded"|"failed"|"rolledback"|"running"|"placeholder"|"neutral"} Outcome */

/**
 * @typedef {{id: string, placeholder: boolean, type?: string, subjectType?: string,
 *   predicate?: string, timestamp?: string, chainId?: string, source?: string,
 *   specVersion?: string, typeVersion?: string, customData?: any,
 *   subject?: {id: string, type: string, source?: string, content?: any}}} LineageEvent
 */

/** @type {Record<Outcome, string>} */
export const OUTCOME_LABEL = {
  succeeded: "succeeded",
  failed: "failed",
  rolledback: "rolled back",
  running: "running",
  placeholder: "placeholder (not arrived)",
  neutral: "other",
};

/** @type {Record<Outcome, string>} */
export const OUTCOME_COLOUR = {
  succeeded: "#16a34a",
  failed: "#dc2626",
  rolledback: "#d97706",
  running: "#2563eb",
  placeholder: "#9ca3af",
  neutral: "#64748b",
};

const SUCCESS_PREDICATES = new Set([
  "finished", "published", "deployed", "upgraded", "merged", "created", "updated", "resolved",
  "succeeded", "reviewed", "submitted", "removed", "abandoned",
]);
const RUNNING_PREDICATES = new Set(["started", "queued", "triggered"]);
const FAILED_OUTCOMES = new Set(["failure", "failed", "error", "errored"]);

/** The producer-reported outcome, lower-cased, if any. @param {LineageEvent} event */
function reportedOutcome(event) {
  const content = event.subject?.content;
  const value = content && typeof content === "object" ? (content.outcome ?? content.status) : null;
  return typeof value === "string" ? value.toLowerCase() : null;
}

/**
 * The outcome of one event on its own (a started event counts as running).
 * @param {LineageEvent} event
 * @returns {Outcome}
 */
export function ownOutcome(event) {
  if (event.placeholder) return "placeholder";
  const predicate = (event.predicate ?? "").toLowerCase();
  const outcome = reportedOutcome(event);
  if (predicate === "rolledback" || outcome === "rolledback") return "rolledback";
  if (predicate === "detected" || (outcome && FAILED_OUTCOMES.has(outcome))) return "failed";
  if (outcome === "cancel" || outcome === "cancelled") return "neutral";
  if (RUNNING_PREDICATES.has(predicate)) return "running";
  if (SUCCESS_PREDICATES.has(predicate) || outcome === "success") return "succeeded";
  return "neutral";
}

/**
 * Outcomes of a set of events: a started event whose subject finished among them takes the
 * finished event's outcome instead of "running".
 * When `settled` (the chain is complete), a start that never finished is no longer "running".
 * @param {LineageEvent[]} events
 * @param {boolean} [settled]
 * @returns {Map<string, Outcome>}
 */
export function outcomes(events, settled = false) {
  /** @type {Map<string, Outcome>} */
  const finished = new Map();
  for (const event of events) {
    const own = ownOutcome(event);
    if (event.subject && own !== "running" && own !== "placeholder") {
      finished.set(`${event.subjectType}:${event.subject.id}`, own);
    }
  }
  const result = new Map();
  for (const event of events) {
    let own = ownOutcome(event);
    if (own === "running" && event.subject) {
      own = finished.get(`${event.subjectType}:${event.subject.id}`) ?? (settled ? "neutral" : own);
    }
    result.set(event.id, own);
  }
  return result;
}

/** The worst of several outcomes (for a chain or a fan branch). @param {Iterable<Outcome>} list @returns {Outcome} */
export function worst(list) {
  const rank = ["failed", "rolledback", "running", "placeholder", "succeeded", "neutral"];
  let best = rank.length - 1;
  let any = false;
  for (const outcome of list) {
    any = true;
    best = Math.min(best, rank.indexOf(outcome));
  }
  return /** @type {Outcome} */ (any ? rank[best] : "neutral");
}

/** `build\nfinished` — subject type over predicate (or the id for placeholders). @param {LineageEvent} event */
export function eventLabel(event) {
  if (event.placeholder) return `? ${event.id.slice(0, 8)}`;
  return `${event.subjectType ?? "event"}\n${event.predicate ?? ""}`;
}

/** Node shape per subject type (the legend lists them). */
export const SUBJECT_SHAPES = /** @type {Record<string, string>} */ ({
  change: "ellipse",
  repository: "ellipse",
  branch: "ellipse",
  pipelineRun: "round-rectangle",
  taskRun: "rectangle",
  build: "round-hexagon",
  artifact: "round-diamond",
  testCaseRun: "round-tag",
  testSuiteRun: "round-tag",
  service: "round-octagon",
  environment: "barrel",
  incident: "star",
});
