"""`ApplicationLiveState` reports: identity, normalization, and errors naming the field."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from lineage.ingest import RecordError
from lineage.ingest.livestate import parse_live_state
from lineage.model.livestate import LiveResource, livestate_id
from tests.support.pipelines import LIVE_7, live_report


def test_a_report_is_read_with_its_resources_sorted() -> None:
    report = parse_live_state(live_report("prod", "2026-02-03T11:00:00+01:00", LIVE_7))

    assert (report.application_id, report.deploy_target) == ("payments", "prod")
    assert report.reported_at == datetime(2026, 2, 3, 10, 0, tzinfo=UTC)
    assert report.resources == (
        LiveResource("ConfigMap", "payments-config", "payments-prod", "Healthy", None),
        LiveResource("Deployment", "payments", "payments-prod", "Healthy", LIVE_7),
    )
    assert report.id == livestate_id("payments", "prod", "2026-02-03T10:00:00.000000Z")


@pytest.mark.parametrize("when", [1770112800, "1770112800", 1770112800.0, "2026-02-03T10:00:00Z"])
def test_reported_at_may_be_unix_seconds_or_rfc3339(when: Any) -> None:
    report = parse_live_state(live_report("prod", when, LIVE_7))

    assert report.reported_at == datetime(2026, 2, 3, 10, 0, tzinfo=UTC)


def test_resource_order_does_not_change_identity_or_digest() -> None:
    raw = live_report("prod", "2026-02-03T10:00:00Z", LIVE_7)
    reordered = {**raw, "resources": list(reversed(raw["resources"]))}

    first, second = parse_live_state(raw), parse_live_state(reordered)

    assert (first.id, first.digest) == (second.id, second.digest)


def test_a_different_version_at_the_same_instant_has_the_same_id_and_another_digest() -> None:
    first = parse_live_state(live_report("prod", "2026-02-03T10:00:00Z", LIVE_7))
    second = parse_live_state(live_report("prod", "2026-02-03T10:00:00Z", "other"))

    assert first.id == second.id
    assert first.digest != second.digest


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"applicationId": None}, "applicationId: Field required"),
        ({"deployTarget": ""}, "deployTarget: String should have at least 1 character"),
        ({"reportedAt": "soon"}, "reportedAt: not an RFC 3339 timestamp"),
        ({"reportedAt": -5}, "reportedAt: unix seconds out of range"),
        ({"reportedAt": True}, "reportedAt: expected an RFC 3339 timestamp or unix seconds"),
        ({"resources": [{"kind": "Deployment"}]}, "resources.0.name: Field required"),
        ({"resources": "all"}, "resources: Input should be a valid list"),
    ],
)
def test_bad_reports_are_refused_naming_the_field(change: dict[str, Any], message: str) -> None:
    raw = live_report("prod", "2026-02-03T10:00:00Z", LIVE_7)
    for key, value in change.items():
        if value is None:
            del raw[key]
        else:
            raw[key] = value

    with pytest.raises(RecordError, match=message.replace(".", r"\.")):
        parse_live_state(raw)
