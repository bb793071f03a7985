// The API's own field descriptions (from the schema), shown as tooltips in the details panel.
// Fetched once per page, on the first details shown.

import { gql } from "./api.js";

const TYPES = ["Event", "Deployment", "Stage", "PipelineEnvironment", "LiveState", "Drift"];
const DOCS_QUERY = `query FieldDocs {
  ${TYPES.map((t) => `${t}: __type(name: "${t}") { fields { name description } }`).join("\n  ")}
}`;

/** @type {Promise<Map<string, string>> | null} "Type.field" → description */
let docs = null;

/** Every description of the types the details panel shows. */
function fieldDocs() {
  docs ??= gql(DOCS_QUERY).then((data) => {
    const map = new Map();
    for (const type of TYPES) {
      for (const field of data[type]?.fields ?? []) if (field.description) map.set(`${type}.${field.name}`, field.description);
    }
    return map;
  }).catch(() => new Map());
  return docs;
}

/**
 * Give each <dt> of `panel` whose label is in `fields` the schema's description as a tooltip.
 * @param {HTMLElement} panel
 * @param {string} type GraphQL type name
 * @param {Record<string, string>} fields label shown → field name
 */
export async function describeFields(panel, type, fields) {
  const map = await fieldDocs();
  for (const dt of panel.querySelectorAll("dt")) {
    const field = fields[dt.textContent ?? ""];
    const text = field ? map.get(`${type}.${field}`) : undefined;
    if (text) {
      dt.title = text;
      dt.classList.add("documented");
    }
  }
}
