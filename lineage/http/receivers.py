"""`POST /events` and `POST /links`: decode, ingest durably in a worker thread, report.

`accept` is the one path every write endpoint takes: a body that cannot be read is 400 (415 for
a content type the endpoint does not read), a request over a server cap 413, a storage fault
503 with `Retry-After` (nothing of the request stored), else the ingest report.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from lineage.http.errors import error_response
from lineage.http.ingest_response import report_response
from lineage.http.payloads import (
    PayloadError,
    UnsupportedMediaTypeError,
    event_records,
    link_records,
)
from lineage.http.readiness import Readiness
from lineage.ingest import SourceRecord
from lineage.services.errors import LimitExceededError
from lineage.services.intake import ingest_submissions
from lineage.services.runtime import Runtime


def accept(request: Request, decode: Callable[[], list[SourceRecord]]) -> JSONResponse:
    """Decode a body and ingest its records (blocking: the data is durable on return)."""
    runtime: Runtime = request.app.state.runtime
    readiness: Readiness = request.app.state.readiness
    try:
        records = decode()
    except UnsupportedMediaTypeError as exc:
        return error_response(415, str(exc))
    except PayloadError as exc:
        return error_response(400, str(exc))
    try:
        report = ingest_submissions(runtime, records)
    except LimitExceededError as exc:
        return error_response(413, str(exc))
    except Exception as exc:
        unavailable = readiness.unavailable(exc)
        if unavailable is None:
            raise
        raise unavailable from exc
    return report_response(report)


async def receive(request: Request, decode: Callable[[bytes], list[SourceRecord]]) -> Response:
    """Read the body, then decode and ingest it in a worker thread."""
    body = await request.body()
    return await run_in_threadpool(accept, request, lambda: decode(body))


async def receive_events(request: Request) -> Response:
    """CDEvents as CloudEvents (binary, structured, batch), plain JSON or JSON Lines."""
    headers = dict(request.headers)
    return await receive(request, lambda body: event_records(headers, body))


async def receive_links(request: Request) -> Response:
    """Standalone links: a JSON object, an array of them, or JSON Lines."""
    headers = dict(request.headers)
    return await receive(request, lambda body: link_records(headers, body))
