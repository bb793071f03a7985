"""Live state in every store: history, the latest per target instantly readable, retention."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from lineage.config import livestate_settings
from lineage.ingest import Status
from lineage.store import Store
from tests.conftest import StoreFactory
from tests.support.pipelines import LIVE_6, LIVE_7, live_report
from tests.support.scenarios import ingest


def minute(m: int) -> str:
    return f"2026-02-03T11:{m:02d}:00Z"


@pytest.fixture
def short_retention(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINEAGE_LIVESTATE_RETENTION", "5m")
    livestate_settings.cache_clear()
    yield
    livestate_settings.cache_clear()


def test_latest_report_per_target_and_history_newest_first(store: Store) -> None:
    ingest(store, [live_report("prod", minute(m), LIVE_6) for m in range(3)])
    ingest(store, [live_report("dev", minute(1), LIVE_7), live_report("prod", minute(3), LIVE_7)])

    latest = store.latest_live_states("payments")

    assert [(r.deploy_target, r.reported_at.minute) for r in latest] == [("dev", 1), ("prod", 3)]
    assert latest[1].resources[1].version == LIVE_7
    page = store.live_state_history("payments", "prod", 3, None)
    assert [r.reported_at.minute for r in page.items] == [3, 2, 1]
    assert (page.total_count, page.has_next) == (4, True)
    rest = store.live_state_history("payments", "prod", 3, page.end_cursor)
    assert [r.reported_at.minute for r in rest.items] == [0]
    assert not rest.has_next
    assert store.latest_live_states("nobody") == []


def test_an_older_report_arriving_late_does_not_replace_the_latest(
    store_factory: StoreFactory,
) -> None:
    reports = [live_report("prod", minute(m), LIVE_6 if m < 2 else LIVE_7) for m in range(4)]
    shuffled = [reports[2], reports[0], reports[3], reports[1]]
    for order in (reports, list(reversed(reports)), shuffled):
        store = store_factory()
        for report in order:
            ingest(store, [report])

        (latest,) = store.latest_live_states("payments")

        assert latest.reported_at.minute == 3
        assert store.live_state_history("payments", "prod", 10, None).total_count == 4


def test_same_report_twice_is_a_duplicate_and_another_at_the_same_instant_a_conflict(
    store: Store,
) -> None:
    first = live_report("prod", minute(0), LIVE_6)
    report = ingest(store, [first, first, live_report("prod", minute(0), LIVE_7)])

    assert [o.status for o in report.outcomes] == [
        Status.STORED, Status.DUPLICATE, Status.CONFLICT,
    ]  # fmt: skip
    assert store.latest_live_states("payments")[0].resources[1].version == LIVE_6


@pytest.mark.usefixtures("short_retention")
def test_history_older_than_the_retention_is_pruned_on_write(store: Store) -> None:
    for m in range(0, 10, 2):
        ingest(store, [live_report("prod", minute(m), LIVE_6)])
    ingest(store, [live_report("dev", minute(0), LIVE_6)])

    prod = store.live_state_history("payments", "prod", 50, None)
    dev = store.live_state_history("payments", "dev", 50, None)

    # latest prod report at 11:08; reports before 11:03 are gone; dev's only report stays
    assert [r.reported_at.minute for r in prod.items] == [8, 6, 4]
    assert [r.reported_at.minute for r in dev.items] == [0]
    # a pruned report is forgotten: delivered again it is stored, and pruned with the next write
    again = ingest(store, [live_report("prod", minute(0), LIVE_6)])
    assert [o.status for o in again.outcomes] == [Status.STORED]
    ingest(store, [live_report("prod", minute(10), LIVE_6)])
    later = store.live_state_history("payments", "prod", 50, None)
    assert [r.reported_at.minute for r in later.items] == [10, 8, 6]


def test_many_reports_in_one_batch(store: Store) -> None:
    reports = [
        live_report(target, minute(m), LIVE_7)
        for m, target in itertools.product(range(30), ("dev", "staging", "prod"))
    ]

    ingest(store, reports)

    assert [r.reported_at.minute for r in store.latest_live_states("payments")] == [29, 29, 29]
