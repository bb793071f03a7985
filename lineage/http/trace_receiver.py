"""`POST /traces`: PipeCD records (deployment traces, deployments, manifest commits)."""

from __future__ import annotations

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from lineage.http.payloads import PayloadError
from lineage.http.receivers import accept
from lineage.ingest import SourceRecord
from lineage.services.runtime import Runtime
from lineage.services.trace_intake import trace_submission


def trace_records(body: bytes) -> list[SourceRecord]:
    """The PipeCD records in a `POST /traces` body (a JSON object or array)."""
    if not body.strip():
        raise PayloadError("empty body")
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise PayloadError(f"invalid JSON: {exc}") from None
    if isinstance(document, dict):
        return [trace_submission("traces[0]", document)]
    if isinstance(document, list):
        return [trace_submission(f"traces[{i}]", raw) for i, raw in enumerate(document)]
    raise PayloadError(f"expected a JSON object or array, got {type(document).__name__}")


async def receive_traces(request: Request) -> Response:
    """PipeCD records, one JSON object or an array of them; durable when answered."""
    runtime: Runtime = request.app.state.runtime
    body = await request.body()
    return await run_in_threadpool(accept, runtime, lambda: trace_records(body))
