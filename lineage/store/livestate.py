"""The live-state part of the store protocol: report history and the latest report per target.

`Store` composes this protocol; each backend implements it in its own module
(`lineage.store.embedded.livestate`, `lineage.store.neo4j.livestate`). Reports arrive as facts
of kind `ApplicationLiveState` (`Store.write`): each is kept in history, the latest of each
(application, deploy target) is kept current for instant reads, and history older than the
retention (`LINEAGE_LIVESTATE_RETENTION`, counted back from the latest report of the same
target) is pruned as reports are written. Stores only store and fetch: identity is judged by
ingest, staleness and drift by services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from lineage.model.livestate import LiveStateReport

if TYPE_CHECKING:  # `lineage.store.protocol` composes this module's protocol
    from lineage.store.protocol import Page


class LiveStateStore(Protocol):
    """`ApplicationLiveState` reports: history (pruned by age) and the latest per target."""

    def latest_live_states(self, application_id: str) -> list[LiveStateReport]:
        """The latest report of each deploy target of an application, by deploy target."""
        ...

    def live_state_history(
        self, application_id: str, deploy_target: str, first: int, after: str | None
    ) -> Page[LiveStateReport]:
        """Reports of one (application, deploy target), newest first, after cursor `after`."""
        ...
