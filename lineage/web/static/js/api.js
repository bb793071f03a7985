// The explorer's only way to the backend: GraphQL over HTTP POST to /graphql.

/** A GraphQL answer carried errors (and maybe partial data). */
export class GraphQLError extends Error {
  /** @param {string} message @param {any} data */
  constructor(message, data) {
    super(message);
    this.name = "GraphQLError";
    /** Whatever data came back beside the errors. */
    this.data = data;
  }
}

/**
 * Run one operation; resolves to `data`, rejects with GraphQLError naming every error.
 * @param {string} query
 * @param {Record<string, any>} [variables]
 * @param {{allowPartial?: boolean}} [options] resolve with partial data despite errors
 * @returns {Promise<any>}
 */
export async function gql(query, variables = {}, options = {}) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  /** @type {{data?: any, errors?: {message: string}[]}} */
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new GraphQLError(`the server answered ${response.status}: ${text.slice(0, 200)}`, null);
  }
  if (body.errors?.length && !(options.allowPartial && body.data)) {
    throw new GraphQLError(body.errors.map((e) => e.message).join("; "), body.data);
  }
  return body.data;
}
