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
from lineage.services.events import event_links
from lineage.services.limits import max_event_links
from lineage.services.nodes import Node
from lineage.services.outcomes import event_outcome


@strawberry.type(description="What a CDEvent is about: the subject's id, source, type and content.")
class Subject:
    id: str = strawberry.field(
        description=(
            "The subject's id, as the producer sent it (e.g. a build id, a service name, a PURL)."
        )
    )
    source: str | None = strawberry.field(
        description="Where the subject lives (the producer's source URI), if given."
    )
    type: str = strawberry.field(
        description="The subject type, e.g. build, pipelineRun, service, artifact."
    )
    content: JSON = strawberry.field(
        description=(
            "The subject's content object as sent (commit, artifact, environment references ...)."
        )
    )


@strawberry.type(
    description=(
        "A CDEvent, or a placeholder (`placeholder: true`, only `id` set) for an id that links "
        "reference but whose event has not arrived."
    )
)
class Event:
    id: strawberry.ID = strawberry.field(
        description="The event id (CloudEvents `id`); UUIDs are lower-case."
    )
    placeholder: bool = strawberry.field(
        description=(
            "True for an id links reference whose event has not arrived (then only `id` is set)."
        )
    )
    type: str | None = strawberry.field(description="The full CDEvents type string.")
    subject_type: str | None = strawberry.field(
        description="The subject type part of `type`, e.g. build, pipelineRun, service."
    )
    predicate: str | None = strawberry.field(
        description="What happened to the subject, e.g. started, finished, deployed, rolledback."
    )
    type_version: str | None = strawberry.field(description="Version of the event type schema.")
    spec_version: str | None = strawberry.field(description="CDEvents spec version it arrived in.")
    source: str | None = strawberry.field(
        description="The producer that sent the event (CloudEvents `source`)."
    )
    timestamp: datetime | None = strawberry.field(description="When it happened, in UTC.")
    chain_id: strawberry.ID | None = strawberry.field(
        description="The chain the event belongs to (its `chainId`), if it carries one."
    )
    schema_uri: str | None = strawberry.field(
        description="The schema of a custom event (`context.schemaUri`), if given."
    )
    subject: Subject | None = strawberry.field(
        description="What the event is about: the subject's id, source, type and content."
    )
    custom_data: JSON | None = strawberry.field(description="The producer's `customData`, as sent.")
    custom_data_content_type: str | None = strawberry.field(
        description="The media type of `customData`, if given."
    )
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
            "`includeInferred: false`. More than LINEAGE_MAX_EVENT_LINKS (default 5000) is an "
            "error: narrow them, or use `traverse`."
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
        chosen = event_links(
            self.id,
            found,
            direction or Direction.BOTH,
            types or (),
            include_inferred is not False,
            max_event_links(),
        )
        return [Link.from_model(link, self.known_nodes) for link in chosen]

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
    type: LinkType = strawberry.field(description="START, END, PATH or RELATION.")
    kind: str | None = strawberry.field(
        description=(
            "A RELATION link's kind (e.g. TRIGGER, ARTIFACT, ENVIRONMENT for inferred edges)."
        )
    )
    chain_id: strawberry.ID | None = strawberry.field(
        description="The chain the link belongs to, if it carries a chainId."
    )
    timestamp: datetime | None = strawberry.field(
        description="When the link was made, if given (else that of the event embedding it)."
    )
    from_id: strawberry.ID | None = strawberry.field(
        description="Id of the event the link comes from (null for START)."
    )
    to_id: strawberry.ID | None = strawberry.field(description="Id of the event the link leads to.")
    tags: JSON = strawberry.field(
        description="The producer's tags on the link (an object; empty if none)."
    )
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

