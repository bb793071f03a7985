"""The ingest rules: decide stored / duplicate / conflict / rejected, then write in batches.

Identity: an event is its (normalized) `context.id`; a link is its type, chain, endpoints and kind.
A second delivery with the same digest is a duplicate; with a different digest it is a conflict,
and the first stays. So ingesting the same records in any order, any number of times, yields the
same graph (up to which of two conflicting versions arrived first).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from lineage.ingest.errors import RecordError
from lineage.ingest.outcome import IngestReport, RecordOutcome, Status
from lineage.ingest.records import parse_record
from lineage.ingest.sources import SourceRecord
from lineage.model import Event, Link
from lineage.store.protocol import Store

DEFAULT_BATCH = 5000
WriteListener = Callable[[list[Event], list[Link]], None]


class Ingestor:
    """Feeds records into a store batch by batch and reports what happened to each.

    Batches are judged and written one at a time (a lock), so concurrent callers in one process
    cannot both store the same id.
    """

    def __init__(
        self,
        store: Store,
        batch_size: int = DEFAULT_BATCH,
        on_write: WriteListener | None = None,
    ) -> None:
        self.store = store
        self.batch_size = batch_size
        self.on_write = on_write
        self._lock = threading.Lock()

    def ingest(
        self,
        records: Iterable[SourceRecord],
        keep_outcomes: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Ingest every record; valid ones are stored even when others are rejected."""
        report = IngestReport(keep_outcomes=keep_outcomes)
        for batch in _batches(records, self.batch_size):
            with self._lock:
                self._ingest_batch(batch, report)
            if progress is not None:
                progress(len(batch))
        return report

    def _ingest_batch(self, batch: list[SourceRecord], report: IngestReport) -> None:
        parsed: list[tuple[SourceRecord, Event | Link | RecordError]] = []
        for record in batch:
            if record.error is not None:
                parsed.append((record, RecordError(record.error)))
                continue
            try:
                parsed.append((record, parse_record(record.raw)))
            except RecordError as exc:
                parsed.append((record, exc))
        event_ids = [item.id for _, item in parsed if isinstance(item, Event)]
        link_ids = [item.id for _, item in parsed if isinstance(item, Link)]
        known_events = self.store.event_digests(event_ids) if event_ids else {}
        known_links = self.store.link_digests(link_ids) if link_ids else {}
        new_events: list[Event] = []
        new_links: dict[str, Link] = {}
        outcomes: list[RecordOutcome] = []
        for record, item in parsed:
            if isinstance(item, RecordError):
                outcomes.append(RecordOutcome(record.origin, Status.REJECTED, reason=str(item)))
                continue
            kind = "event" if isinstance(item, Event) else "link"
            known = known_events if isinstance(item, Event) else known_links
            status = _judge(item.id, item.digest, known)
            reason = None
            if status is Status.CONFLICT:
                reason = (
                    f"{kind} {item.id} is already stored with different content; "
                    "the stored one is kept"
                )
            elif status is Status.STORED:
                known[item.id] = item.digest
                if isinstance(item, Event):
                    new_events.append(item)
                    for link in item.links:
                        new_links.setdefault(link.id, link)
                else:
                    new_links.setdefault(item.id, item)
            outcomes.append(RecordOutcome(record.origin, status, kind, item.id, reason))
        links = list(new_links.values())
        self.store.write(new_events, links)
        for outcome in outcomes:
            report.add(outcome)
        if self.on_write is not None and (new_events or links):
            self.on_write(new_events, links)


def _judge(record_id: str, digest: str, known: dict[str, str]) -> Status:
    stored = known.get(record_id)
    if stored is None:
        return Status.STORED
    return Status.DUPLICATE if stored == digest else Status.CONFLICT


def _batches(records: Iterable[SourceRecord], size: int) -> Iterator[list[SourceRecord]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch
