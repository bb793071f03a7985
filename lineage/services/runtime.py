"""The long-lived parts a server shares between requests: the store, its ingestor, the notifier."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lineage.ingest import Ingestor, IngestReport, SourceRecord
from lineage.services.limits import MAX_INGEST_RECORDS
from lineage.services.notifications import Notifier
from lineage.store.protocol import Store

ReportListener = Callable[[IngestReport], None]


@dataclass(slots=True)
class Runtime:
    """One store with the single `Ingestor` writing to it and the `Notifier` its writes feed."""

    store: Store
    notifier: Notifier
    ingestor: Ingestor
    report_listeners: list[ReportListener] = field(default_factory=list)

    @classmethod
    def for_store(cls, store: Store) -> Runtime:
        """Wire an ingestor and a notifier to `store`.

        The ingestor's batch holds a whole request (`MAX_INGEST_RECORDS`), so each request is
        one transaction: a request cut off by a crash is stored entirely or not at all.
        """
        notifier = Notifier()
        ingestor = Ingestor(store, batch_size=MAX_INGEST_RECORDS, on_write=notifier.publish)
        return cls(store, notifier, ingestor)

    def ingest(self, records: Sequence[SourceRecord]) -> IngestReport:
        """Ingest records synchronously (durable on return), keeping every record's outcome."""
        report = self.ingestor.ingest(records, keep_outcomes=True)
        for listener in self.report_listeners:
            listener(report)
        return report
