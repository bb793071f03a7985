"""The ingest rules: decide stored / duplicate / conflict / rejected, then write in batches.

Identity: an event is its (normalized) `context.id`; a link is its type, chain, endpoints and kind.
A second delivery with the same digest is a duplicate; with a different digest it is a conflict,
and the first stays. So ingesting the same records in any order, any number of times, yields the
same graph (up to which of two conflicting versions arrived first).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from itertools import islice

from lineage.gc_pause import cyclic_gc_paused
from lineage.ingest.derivations import derive
from lineage.ingest.errors import RecordError
from lineage.ingest.outcome import IngestReport, RecordOutcome, Status
from lineage.ingest.records import Record, parse_record
from lineage.ingest.sources import SourceRecord
from lineage.model import Event, Link
from lineage.model.fact import Fact
from lineage.store.protocol import Existing, Store

DEFAULT_BATCH = 20000
WriteListener = Callable[[list[Event], list[Link]], None]


class Ingestor:
    """Feeds records into a store batch by batch and reports what happened to each.

    Batches are judged and written one at a time (a lock), so concurrent callers in one process
    cannot both store the same id. Other processes writing the same store can: the store's
    uniqueness decides, its write names the ids it found already stored, and the records that
    claimed them are judged again (duplicate or conflict) against what was stored.
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
        iterator = iter(records)
        while True:
            with cyclic_gc_paused():
                batch = list(islice(iterator, self.batch_size))
                if not batch:
                    return report
                with self._lock:
                    self._ingest_batch(batch, report)
            if progress is not None:
                progress(len(batch))

    def _ingest_batch(self, batch: list[SourceRecord], report: IngestReport) -> None:
        parsed: list[tuple[SourceRecord, Record | RecordError]] = []
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
        fact_ids: dict[str, list[str]] = {}
        for _, item in parsed:
            if not isinstance(item, Event | Link | RecordError):
                fact_ids.setdefault(item.kind, []).append(item.id)
        known_facts = {kind: self.store.fact_digests(kind, ids) for kind, ids in fact_ids.items()}
        new_facts: list[Fact] = []
        new_events: list[Event] = []
        new_links: dict[str, Link] = {}
        # Outcomes are only built for problems, or for every record when the report keeps them;
        # a None slot is an outcome withdrawn when a record is re-judged after the write.
        keep = report.keep_outcomes
        outcomes: list[RecordOutcome | None] = []
        # Every judgement of an id this batch claims as new: (outcome slot or -1, record, item,
        # kind, status), so a claim another writer won can be re-judged after the write.
        claims: dict[tuple[str, str], list[_Judged]] = {}
        tally = {Status.STORED: 0, Status.DUPLICATE: 0}
        for record, item in parsed:
            if isinstance(item, RecordError):
                outcomes.append(RecordOutcome(record.origin, Status.REJECTED, reason=str(item)))
                continue
            if isinstance(item, Event):
                known, kind = known_events, "event"
            elif isinstance(item, Link):
                known, kind = known_links, "link"
            else:
                known, kind = known_facts[item.kind], item.kind
            seen = known.get(item.id)
            if seen is None:
                known[item.id] = item.digest
                if isinstance(item, Event):
                    new_events.append(item)
                    for link in item.links:
                        new_links.setdefault(link.id, link)
                elif isinstance(item, Link):
                    new_links.setdefault(item.id, item)
                else:
                    new_facts.append(item)
                status = Status.STORED
            elif seen == item.digest:
                status = Status.DUPLICATE
            else:
                status = Status.CONFLICT
            slot = -1
            if keep or status is Status.CONFLICT:
                slot = len(outcomes)
                outcomes.append(_outcome(record, status, kind, item))
            if status is not Status.CONFLICT:
                tally[status] += 1
            judged = claims.get((kind, item.id))
            if status is Status.STORED:
                claims[(kind, item.id)] = [(slot, record, item, kind, status)]
            elif judged is not None:
                judged.append((slot, record, item, kind, status))
        links = list(new_links.values())
        if new_events or links or new_facts:
            derived_links, derived_facts = derive(self.store, new_events, links, new_facts)
            links.extend(derived_links)
            new_facts.extend(derived_facts)
        existing = self.store.write(new_events, links, new_facts)
        lost = _lost_claims(claims, existing)
        if lost:
            self._rejudge(lost, outcomes, tally, keep)
            new_events = [event for event in new_events if event.id not in existing.events]
            links = [link for link in links if link.id not in existing.links]
        if not keep:
            report.count(Status.STORED, tally[Status.STORED])
            report.count(Status.DUPLICATE, tally[Status.DUPLICATE])
        for outcome in outcomes:
            if outcome is not None:
                report.add(outcome)
        if self.on_write is not None and (new_events or links):
            self.on_write(new_events, links)

    def _rejudge(
        self,
        lost: list[list[_Judged]],
        outcomes: list[RecordOutcome | None],
        tally: dict[Status, int],
        keep: bool,
    ) -> None:
        """Judge again, against what is stored now, every record of an id whose claim another
        writer won (it stored the id between this batch's look and its write)."""
        stored = self._stored_digests([judged[0] for judged in lost])
        for judged in lost:
            for slot, record, item, kind, status in judged:
                now = (
                    Status.DUPLICATE
                    if stored.get((kind, item.id)) == item.digest
                    else Status.CONFLICT
                )
                if now is status:
                    continue
                if status is not Status.CONFLICT:
                    tally[status] -= 1
                if now is not Status.CONFLICT:
                    tally[now] += 1
                outcome = _outcome(record, now, kind, item)
                if keep or now is Status.CONFLICT:
                    if slot >= 0:
                        outcomes[slot] = outcome
                    else:
                        outcomes.append(outcome)
                elif slot >= 0:
                    outcomes[slot] = None

    def _stored_digests(self, claims: list[_Judged]) -> dict[tuple[str, str], str]:
        """The stored digest of each claimed (kind, id)."""
        ids: dict[str, list[str]] = {}
        for _, _, item, kind, _ in claims:
            ids.setdefault(kind, []).append(item.id)
        digests: dict[tuple[str, str], str] = {}
        for kind, kind_ids in ids.items():
            if kind == "event":
                found = self.store.event_digests(kind_ids)
            elif kind == "link":
                found = self.store.link_digests(kind_ids)
            else:
                found = self.store.fact_digests(kind, kind_ids)
            digests.update(((kind, item_id), digest) for item_id, digest in found.items())
        return digests


_Judged = tuple[int, SourceRecord, "Event | Link | Fact", str, Status]


def _outcome(
    record: SourceRecord, status: Status, kind: str, item: Event | Link | Fact
) -> RecordOutcome:
    """The outcome of judging `item` (conflicts say why)."""
    reason = None
    if status is Status.CONFLICT:
        reason = (
            f"{kind} {item.id} is already stored with different content; the stored one is kept"
        )
    return RecordOutcome(record.origin, status, kind, item.id, reason)


def _lost_claims(
    claims: dict[tuple[str, str], list[_Judged]], existing: Existing
) -> list[list[_Judged]]:
    """The judgements of every id this batch claimed but the write found already stored."""
    lost = []
    for (kind, item_id), judged in claims.items():
        if kind == "event":
            taken = item_id in existing.events
        elif kind == "link":
            taken = item_id in existing.links
        else:
            taken = (kind, item_id) in existing.facts
        if taken:
            lost.append(judged)
    return lost
