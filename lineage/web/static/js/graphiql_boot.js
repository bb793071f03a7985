// Boots GraphiQL from the vendored UMD builds (React, ReactDOM, GraphiQL are globals they define).
// The query and variables live in the URL (?q=…&variables=…) so an operation can be shared
// (not ?query=: a GET with `query` is executed by the endpoint instead of showing GraphiQL).

const DEFAULT_QUERY = `# Ctrl-Enter runs the query; the Docs button lists every field.
{
  chains(first: 5) {
    edges { node { id complete eventCount duration start { type } } }
  }
}
`;

/** Keep `key` of the page URL in step with an editor's text. @param {string} key @param {string | undefined} value */
function rememberInUrl(key, value) {
  const url = new URL(window.location.href);
  if (value) url.searchParams.set(key, value);
  else url.searchParams.delete(key);
  window.history.replaceState(null, "", url);
}

function boot() {
  const here = new URL(window.location.href);
  const endpoint = `${here.origin}/graphql`;
  const wsEndpoint = endpoint.replace(/^http/, "ws");
  const fetcher = GraphiQL.createFetcher({ url: endpoint, subscriptionUrl: wsEndpoint });
  const element = React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: DEFAULT_QUERY,
    query: here.searchParams.get("q") ?? undefined,
    variables: here.searchParams.get("variables") ?? undefined,
    onEditQuery: (/** @type {string} */ text) => rememberInUrl("q", text),
    onEditVariables: (/** @type {string} */ text) => rememberInUrl("variables", text),
    defaultEditorToolsVisibility: true,
  });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(element);
}

boot();
