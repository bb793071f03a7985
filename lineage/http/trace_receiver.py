"""`POST /traces`: PipeCD records (deployment traces, deployments, manifest commits)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from lineage.http.payloads import object_or_array_records
from lineage.http.receivers import accept
from lineage.ingest import SourceRecord
from lineage.services.runtime import Runtime
from lineage.services.trace_intake import trace_submission


def trace_records(body: bytes) -> list[SourceRecord]:
    """The PipeCD records in a `POST /traces` body (a JSON object or array)."""
    return object_or_array_records(body, "traces", trace_submission)


async def receive_traces(request: Request) -> Response:
    """PipeCD records, one JSON object or an array of them; durable when answered."""
    runtime: Runtime = request.app.state.runtime
    body = await request.body()
    return await run_in_threadpool(accept, runtime, lambda: trace_records(body))
