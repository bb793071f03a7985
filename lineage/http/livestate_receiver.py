"""`POST /livestate`: `ApplicationLiveState` reports, one JSON object, an array, or JSON Lines."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response

from lineage.http.payloads import object_or_array_records
from lineage.http.receivers import receive
from lineage.ingest import SourceRecord
from lineage.services.livestate_intake import live_state_submission


def live_state_records(headers: Mapping[str, str], body: bytes) -> list[SourceRecord]:
    """The reports in a `POST /livestate` body; origins read `reports[i]`."""
    return object_or_array_records(headers, body, "reports", live_state_submission)


async def receive_live_states(request: Request) -> Response:
    """Live-state reports; 200 once durable, 400 naming each rejected report."""
    headers = dict(request.headers)
    return await receive(request, lambda body: live_state_records(headers, body))
