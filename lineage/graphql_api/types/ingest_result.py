"""`IngestResult`: per-record outcome of the `ingest` mutation."""

from __future__ import annotations

import strawberry

from lineage.graphql_api.enums import Status
from lineage.ingest import IngestReport


@strawberry.type(description="What happened to one record sent to `ingest`.")
class IngestRecordResult:
    origin: str = strawberry.field(
        description="Where the record was: `events[i]`, `links[i]` or `records[i]`."
    )
    index: int = strawberry.field(description="Position of the record in its list.")
    kind: str | None = strawberry.field(
        description="`event`, `link` or the record's `kind` (e.g. `Deployment`), once recognized."
    )
    id: strawberry.ID | None
    status: Status
    reason: str | None = strawberry.field(description="Why it conflicted or was rejected.")


@strawberry.type(description="Counts per status and every record's outcome, in the order sent.")
class IngestResult:
    stored: int
    duplicates: int
    conflicts: int
    rejected: int
    records: list[IngestRecordResult]

    @classmethod
    def from_report(cls, report: IngestReport, event_count: int) -> IngestResult:
        """The result of ingesting `event_count` events followed by links."""
        records = [
            IngestRecordResult(
                origin=outcome.origin,
                index=_index(outcome.origin, position, event_count),
                kind=outcome.kind,
                id=strawberry.ID(outcome.record_id) if outcome.record_id else None,
                status=outcome.status,
                reason=outcome.reason,
            )
            for position, outcome in enumerate(report.outcomes)
        ]
        return cls(
            stored=report.counts[Status.STORED],
            duplicates=report.counts[Status.DUPLICATE],
            conflicts=report.counts[Status.CONFLICT],
            rejected=report.counts[Status.REJECTED],
            records=records,
        )


def _index(origin: str, position: int, event_count: int) -> int:
    """The record's position in its own list: the `i` of `name[i]`."""
    name, _, rest = origin.partition("[")
    if name and rest.endswith("]") and rest[:-1].isdigit():
        return int(rest[:-1])
    return position if position < event_count else position - event_count
