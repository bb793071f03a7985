"""The GraphQL endpoint: strawberry's ASGI app with an offline GraphiQL and graphql-transport-ws."""

from __future__ import annotations

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from lineage.graphql_api import GraphQLContext, build_schema, make_context
from lineage.http.explorer import graphiql_html
from lineage.services.runtime import Runtime


class LineageGraphQL(GraphQL[GraphQLContext, None]):
    """Serves the lineage schema; each request or websocket gets a context on the shared runtime."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(
            build_schema(),
            graphql_ide="graphiql",
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self.runtime = runtime

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from the app's own vendored assets instead of strawberry's CDN page."""
        return HTMLResponse(graphiql_html())

    def encode_json(self, data: object) -> str:
        """Responses as JSON text via orjson (text, not bytes: websocket frames must be text)."""
        return orjson.dumps(data).decode()

    def decode_json(self, data: str | bytes) -> object:
        """Request bodies and websocket messages parsed with orjson."""
        return orjson.loads(data)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> GraphQLContext:
        """A fresh context (own DataLoaders) reading the shared store, ingestor and notifier."""
        return make_context(self.runtime.store, self.runtime)
