"""`POST /livestate`: `ApplicationLiveState` reports, one JSON object or an array of them."""

from __future__ import annotations

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from lineage.http.payloads import PayloadError
from lineage.http.receivers import accept
from lineage.ingest import SourceRecord
from lineage.services.livestate_intake import live_state_submission
from lineage.services.runtime import Runtime


def live_state_records(body: bytes) -> list[SourceRecord]:
    """The reports in a `POST /livestate` body; origins read `reports[i]`."""
    if not body.strip():
        raise PayloadError("empty body")
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise PayloadError(f"invalid JSON: {exc}") from None
    if isinstance(document, dict):
        return [live_state_submission("reports[0]", document)]
    if isinstance(document, list):
        return [live_state_submission(f"reports[{i}]", raw) for i, raw in enumerate(document)]
    raise PayloadError(f"expected a JSON object or array, got {type(document).__name__}")


async def receive_live_states(request: Request) -> Response:
    """Live-state reports; 200 once durable, 400 naming each rejected report."""
    runtime: Runtime = request.app.state.runtime
    body = await request.body()
    return await run_in_threadpool(accept, runtime, lambda: live_state_records(body))
