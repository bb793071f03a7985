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
    id: strawberry.ID | None = strawberry.field(
        description="The record's id (event or link id, or the record's own id), once recognized."
    )
    status: Status = strawberry.field(description="What happened to it.")
    reason: str | None = strawberry.field(description="Why it conflicted or was rejected.")


@strawberry.type(description="Counts per status and every record's outcome, in the order sent.")
class IngestResult:
    stored: int = strawberry.field(description="Records stored now.")
    duplicates: int = strawberry.field(description="Records already stored with the same content.")
    conflicts: int = strawberry.field(
        description="Records whose id is stored with other content (the stored one was kept)."
    )
    rejected: int = strawberry.field(description="Invalid records, not stored.")
    records: list[IngestRecordResult] = strawberry.field(
        description="Every record's outcome, in the order sent (events, then links, then records)."
    )

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
