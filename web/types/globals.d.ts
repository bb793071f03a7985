// Globals defined by the vendored UMD builds that graphiql.html loads before graphiql_boot.js.
declare const React: { createElement(type: unknown, props?: Record<string, unknown>): unknown };
declare const ReactDOM: { createRoot(element: Element): { render(node: unknown): void } };
declare const GraphiQL: {
  createFetcher(options: { url: string; subscriptionUrl?: string }): unknown;
};
