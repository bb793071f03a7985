"""The `Mutation` root: ingest CDEvents and standalone links through the ingest rules."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from lineage.graphql_api.context import Info
from lineage.graphql_api.types.ingest_result import IngestResult
from lineage.services.intake import ingest_payloads


@strawberry.type(description="Writes: ingest CDEvents, links and other records.")
class Mutation:
    @strawberry.mutation(
        description=(
            "Ingest CDEvents (`events`), standalone links (`links`) and records of any kind "
            "(`records`: CDEvents, links, PipeCD DeploymentTrace / Deployment / ManifestCommit "
            "and the other kinds ingest knows, told apart by shape and `kind`); valid records are "
            "stored even when others are rejected. Durable when the result returns. At most "
            "50000 records."
        )
    )
    async def ingest(
        self,
        info: Info,
        events: Annotated[
            list[JSON] | None,
            strawberry.argument(
                description=(
                    "CDEvents (any supported spec version), each a JSON object."
                )
            ),
        ] = None,
        links: Annotated[
            list[JSON] | None,
            strawberry.argument(
                description=(
                    "Standalone links (START, END, PATH, RELATION), each a JSON object."
                )
            ),
        ] = None,
        records: Annotated[
            list[JSON] | None,
            strawberry.argument(
                description=(
                    "Records of any kind ingest knows, told apart by shape and `kind`."
                )
            ),
        ] = None,
    ) -> IngestResult:
        """Ingest CDEvents, standalone links and records of any kind, reporting each record."""
        sent_events, sent_links = list(events or ()), list(links or ())
        report = await asyncio.to_thread(
            ingest_payloads, info.context.runtime, sent_events, sent_links, list(records or ())
        )
        return IngestResult.from_report(report, len(sent_events))
