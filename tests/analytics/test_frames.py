"""DataFrames of `lineage.analytics`: typed columns, aware UTC instants, the services' answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from lineage.analytics.chains import STEP_COLUMNS, critical_path_frame
from lineage.analytics.dora import (
    DEPLOYMENT_COLUMNS,
    INCIDENT_COLUMNS,
    LEAD_TIME_COLUMNS,
    WEEKLY_COLUMNS,
    deployments_frame,
    dora_frames,
    dora_weekly,
    incidents_frame,
    lead_times_frame,
)
from lineage.analytics.events import EVENT_COLUMNS, events_frame
from lineage.analytics.instants import as_utc
from lineage.analytics.tables import Column
from lineage.services.critical_path import critical_path_of_chain
from lineage.services.errors import NotFoundError
from lineage.store import Store
from tests.support import dora_scenarios
from tests.support.analytics_scenario import CHAIN
from tests.support.analytics_scenario import ingest as ingest_promotion
from tests.support.critical_path_scenarios import FANOUT_CHAIN, fan_out_release
from tests.support.dora_scenarios import SINCE, UNTIL
from tests.support.scenarios import ingest
from tests.support.trace_scenarios import PURL

UTC_DTYPE = "datetime64[us, UTC]"


def assert_typed(frame: pd.DataFrame, columns: dict[str, Column]) -> None:
    assert list(frame.columns) == list(columns)
    for name, kind in columns.items():
        dtype = str(frame[name].dtype)
        expected = {Column.DATETIME: UTC_DTYPE, Column.FLOAT: "float64", Column.INT: "int64",
                    Column.BOOL: "bool"}.get(kind, "object")  # fmt: skip
        assert dtype == expected, (name, dtype)


def test_events_in_a_half_open_window_in_time_order(store: Store) -> None:
    ingest_promotion(store)

    frame = events_frame(
        store, datetime(2026, 1, 5, 9, 1, tzinfo=UTC), datetime(2026, 1, 5, 9, 10, tzinfo=UTC)
    )

    assert_typed(frame, EVENT_COLUMNS)
    assert list(frame["id"]) == ["ci", "tests", "build", "package"]  # dev at 9:10 is out
    assert frame["timestamp"].iloc[0] == pd.Timestamp("2026-01-05T09:01:00Z")
    assert frame.loc[frame["id"] == "build", "subject_content"].iloc[0] == {"artifactId": PURL}


def test_events_filtered_by_subject_type_and_chain(store: Store) -> None:
    ingest_promotion(store)

    deploys = events_frame(store, subject_types=["service"])
    chained = events_frame(store, chain_id=CHAIN)

    assert list(deploys["id"]) == ["dev", "staging", "prod"]
    assert set(chained["chain_id"]) == {CHAIN} and len(chained) == 6


def test_an_empty_window_has_every_column(store: Store) -> None:
    frame = events_frame(store, datetime(2020, 1, 1, tzinfo=UTC), datetime(2020, 1, 2, tzinfo=UTC))
    dora = dora_frames(store, SINCE, UNTIL)

    assert frame.empty
    assert_typed(frame, EVENT_COLUMNS)
    assert dora.deployments.empty
    assert_typed(dora.deployments, DEPLOYMENT_COLUMNS)
    assert_typed(dora.lead_times, LEAD_TIME_COLUMNS)
    assert_typed(dora.incidents, INCIDENT_COLUMNS)


def test_deployments_carry_the_dora_service_flags(store: Store) -> None:
    ingest(store, dora_scenarios.failures())

    frame = deployments_frame(store, SINCE, UNTIL)

    assert_typed(frame, DEPLOYMENT_COLUMNS)
    rows = frame.set_index("id")
    assert list(rows.index) == ["d1", "d2", "d3", "d4", "pipecd-web-ok"]
    assert list(rows["failed"]) == [True, True, False, False, False]
    assert list(rows["rework"]) == [False, False, True, False, False]
    assert rows.loc["d3", "rework_of"] == "d2"
    assert rows.loc["d1", "causes"] == ["ROLLED_BACK"] and rows.loc["d1", "rollback_id"] == "r1"
    assert rows.loc["d1", "recovery_seconds"] == 1800.0
    assert rows.loc["d1", "restored_by"] == "ROLLBACK"
    assert rows.loc["d2", "restored_at"] == pd.Timestamp("2026-03-03T11:00:00Z")
    assert pd.isna(rows.loc["d4", "restored_at"]) and pd.isna(rows.loc["d4", "recovery_seconds"])


def test_incidents_with_their_attribution(store: Store) -> None:
    ingest(store, dora_scenarios.attributions())

    frame = incidents_frame(store, SINCE, UNTIL)

    assert_typed(frame, INCIDENT_COLUMNS)
    got = dict(zip(frame["id"], zip(frame["deployment_id"], frame["attribution"], strict=True),
                   strict=True))  # fmt: skip
    assert got == {
        "inc-link": ("x1", "LINK"), "inc-chain": ("x1", "CHAIN"),
        "inc-artifact": ("x2", "ARTIFACT"), "inc-time": ("x3", "TIME"), "inc-none": (None, None),
    }  # fmt: skip


def test_lead_times_per_commit(store: Store) -> None:
    ingest(store, dora_scenarios.lead_times())

    frame = lead_times_frame(store, SINCE, UNTIL)

    assert_typed(frame, LEAD_TIME_COLUMNS)
    rows = frame.set_index("hash")
    assert rows.loc[dora_scenarios.C1, "lead_time_seconds"] == 7200.0
    assert bool(rows.loc[dora_scenarios.C2, "from_merge"]) is True
    assert bool(rows.loc[dora_scenarios.C3, "counted"]) is False
    assert rows.loc[dora_scenarios.C1, "committed_at"] == pd.Timestamp("2026-03-02T08:00:00Z")


def test_weekly_metrics_are_the_service_answer_per_week(store: Store) -> None:
    ingest(store, dora_scenarios.failures())

    weekly = dora_weekly(store, SINCE, UNTIL, services=[None, "api"])
    whole = dora_frames(store, SINCE, SINCE + timedelta(days=7), "api").metrics

    assert_typed(weekly, WEEKLY_COLUMNS)
    assert len(weekly) == 4  # two weeks, two selections
    first_api = weekly[(weekly["service"] == "api")].iloc[0]
    assert first_api["deployment_count"] == whole.deployment_count == 4
    assert first_api["change_failure_rate"] == whole.change_failure_rate == 0.5
    assert weekly[weekly["service"].isna()]["deployment_count"].tolist() == [5, 0]
    assert pd.isna(weekly.iloc[-1]["change_failure_rate"])  # no deployment: no rate


def test_critical_path_steps_with_slack(store: Store) -> None:
    ingest(store, fan_out_release())

    frame = critical_path_frame(store, FANOUT_CHAIN)
    path = critical_path_of_chain(store, FANOUT_CHAIN)

    assert path is not None
    assert_typed(frame, STEP_COLUMNS)
    assert list(frame["step_id"]) == [s.step.id for s in path.steps]
    assert list(frame["slack_seconds"]) == [s.slack_seconds for s in path.steps]
    assert frame["on_critical_path"].sum() == len(path.path)
    assert frame["slack_seconds"].gt(0).any()  # a fan-out has branches with room
    with pytest.raises(NotFoundError):
        critical_path_frame(store, "nope")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-05", datetime(2026, 1, 5, tzinfo=UTC)),
        ("2026-01-05T10:00:00+01:00", datetime(2026, 1, 5, 9, tzinfo=UTC)),
        (datetime(2026, 1, 5, 9), datetime(2026, 1, 5, 9, tzinfo=UTC)),
        (pd.Timestamp("2026-01-05T09:00:00Z"), datetime(2026, 1, 5, 9, tzinfo=UTC)),
    ],
)
def test_notebook_instants_become_aware_utc(value: object, expected: datetime) -> None:
    moment = as_utc(value)  # type: ignore[arg-type]

    assert moment == expected and moment.tzinfo is UTC


def test_text_that_is_no_instant_is_refused() -> None:
    with pytest.raises(ValueError):
        as_utc("last tuesday")
