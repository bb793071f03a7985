"""Parsing CDEvents `type` strings."""

from __future__ import annotations

import pytest

from lineage.model import parse_event_type
from lineage.model.event_type import SUBJECTS


def test_core_type() -> None:
    parsed = parse_event_type("dev.cdevents.pipelinerun.queued.0.2.0")
    assert (parsed.subject_type, parsed.predicate, parsed.version) == (
        "pipelineRun",
        "queued",
        "0.2.0",
    )
    assert not parsed.custom


def test_prerelease_version() -> None:
    assert parse_event_type("dev.cdevents.build.started.0.1.0-draft").version == "0.1.0-draft"


def test_custom_type() -> None:
    parsed = parse_event_type("dev.cdeventsx.mytool-resource.created.0.1.0")
    assert parsed.custom
    assert (parsed.subject_type, parsed.predicate) == ("mytool-resource", "created")


def test_catalogue_has_the_45_types_of_v051() -> None:
    assert sum(len(predicates) for _, predicates in SUBJECTS.values()) == 45


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("dev.cdevents.spaceship.launched.0.1.0", "unknown CDEvents subject 'spaceship'"),
        ("dev.cdevents.build.exploded.0.1.0", "unknown predicate 'exploded'"),
        ("com.example.build.started", "not a CDEvents type"),
        ("dev.cdevents.build.started", "not a CDEvents type"),
    ],
)
def test_bad_types_name_the_problem(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_event_type(value)
