"""Events as a DataFrame: what happened, when, in which chain."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import pandas as pd

from lineage.analytics.tables import Column, frame
from lineage.model import Event
from lineage.services.events import list_events
from lineage.services.limits import MAX_PAGE_SIZE
from lineage.store.protocol import EventFilter, Store

#: Columns of `events_frame`.
EVENT_COLUMNS: dict[str, Column] = {
    "id": Column.TEXT,  #: event id
    "timestamp": Column.DATETIME,  #: when it happened (UTC)
    "type": Column.TEXT,  #: full CDEvents type, e.g. dev.cdevents.build.finished.0.3.0
    "subject_type": Column.TEXT,  #: e.g. build, service, pipelineRun
    "predicate": Column.TEXT,  #: e.g. finished, deployed
    "subject_id": Column.TEXT,  #: the subject's id
    "source": Column.TEXT,  #: the producer (context.source)
    "chain_id": Column.TEXT,  #: chainId, None if none
    "subject_content": Column.OBJECT,  #: subject.content as a dict
    "custom_data": Column.OBJECT,  #: customData as sent
}


def events_frame(
    store: Store,
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    types: Sequence[str] = (),
    subject_types: Sequence[str] = (),
    chain_id: str | None = None,
) -> pd.DataFrame:
    """Events timed in `[since, until)` (either bound optional), of the given full `types`,
    `subject_types` or chain if given, in time order; columns `EVENT_COLUMNS`."""
    filter = EventFilter(types=types, subject_types=subject_types, chain_id=chain_id,
                         since=since, until=until)  # fmt: skip
    return frame((_row(e) for e in _events(store, filter, until)), EVENT_COLUMNS)


def _events(store: Store, filter: EventFilter, until: datetime | None) -> Iterator[Event]:
    after: str | None = None
    while True:
        page = list_events(store, filter, MAX_PAGE_SIZE, after)
        for event in page.items:
            if until is not None and event.timestamp >= until:
                return
            yield event
        if not page.has_next:
            return
        after = page.end_cursor


def _row(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "timestamp": event.timestamp,
        "type": event.type,
        "subject_type": event.subject_type,
        "predicate": event.predicate,
        "subject_id": event.subject_id,
        "source": event.source,
        "chain_id": event.chain_id,
        "subject_content": event.subject_content,
        "custom_data": event.custom_data,
    }
