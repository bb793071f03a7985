"""`Chain` and its fan-out / fan-in `FanGroup`s."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from lineage.graphql_api.context import Info
from lineage.graphql_api.enums import Outcome
from lineage.graphql_api.types.critical_path import CriticalPath
from lineage.graphql_api.types.event import Event, Link
from lineage.model import ChainSummary
from lineage.services import fan_summary, fans
from lineage.services.chains import ChainView, chain_islands, chain_links, members
from lineage.services.critical_path import chain_critical_path
from lineage.services.nodes import Node
from lineage.services.outcomes import chain_outcome


@strawberry.type(description="One way out of a fan source, up to (not including) the sink.")
class FanBranch:
    via: Event = strawberry.field(
        description="The successor of the source this branch takes (the sink if it is empty)."
    )
    events: list[Event] = strawberry.field(
        description="Events strictly between source and sink along this branch, in path order."
    )
    groups: list[FanGroup] = strawberry.field(
        description="Fan groups nested in this branch (their source lies in it)."
    )
    outcome: Outcome | None = strawberry.field(
        description="How the branch turned out: the worst outcome of its events (null if none)."
    )


@strawberry.type(description="How many branches of a fan group turned out one way.")
class OutcomeCount:
    outcome: Outcome = strawberry.field(description="The outcome.")
    count: int = strawberry.field(description="How many branches turned out so.")


@strawberry.type(
    description=(
        "A fan-out at `source` (two or more PATH successors) and the fan-in at `sink`, the "
        "nearest event every path from the source passes through (null if branches never rejoin)."
    )
)
class FanGroup:
    source: Event = strawberry.field(
        description="The event with two or more PATH successors where the fan-out starts."
    )
    sink: Event | None = strawberry.field(
        description=(
            "The fan-in: the nearest event every path from the source passes through (null if the "
            "branches never rejoin)."
        )
    )
    branches: list[FanBranch] = strawberry.field(
        description="One branch per PATH successor of the source, in event order."
    )
    complete: bool = strawberry.field(
        description="True when the sink exists and has been reached (is a stored event)."
    )
    label: str = strawberry.field(
        description=(
            "What the folded group shows, e.g. `3\u00d7 build · 1✗ 2✓`: branch count and the "
            "subject type of the branches (a mixed fan counts each type, e.g. `2\u00d7 build + "
            "1\u00d7 testSuiteRun`), then branch outcomes worst first "
            "(✓ succeeded, ✗ failed, ↩ rolled back, ⊘ cancelled, … running, ◷ queued, "
            "? placeholder)."
        )
    )
    outcomes: list[OutcomeCount] = strawberry.field(
        description="How many branches turned out each way, worst first (the status bar)."
    )


class MemberEvents:
    """The GraphQL `Event` of each member of a chain view, built once and shared by every field.

    Each carries the links touching it and the chain's nodes, so `links { from to }` inside the
    chain needs no store call.
    """

    def __init__(self, view: ChainView) -> None:
        self.view = view
        self.nodes: dict[str, Node] = {node.id: node for node in view.events}
        self._built: dict[str, Event] = {}

    def event(self, node: Node) -> Event:
        """The GraphQL view of a member."""
        built = self._built.get(node.id)
        if built is None:
            links = self.view.touching.get(node.id, ())
            built = self._built[node.id] = Event.from_node(node, links, self.nodes)
        return built

    def find(self, event_id: str) -> Event | None:
        """The member with this id, if it is one."""
        node = self.nodes.get(event_id)
        return self.event(node) if node is not None else None


def fan_group(
    group: fans.FanGroup, members: MemberEvents, done: dict[int, FanGroup] | None = None
) -> FanGroup:
    """The GraphQL view of a fan group, nested groups included (each converted once)."""
    done = {} if done is None else done
    if id(group) in done:
        return done[id(group)]
    view = FanGroup(
        source=members.event(group.source),
        sink=members.event(group.sink) if group.sink is not None else None,
        branches=[],
        complete=group.complete,
        label=fan_summary.fan_label(group),
        outcomes=[
            OutcomeCount(outcome=outcome, count=count)
            for outcome, count in fan_summary.branch_outcomes(group)
        ],
    )
    done[id(group)] = view
    view.branches = [
        FanBranch(
            via=members.event(branch.via),
            events=[members.event(node) for node in branch.events],
            groups=[fan_group(inner, members, done) for inner in branch.groups],
            outcome=fan_summary.branch_outcome(branch),
        )
        for branch in group.branches
    ]
    return view


@strawberry.type(
    description=(
        "The events sharing one chainId (or joined to it by its links). The fields listing its "
        "members (events, links, islands, fanGroups, criticalPath) answer for chains of up to "
        "LINEAGE_MAX_CHAIN_EVENTS events (default 5000); beyond, they are an error saying so: "
        "page through a bigger chain with `events(filter: {chainId})`."
    )
)
class Chain:
    id: strawberry.ID = strawberry.field(
        description="The chain id (its `chainId`; UUIDs lower-case)."
    )
    complete: bool = strawberry.field(description="True once an END link of the chain was seen.")
    event_count: int = strawberry.field(description="How many member events are stored.")
    started_at: datetime | None = strawberry.field(description="Earliest member event time.")
    ended_at: datetime | None = strawberry.field(description="Latest member event time.")
    start_id: strawberry.ID | None = strawberry.field(
        description="Id of the chain's first event (START link, else earliest event)."
    )
    end_id: strawberry.ID | None = strawberry.field(
        description="Id of the event the END link points to, once the chain is complete."
    )
    view: strawberry.Private[ChainView | None] = None
    members: strawberry.Private[MemberEvents | None] = None

    @strawberry.field(description="Seconds from the earliest to the latest member event.")
    def duration(self) -> float | None:
        """Seconds from the earliest to the latest member event."""
        if self.started_at is None or self.ended_at is None:
            return None
        return (self.ended_at - self.started_at).total_seconds()

    @strawberry.field(description="The chain's first event (START link, else earliest event).")
    async def start(self, info: Info) -> Event | None:
        """The chain's first event."""
        return await self._member(info, self.start_id)

    @strawberry.field(description="The event the END link points to, once the chain is complete.")
    async def end(self, info: Info) -> Event | None:
        """The event the END link points to."""
        return await self._member(info, self.end_id)

    @strawberry.field(description="Stored events by time, then placeholders its links reference.")
    async def events(self, info: Info) -> list[Event]:
        """Member events by time, then placeholders."""
        members = await self._members(info)
        return [members.event(node) for node in members.view.events] if members else []

    @strawberry.field(
        description=(
            "Links carrying the chainId, plus producer links between its events; with "
            "`includeInferred: true` also the edges ingest inferred between two of its events "
            "(`inferred: true`; the explorer dashes them). In link order."
        )
    )
    async def links(
        self,
        info: Info,
        include_inferred: Annotated[
            bool | None,
            strawberry.argument(
                description="Also the inferred edges between members (default false)."
            ),
        ] = False,
    ) -> list[Link]:
        """The chain's links and the links between its members (inferred ones if asked)."""
        members = await self._members(info)
        if members is None:
            return []
        found = chain_links(members.view, include_inferred=bool(include_inferred))
        return [Link.from_model(link, members.nodes) for link in found]

    @strawberry.field(
        description=(
            "How the chain turned out: its END event's outcome once complete, else RUNNING."
        )
    )
    async def status(self, info: Info) -> Outcome:
        """The outcome of the chain's END event once complete, else RUNNING."""
        end = await self._member(info, self.end_id) if self.complete else None
        return chain_outcome(self.complete, end.outcome if end is not None else None)

    @strawberry.field(
        description=(
            "Connected pieces of the chain over PATH/RELATION links, biggest first, each in "
            "time order. A healthy chain is one island; gaps show as several."
        )
    )
    async def islands(self, info: Info) -> list[list[Event]]:
        """Connected pieces of the chain, biggest first."""
        members = await self._members(info)
        if members is None:
            return []
        return [[members.event(node) for node in island] for island in chain_islands(members.view)]

    @strawberry.field(description="Outermost fan-out/fan-in groups; nested groups are in branches.")
    async def fan_groups(self, info: Info) -> list[FanGroup]:
        """The outermost fan-out/fan-in groups."""
        members = await self._members(info)
        if members is None:
            return []
        done: dict[int, FanGroup] = {}
        return [fan_group(group, members, done) for group in fans.fan_groups(members.view)]

    @strawberry.field(
        description=(
            "The critical-path method over the chain's PATH links: steps with their queue and "
            "run time, earliest/latest start, slack, and the zero-slack path."
        )
    )
    async def critical_path(self, info: Info) -> CriticalPath | None:
        """The chain's critical path (null for an unknown chain)."""
        members = await self._members(info)
        if members is None:
            return None
        answer = chain_critical_path(members.view)
        return CriticalPath.from_model(answer, lambda i: members.event(members.nodes[i]))

    async def _member(self, info: Info, event_id: str | None) -> Event | None:
        """A member event, from the loaded view when there is one, else through the loader."""
        if event_id is None:
            return None
        if self.view is not None:
            found = self._members_of(self.view).find(event_id)
            if found is not None:
                return found
        return Event.from_node(await info.context.loaders.nodes.load(event_id))

    async def _members(self, info: Info) -> MemberEvents | None:
        """The members of the chain; an error for a chain too big to list (see `members`)."""
        view = self.view
        if view is None:
            view = await info.context.loaders.chain_views.load(self.id)
        return self._members_of(members(view)) if view is not None else None

    def _members_of(self, view: ChainView) -> MemberEvents:
        if self.members is None or self.members.view is not view:
            self.members = MemberEvents(view)
        return self.members

    @classmethod
    def from_summary(cls, summary: ChainSummary, view: ChainView | None = None) -> Chain:
        """The GraphQL view of a chain by summary (details load on demand) or fully viewed."""
        return cls(
            id=strawberry.ID(summary.id),
            complete=summary.complete,
            event_count=summary.event_count,
            started_at=summary.started_at,
            ended_at=summary.ended_at,
            start_id=strawberry.ID(summary.start_id) if summary.start_id else None,
            end_id=strawberry.ID(summary.end_id) if summary.end_id else None,
            view=view,
        )

    @classmethod
    def from_view(cls, view: ChainView) -> Chain:
        """The GraphQL view of a fully loaded chain."""
        return cls.from_summary(view.summary(), view)
