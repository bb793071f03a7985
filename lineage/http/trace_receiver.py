"""`POST /traces`: PipeCD records (deployment traces, deployments, manifest commits)."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response

from lineage.http.payloads import object_or_array_records
from lineage.http.receivers import receive
from lineage.ingest import SourceRecord
from lineage.services.trace_intake import trace_submission


def trace_records(headers: Mapping[str, str], body: bytes) -> list[SourceRecord]:
    """The PipeCD records in a `POST /traces` body (a JSON object, array, or JSON Lines)."""
    return object_or_array_records(headers, body, "traces", trace_submission)


async def receive_traces(request: Request) -> Response:
    """PipeCD records, one JSON object, an array, or JSON Lines; durable when answered."""
    headers = dict(request.headers)
    return await receive(request, lambda body: trace_records(headers, body))
