"""`POST /events` and `POST /links`: decode, ingest durably in a worker thread, report."""

from __future__ import annotations

from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from lineage.http.ingest_response import payload_error_response, report_response
from lineage.http.payloads import PayloadError, event_records, link_records
from lineage.ingest import SourceRecord
from lineage.services.errors import LimitExceededError
from lineage.services.intake import ingest_submissions
from lineage.services.runtime import Runtime


def accept(runtime: Runtime, decode: Callable[[], list[SourceRecord]]) -> JSONResponse:
    """Decode a body and ingest its records (blocking: the data is durable on return)."""
    try:
        records = decode()
    except PayloadError as exc:
        return payload_error_response(str(exc))
    try:
        report = ingest_submissions(runtime, records)
    except LimitExceededError as exc:
        return payload_error_response(str(exc), status_code=413)
    return report_response(report)


async def receive_events(request: Request) -> Response:
    """CDEvents as CloudEvents (binary, structured, batch) or plain JSON object / array."""
    runtime: Runtime = request.app.state.runtime
    headers, body = dict(request.headers), await request.body()
    return await run_in_threadpool(accept, runtime, lambda: event_records(headers, body))


async def receive_links(request: Request) -> Response:
    """Standalone links: a JSON object or an array of them."""
    runtime: Runtime = request.app.state.runtime
    body = await request.body()
    return await run_in_threadpool(accept, runtime, lambda: link_records(body))
