"""Intake of records sent over the API (GraphQL mutation, HTTP): checked, labelled, ingested."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from lineage.ingest import IngestReport, RecordError, SourceRecord, record_kind
from lineage.services.limits import MAX_INGEST_RECORDS, check_range
from lineage.services.runtime import Runtime

RecordKind = Literal["event", "link"]
_NAMES = {"event": "CDEvent", "link": "standalone link"}


def submission(origin: str, raw: Any, kind: RecordKind, error: str | None = None) -> SourceRecord:
    """A record sent as `kind`, rejected up front when it is malformed or of the other kind."""
    if error is not None:
        return SourceRecord(origin, raw, error)
    try:
        actual = record_kind(raw)
    except RecordError as exc:
        return SourceRecord(origin, raw, str(exc))
    if actual != kind:
        return SourceRecord(origin, raw, f"expected a {_NAMES[kind]}, got a {_NAMES[actual]}")
    return SourceRecord(origin, raw)


def any_submission(origin: str, raw: Any) -> SourceRecord:
    """A record of any known kind (told by its shape and `kind`), rejected up front if unknown."""
    try:
        record_kind(raw)
    except RecordError as exc:
        return SourceRecord(origin, raw, str(exc))
    return SourceRecord(origin, raw)


def ingest_submissions(runtime: Runtime, records: Sequence[SourceRecord]) -> IngestReport:
    """Ingest up to `MAX_INGEST_RECORDS` records; outcomes come back in the order given."""
    check_range("number of records", len(records), 0, MAX_INGEST_RECORDS)
    return runtime.ingest(records)


def ingest_payloads(
    runtime: Runtime,
    events: Sequence[Any] = (),
    links: Sequence[Any] = (),
    others: Sequence[Any] = (),
) -> IngestReport:
    """Ingest CDEvents, standalone links and records of any kind; origins read `events[i]`,
    `links[i]`, `records[i]`."""
    records = [submission(f"events[{i}]", raw, "event") for i, raw in enumerate(events)]
    records += [submission(f"links[{i}]", raw, "link") for i, raw in enumerate(links)]
    records += [any_submission(f"records[{i}]", raw) for i, raw in enumerate(others)]
    return ingest_submissions(runtime, records)
