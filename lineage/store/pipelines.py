"""The pipeline part of the store protocol: stored executions, and the event reads that compute
CDEvents executions.

`Store` composes this protocol; each backend implements it in its own module
(`lineage.store.embedded.pipelines`, `lineage.store.neo4j.pipelines`). Executions arrive as
facts (`Store.write`): `ExecutionRevision`s of Weave resources (the greatest `revision` of a
resource is kept) and `RunEvent`s whose `RunSummary` parts are merged into the summary of their
CDEvents run (`RunSummary.merge` rules). Stores only store and fetch: ingest parses and derives,
services compute a CDEvents run's stages and environments from its events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from lineage.model import Event
from lineage.model.pipeline import PipelineExecution

if TYPE_CHECKING:  # `lineage.store.protocol` composes this module's protocol
    from lineage.store.protocol import Page


@dataclass(frozen=True, slots=True)
class ExecutionFilter:
    """Which stored executions to list; every given field must match (lists: any value)."""

    pipeline_name: str | None = None
    namespace: str | None = None
    statuses: Sequence[str] = ()


class PipelineStore(Protocol):
    """Stored executions (Weave resources, CDEvents run summaries) and event reads."""

    def get_pipeline_executions(self, ids: Sequence[str]) -> list[PipelineExecution]:
        """Stored executions with any of `ids` (a Weave and a CDEvents one may share an id)."""
        ...

    def find_pipeline_executions(
        self, filter: ExecutionFilter, first: int, after: str | None
    ) -> Page[PipelineExecution]:
        """Stored executions matching `filter`, newest (start, else last update) first."""
        ...

    def events_of_subjects(
        self, subject_ids: Sequence[str], subject_types: Sequence[str]
    ) -> list[Event]:
        """Events about any of `subject_ids` of any of `subject_types`, by (timestamp, id)."""
        ...

    def events_in_chains(
        self, chain_ids: Sequence[str], subject_types: Sequence[str]
    ) -> list[Event]:
        """Events carrying any of `chain_ids` of any of `subject_types`, by (timestamp, id)."""
        ...

    def latest_subject_events(
        self, subject_id: str, subject_types: Sequence[str], limit: int
    ) -> list[Event]:
        """Up to `limit` events about `subject_id` of any of `subject_types`, newest first."""
        ...
