"""Live state through the services, on every store: latest per target, stale, history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lineage.services.applications import find_application
from lineage.services.livestate import application_live_states, live_state_history
from lineage.store import Store
from tests.support.pipelines import LIVE_6, LIVE_7, live_report
from tests.support.scenarios import ingest

NOW = datetime(2026, 2, 3, 11, 10, tzinfo=UTC)


def test_latest_per_target_with_staleness(store: Store) -> None:
    ingest(store, [
        live_report("prod", "2026-02-03T11:05:00Z", LIVE_6),
        live_report("prod", "2026-02-03T11:09:00Z", LIVE_7),
        live_report("dev", "2026-02-03T11:06:59Z", LIVE_7),
    ])  # fmt: skip

    states = application_live_states(store, "payments", now=NOW)

    assert [(s.deploy_target, s.report.reported_at.minute, s.stale) for s in states] == [
        ("dev", 6, True),  # 3 min 1 s old
        ("prod", 9, False),
    ]
    relaxed = application_live_states(store, "payments", NOW, interval=timedelta(minutes=5))
    assert not any(s.stale for s in relaxed)


def test_history_pages(store: Store) -> None:
    ingest(store, [live_report("prod", f"2026-02-03T11:0{m}:00Z", LIVE_7) for m in range(5)])

    first = live_state_history(store, "payments", "prod", first=2)
    rest = live_state_history(store, "payments", "prod", first=10, after=first.end_cursor)

    assert [r.reported_at.minute for r in first.items] == [4, 3]
    assert [r.reported_at.minute for r in rest.items] == [2, 1, 0]


def test_an_application_is_known_by_its_reports(store: Store) -> None:
    report = live_report("prod", "2026-02-03T11:00:00Z", LIVE_7)
    report["applicationName"] = "Payments API"
    ingest(store, [report])

    known = find_application(store, "payments")

    assert known is not None
    assert (known.id, known.name) == ("payments", "Payments API")
    assert find_application(store, "nobody") is None
