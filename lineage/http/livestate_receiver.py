"""`POST /livestate`: `ApplicationLiveState` reports, one JSON object or an array of them."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from lineage.http.payloads import object_or_array_records
from lineage.http.receivers import accept
from lineage.ingest import SourceRecord
from lineage.services.livestate_intake import live_state_submission
from lineage.services.runtime import Runtime


def live_state_records(body: bytes) -> list[SourceRecord]:
    """The reports in a `POST /livestate` body; origins read `reports[i]`."""
    return object_or_array_records(body, "reports", live_state_submission)


async def receive_live_states(request: Request) -> Response:
    """Live-state reports; 200 once durable, 400 naming each rejected report."""
    runtime: Runtime = request.app.state.runtime
    body = await request.body()
    return await run_in_threadpool(accept, runtime, lambda: live_state_records(body))
