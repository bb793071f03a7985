"""Intake of live-state reports sent over the API (`POST /livestate`)."""

from __future__ import annotations

from typing import Any

from lineage.ingest import RecordError, SourceRecord, record_kind
from lineage.ingest.livestate import KIND

_OTHER_NAMES = {"event": "CDEvent", "link": "standalone link"}


def live_state_submission(origin: str, raw: Any) -> SourceRecord:
    """A record sent as a live-state report (its `kind` may be left out), else rejected up front."""
    if isinstance(raw, dict) and "kind" not in raw and "context" not in raw:
        raw = {"kind": KIND, **raw}
    try:
        kind = record_kind(raw)
    except RecordError as exc:
        return SourceRecord(origin, raw, str(exc))
    if kind != KIND:
        return SourceRecord(
            origin, raw, f"expected an {KIND} report, got a {_OTHER_NAMES.get(kind, kind)}"
        )
    return SourceRecord(origin, raw)
