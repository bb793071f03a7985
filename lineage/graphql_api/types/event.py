"""`Event` (a CDEvent or a placeholder), its `Subject`, and `Link`: the graph's nodes and edges."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from lineage import model
from lineage.graphql_api.context import Info
from lineage.graphql_api.enums import Direction, LinkType, Outcome
from lineage.services.nodes import Node
from lineage.services.outcomes import event_outcome


@strawberry.type(description="What a CDEvent is about: the subject's id, source, type and content.")
class Subject:
    id: str
    source: str | None
    type: str
    content: JSON


@strawberry.type(
    description=(
        "A CDEvent, or a placeholder (`placeholder: true`, only `id` set) for an id that links "
        "reference but whose event has not arrived."
    )
)
class Event:
    id: strawberry.ID
    placeholder: bool
    type: str | None = strawberry.field(description="The full CDEvents type string.")
    subject_type: str | None
    predicate: str | None
    type_version: str | None = strawberry.field(description="Version of the event type schema.")
    spec_version: str | None = strawberry.field(description="CDEvents spec version it arrived in.")
    source: str | None
    timestamp: datetime | None
    chain_id: strawberry.ID | None
    schema_uri: str | None
    subject: Subject | None
    custom_data: JSON | None
    custom_data_content_type: str | None
    outcome: Outcome = strawberry.field(
        description=(
            "How it turned out: its outcome/status word, a rollback, errors, an incident, or "
            "its predicate (queued, started); PLACEHOLDER for a placeholder."
        )
    )
    known_links: strawberry.Private[Sequence[model.Link] | None]
    known_nodes: strawberry.Private[Mapping[str, Node]]

    @strawberry.field(
        description=(
            "Links touching this event, in link order: both directions unless narrowed, every "
            "type unless `types` is given, and the edges ingest inferred unless "
            "`includeInferred: false`."
        )
    )
    async def links(
        self,
        info: Info,
        direction: Annotated[
            Direction | None,
            strawberry.argument(
                description="UPSTREAM: links entering it; DOWNSTREAM: leaving it; BOTH (default)."
            ),
        ] = Direction.BOTH,
        types: Annotated[
            list[LinkType] | None,
            strawberry.argument(description="Only links of these types (all if omitted)."),
        ] = None,
        include_inferred: Annotated[
            bool | None,
            strawberry.argument(
                description="False: only links producers sent, not the edges ingest inferred."
            ),
        ] = True,
    ) -> list[Link]:
        """Links touching this event, optionally narrowed by direction, type and inference."""
        found = self.known_links
        if found is None:
            found = await info.context.loaders.links_by_event.load(self.id)
        way = direction or Direction.BOTH
        producers_only = include_inferred is False
        return [
            Link.from_model(link, self.known_nodes)
            for link in found
            if (not types or link.type in types)
            and _leads(link, self.id, way)
            and not (producers_only and link.inferred)
        ]

    @classmethod
    def from_node(
        cls,
        node: Node,
        links: Sequence[model.Link] | None = None,
        nodes: Mapping[str, Node] | None = None,
    ) -> Event:
        """The GraphQL view of a stored event or a placeholder.

        `links` (all links touching it) and `nodes` (events by id) are given when already
        loaded, e.g. for the members of a chain, so nested fields need no store call.
        """
        known = nodes if nodes is not None else {}
        if not isinstance(node, model.Event):
            return cls(
                id=strawberry.ID(node.id), placeholder=True, type=None, subject_type=None,
                predicate=None, type_version=None, spec_version=None, source=None,
                timestamp=None, chain_id=None, schema_uri=None, subject=None, custom_data=None,
                custom_data_content_type=None, outcome=Outcome.PLACEHOLDER, known_links=links,
                known_nodes=known,
            )  # fmt: skip
        return cls(
            id=strawberry.ID(node.id),
            placeholder=False,
            type=node.type,
            subject_type=node.subject_type,
            predicate=node.predicate,
            type_version=node.type_version,
            spec_version=node.spec_version,
            source=node.source,
            timestamp=node.timestamp,
            chain_id=strawberry.ID(node.chain_id) if node.chain_id else None,
            schema_uri=node.schema_uri,
            subject=Subject(
                id=node.subject_id,
                source=node.subject_source,
                type=node.subject_type,
                content=JSON(node.subject_content),
            ),
            custom_data=JSON(node.custom_data) if node.custom_data is not None else None,
            custom_data_content_type=node.custom_data_content_type,
            outcome=event_outcome(node),
            known_links=links,
            known_nodes=known,
        )


@strawberry.type(
    description=(
        "A directed link `from -> to`. START has only `to` (the chain's first event); END has "
        "`from` and `to` (the end event); RELATION: `from` = source, `to` = target, `kind` = "
        "linkKind."
    )
)
class Link:
    id: strawberry.ID = strawberry.field(description="Stable id from type, chain, ends and kind.")
    type: LinkType
    kind: str | None
    chain_id: strawberry.ID | None
    timestamp: datetime | None
    from_id: strawberry.ID | None
    to_id: strawberry.ID | None
    tags: JSON
    inferred: bool = strawberry.field(description="Derived by ingest rather than sent.")
    known: strawberry.Private[Mapping[str, Node]]

    @strawberry.field(name="from", description="The event the link comes from.")
    async def from_(self, info: Info) -> Event | None:
        """The event the link comes from."""
        return await self._end(info, self.from_id)

    @strawberry.field(description="The event the link leads to.")
    async def to(self, info: Info) -> Event | None:
        """The event the link leads to."""
        return await self._end(info, self.to_id)

    async def _end(self, info: Info, event_id: str | None) -> Event | None:
        if event_id is None:
            return None
        node = self.known.get(event_id)
        if node is None:
            node = await info.context.loaders.nodes.load(event_id)
        return Event.from_node(node)

    @classmethod
    def from_model(cls, link: model.Link, known: Mapping[str, Node] | None = None) -> Link:
        """The GraphQL view of a link; `known` nodes (e.g. a chain's) resolve its ends directly."""
        return cls(
            id=strawberry.ID(link.id),
            type=link.type,
            kind=link.kind,
            chain_id=strawberry.ID(link.chain_id) if link.chain_id else None,
            timestamp=link.timestamp,
            from_id=strawberry.ID(link.from_id) if link.from_id else None,
            to_id=strawberry.ID(link.to_id) if link.to_id else None,
            tags=JSON(link.tags),
            inferred=link.inferred,
            known=known or {},
        )


def _leads(link: model.Link, event_id: str, direction: Direction) -> bool:
    """Whether `link` leaves (DOWNSTREAM) / enters (UPSTREAM) / touches (BOTH) the event."""
    if direction is Direction.DOWNSTREAM:
        return link.from_id == event_id
    if direction is Direction.UPSTREAM:
        return link.to_id == event_id
    return True
