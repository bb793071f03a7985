"""Bounded admission of writes: beyond N write requests in flight, 429 with `Retry-After`."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from lineage.http.errors import error_response

#: The endpoints that write; every other request is admitted without counting.
WRITE_PATHS = frozenset({"/events", "/links", "/traces", "/livestate"})
#: Seconds a sender should wait after a 429.
RETRY_AFTER_BUSY_S = 1


class WriteAdmission:
    """Counts write requests in flight (on the event loop: no lock needed); refuses the excess.

    A refused request is answered before its body is read, so overload costs almost nothing.
    """

    def __init__(self, app: ASGIApp, max_inflight: int) -> None:
        self.app = app
        self.max_inflight = max_inflight
        self.inflight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Admit, or answer 429, a write; pass everything else through."""
        if not _is_write(scope):
            await self.app(scope, receive, send)
            return
        if self.inflight >= self.max_inflight:
            response = error_response(
                429,
                f"too many writes in flight (at most {self.max_inflight}); retry later",
                retry_after=RETRY_AFTER_BUSY_S,
            )
            await response(scope, receive, send)
            return
        self.inflight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.inflight -= 1


def _is_write(scope: Scope) -> bool:
    return (
        scope["type"] == "http"
        and scope["method"] == "POST"
        and scope["path"].rstrip("/") in WRITE_PATHS
    )
