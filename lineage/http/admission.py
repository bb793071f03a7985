"""Bounded admission: beyond N writes, or M GraphQL requests, in flight, 429 with `Retry-After`.

Writes (`POST /events`, `/links`, `/traces`, `/livestate`) and GraphQL requests over HTTP are
counted apart, so a flood of one cannot starve the other; health, metrics, the explorer's files
and websocket subscriptions are never counted.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from lineage.http.errors import error_response

#: The endpoints that write.
WRITE_PATHS = frozenset({"/events", "/links", "/traces", "/livestate"})
GRAPHQL_PATH = "/graphql"
#: Seconds a sender should wait after a 429.
RETRY_AFTER_BUSY_S = 1


class Admission:
    """Counts requests in flight per class (on the event loop: no lock needed); refuses the
    excess before reading its body, so overload costs almost nothing."""

    def __init__(self, app: ASGIApp, max_inflight_writes: int, max_inflight_queries: int) -> None:
        self.app = app
        self.limits = {"writes": max_inflight_writes, "GraphQL requests": max_inflight_queries}
        self.inflight = dict.fromkeys(self.limits, 0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Admit, or answer 429 to, a counted request; pass everything else through."""
        kind = _kind(scope)
        if kind is None:
            await self.app(scope, receive, send)
            return
        limit = self.limits[kind]
        if self.inflight[kind] >= limit:
            response = error_response(
                429,
                f"too many {kind} in flight (at most {limit}); retry later",
                retry_after=RETRY_AFTER_BUSY_S,
            )
            await response(scope, receive, send)
            return
        self.inflight[kind] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.inflight[kind] -= 1


def _kind(scope: Scope) -> str | None:
    if scope["type"] != "http":
        return None
    path = scope["path"].rstrip("/")
    if path == GRAPHQL_PATH:
        return "GraphQL requests"
    if scope["method"] == "POST" and path in WRITE_PATHS:
        return "writes"
    return None
