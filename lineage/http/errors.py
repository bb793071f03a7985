"""The one shape of every HTTP error answer, and the handlers that give it to every failure.

Every answer of a write endpoint, good or bad, has the same top-level keys (`errors`, `stored`,
`duplicates`, `conflicts`, `conflicting_ids`, `rejected`, `records`); an error that concerns the
whole request has one entry in `errors` with `index: null`. 429 and 503 carry `Retry-After`
(seconds): senders such as Knative and OTLP exporters retry those, and only those.
"""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from lineage.store.faults import StoreUnavailableError

log = logging.getLogger(__name__)

#: Seconds a sender should wait after a 503 (the store cannot take writes now).
RETRY_AFTER_UNAVAILABLE_S = 2


def error_response(
    status_code: int, reason: str, *, retry_after: int | None = None
) -> JSONResponse:
    """The answer to a request that stored nothing: one request-level error saying why."""
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse(
        {
            "errors": [{"index": None, "path": None, "reason": reason}],
            "stored": 0,
            "duplicates": 0,
            "conflicts": 0,
            "conflicting_ids": [],
            "rejected": 0,
            "records": [],
        },
        status_code=status_code,
        headers=headers,
    )


async def http_exception(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (404, 405, 413 …) in the shape of every other error."""
    assert isinstance(exc, HTTPException)
    response = error_response(exc.status_code, str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def store_unavailable(request: Request, exc: Exception) -> Response:
    """503 with `Retry-After`: the store could not take the request; nothing was stored."""
    log.warning("store unavailable on %s %s: %s", request.method, request.url.path, exc)
    return error_response(503, str(exc), retry_after=RETRY_AFTER_UNAVAILABLE_S)


async def internal_error(request: Request, exc: Exception) -> Response:
    """500 without internals (the traceback goes to the server log only)."""
    return error_response(500, "internal error; the server log has the details")


EXCEPTION_HANDLERS = {
    HTTPException: http_exception,
    StoreUnavailableError: store_unavailable,
    Exception: internal_error,
}
