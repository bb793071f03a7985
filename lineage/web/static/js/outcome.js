// How an event is drawn: its outcome class (colour) and its subject-type label.

/** @typedef {"succeeded"|"failed"|"rolledback"|"running"|"placeholder"|"neutral"} Outcome */

/**
 * @typedef {{id: string, placeholder: boolean, outcome?: string, type?: string, subjectType?: string,
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

/** The API's `Outcome` enum → the explorer's colour classes. @type {Record<string, Outcome>} */
export const API_OUTCOME = {
  SUCCEEDED: "succeeded", FAILED: "failed", ROLLED_BACK: "rolledback", CANCELLED: "neutral",
  RUNNING: "running", QUEUED: "running", PLACEHOLDER: "placeholder",
};

/**
 * The outcome of one event on its own, as the API reports it (`Event.outcome`).
 * @param {LineageEvent} event
 * @returns {Outcome}
 */
export function ownOutcome(event) {
  if (event.placeholder) return "placeholder";
  return API_OUTCOME[event.outcome ?? ""] ?? "neutral";
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
