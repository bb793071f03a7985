"""The Starlette app: the explorer at /, GraphQL at /graphql, the receivers, health, metrics."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp

from lineage.config import (
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_INFLIGHT_QUERIES,
    DEFAULT_MAX_INFLIGHT_WRITES,
)
from lineage.http.admission import Admission
from lineage.http.body_limit import BodyLimit
from lineage.http.errors import EXCEPTION_HANDLERS
from lineage.http.explorer import explorer_routes
from lineage.http.graphql_endpoint import LineageGraphQL
from lineage.http.health import healthz, live, ready
from lineage.http.livestate_receiver import receive_live_states
from lineage.http.metrics import LatencyMiddleware, Metrics
from lineage.http.readiness import Readiness
from lineage.http.receivers import receive_events, receive_links
from lineage.http.security_headers import SecurityHeaders
from lineage.http.trace_receiver import receive_traces
from lineage.services.runtime import Runtime
from lineage.store.protocol import Store


class SecuredStarlette(Starlette):
    """Starlette with `SecurityHeaders` outside every other layer, so that the answers of its
    own outer layers (a 500 for a crash) carry the headers too."""

    def __init__(
        self, *args: Any, content_security_policies: Mapping[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.content_security_policies = content_security_policies

    def build_middleware_stack(self) -> ASGIApp:
        """Starlette's stack, wrapped in the security headers."""
        return SecurityHeaders(super().build_middleware_stack(), self.content_security_policies)


def create_app(
    store: Store,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    max_inflight_writes: int = DEFAULT_MAX_INFLIGHT_WRITES,
    max_inflight_queries: int = DEFAULT_MAX_INFLIGHT_QUERIES,
    content_security_policies: Mapping[str, str] | None = None,
) -> Starlette:
    """The HTTP app serving `store`; bodies over `max_body_bytes` are refused with 413, write
    requests beyond `max_inflight_writes` at once, and GraphQL requests beyond
    `max_inflight_queries`, with 429.

    Every HTTP response carries the security headers of `lineage.http.security_headers`, its
    Content-Security-Policy chosen by path prefix from `content_security_policies` (default
    `security_headers.POLICIES`).

    `app.state.runtime` holds the shared store / ingestor / notifier, `app.state.metrics` the
    Prometheus registry. The caller keeps ownership of `store` (close it after serving).
    """
    runtime = Runtime.for_store(store)
    metrics = Metrics()
    runtime.report_listeners.append(metrics.count_report)
    graphql = LineageGraphQL(runtime)
    app = SecuredStarlette(
        routes=[
            Route("/graphql", graphql, name="graphql"),
            WebSocketRoute("/graphql", graphql, name="graphql-ws"),
            Route("/events", receive_events, methods=["POST"]),
            Route("/links", receive_links, methods=["POST"]),
            Route("/traces", receive_traces, methods=["POST"]),
            Route("/livestate", receive_live_states, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/healthz/live", live, methods=["GET"]),
            Route("/healthz/ready", ready, methods=["GET"]),
            Route("/metrics", metrics.endpoint, methods=["GET"]),
            *explorer_routes(),
        ],
        middleware=[
            Middleware(LatencyMiddleware, metrics=metrics),
            Middleware(
                Admission,
                max_inflight_writes=max_inflight_writes,
                max_inflight_queries=max_inflight_queries,
            ),
            Middleware(BodyLimit, max_bytes=max_body_bytes),
        ],
        exception_handlers=dict(EXCEPTION_HANDLERS),
        content_security_policies=content_security_policies,
    )
    app.state.runtime = runtime
    app.state.metrics = metrics
    app.state.readiness = Readiness()
    return app
