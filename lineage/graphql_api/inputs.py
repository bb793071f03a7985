"""Input types: the `events` / `chains` filters, converted to the store's filters."""

from __future__ import annotations

from datetime import datetime

import strawberry

from lineage.store.protocol import ChainFilter, EventFilter


@strawberry.input(
    name="EventFilter", description="Which events: every given field must match (lists: any of)."
)
class EventFilterInput:
    types: list[str] | None = strawberry.field(
        default=None, description="Full CDEvents types, e.g. dev.cdevents.build.finished.0.3.0."
    )
    subject_types: list[str] | None = strawberry.field(
        default=None, description="Subject types, e.g. build, pipelineRun."
    )
    sources: list[str] | None = strawberry.field(
        default=None, description="Producer sources (CloudEvents `source`), e.g. /ci/tekton."
    )
    chain_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Events of this chain (their own chainId); pages through a chain of any size.",
    )
    subject_id: str | None = strawberry.field(
        default=None, description="Events about this subject id (as the producer sent it)."
    )
    since: datetime | None = strawberry.field(default=None, description="At or after this time.")
    until: datetime | None = strawberry.field(default=None, description="At or before this time.")

    def to_filter(self) -> EventFilter:
        """The store filter this input describes."""
        return EventFilter(
            types=tuple(self.types or ()),
            subject_types=tuple(self.subject_types or ()),
            sources=tuple(self.sources or ()),
            chain_id=self.chain_id,
            subject_id=self.subject_id,
            since=self.since,
            until=self.until,
        )


@strawberry.input(name="ChainFilter", description="Which chains: every given field must match.")
class ChainFilterInput:
    complete: bool | None = strawberry.field(
        default=None, description="Only complete (END seen) or only incomplete chains."
    )
    since: datetime | None = strawberry.field(
        default=None, description="Chains with an event at or after this time."
    )
    until: datetime | None = strawberry.field(
        default=None, description="Chains with an event at or before this time."
    )
    event_type: str | None = strawberry.field(
        default=None, description="Chains containing an event of this full CDEvents type."
    )

    def to_filter(self) -> ChainFilter:
        """The store filter this input describes."""
        return ChainFilter(
            complete=self.complete, since=self.since, until=self.until, event_type=self.event_type
        )


def event_filter(value: EventFilterInput | None) -> EventFilter:
    """The store filter for an optional input (no input: everything)."""
    return value.to_filter() if value is not None else EventFilter()


def chain_filter(value: ChainFilterInput | None) -> ChainFilter:
    """The store filter for an optional input (no input: every chain)."""
    return value.to_filter() if value is not None else ChainFilter()
