"""Intake of PipeCD records sent over the API (`POST /traces`, the `ingest` mutation's `traces`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lineage.ingest import IngestReport, RecordError, SourceRecord, record_kind
from lineage.ingest.pipecd import PIPECD_PARSERS
from lineage.services.intake import ingest_submissions
from lineage.services.runtime import Runtime

_OTHER_NAMES = {"event": "CDEvent", "link": "standalone link"}


def trace_submission(origin: str, raw: Any) -> SourceRecord:
    """A record sent as a PipeCD record, rejected up front when it is malformed or another kind."""
    try:
        kind = record_kind(raw)
    except RecordError as exc:
        return SourceRecord(origin, raw, str(exc))
    if kind not in PIPECD_PARSERS:
        return SourceRecord(
            origin,
            raw,
            f"expected a PipeCD record ({', '.join(PIPECD_PARSERS)}), "
            f"got a {_OTHER_NAMES.get(kind, kind)}",
        )
    return SourceRecord(origin, raw)


def ingest_traces(runtime: Runtime, records: Sequence[Any]) -> IngestReport:
    """Ingest PipeCD records; origins read `traces[i]`."""
    return ingest_submissions(
        runtime, [trace_submission(f"traces[{i}]", raw) for i, raw in enumerate(records)]
    )
