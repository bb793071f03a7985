"""Inferred edges: the references CDEvents make, the stages of a subject, the edges between them."""

from __future__ import annotations

from typing import Any

from lineage.ingest.cdevents import parse_cdevent
from lineage.ingest.inference import INFERRED_KINDS, event_mentions, inferred_links, other_slots
from lineage.ingest.links import parse_link
from lineage.model import Event, LinkType
from lineage.model.mention import Mention, stage_slot
from tests.support.cdevents import cdevent, link

PURL = "pkg:oci/payments@sha256%3Aabc?repository_url=registry.example.com"


def ev(kind: str, event_id: str, subject: str, content: dict[str, Any] | None = None,
       ts: str = "2026-01-05T09:00:00Z") -> Event:  # fmt: skip
    return parse_cdevent(cdevent(kind, event_id, subject_id=subject, content=content, ts=ts))


def stories(event: Event) -> list[tuple[str, str, int]]:
    return [(m.subject_type, m.subject_id, m.stage) for m in event_mentions(event)]


def test_change_events_and_the_artifact_packaged_that_names_the_change() -> None:
    merged = ev("change.merged", "m", "acme/pull/7")
    packaged = ev(
        "artifact.packaged", "p", PURL, {"change": {"id": "acme/pull/7", "source": "/scm"}}
    )

    assert stories(merged) == [("change", "acme/pull/7", 0)]
    assert stories(packaged) == [("artifact", PURL, 1), ("change", "acme/pull/7", 1)]


def test_artifact_story_build_then_artifact_then_service() -> None:
    build = ev("build.finished", "b", "build-9", {"artifactId": PURL})
    deployed = ev(
        "service.deployed", "d", "payments",
        {"artifactId": PURL, "environment": {"id": "prod", "source": "/cd"}},
    )  # fmt: skip

    assert stories(build) == [("artifact", PURL, 0)]
    assert stories(deployed) == [("artifact", PURL, 2), ("environment", "prod", 1)]


def test_environment_and_pipeline_run_stories() -> None:
    created = ev("pipelinerun.started", "s", "run-1")
    task = ev("taskrun.started", "t", "run-1-build", {"pipelineRun": {"id": "run-1"}})
    env = parse_cdevent(cdevent("build.started", "x", subject_id="b"))  # no references

    assert stories(created) == [("pipelineRun", "run-1", 0)]
    assert stories(task) == [("pipelineRun", "run-1", 1)]
    assert stories(env) == []


def test_events_outside_the_rules_mention_nothing() -> None:
    assert stories(ev("pipelinerun.finished", "f", "run-1")) == []
    assert stories(ev("artifact.published", "x", PURL, {"change": {"id": "c"}})) == [
        ("artifact", PURL, 1)
    ]
    assert stories(ev("build.started", "y", "b", {"artifactId": PURL})) == []


def test_edges_go_from_every_earlier_stage_to_every_later_one() -> None:
    build = ev("build.finished", "b", "build-9", {"artifactId": PURL}, "2026-01-05T09:00:00Z")
    packaged = ev("artifact.packaged", "p", PURL, {}, "2026-01-05T09:05:00Z")
    deployed = ev("service.deployed", "d", "payments", {"artifactId": PURL}, "2026-01-05T09:10:00Z")
    mentions = [m for e in (deployed, packaged, build) for m in event_mentions(e)]

    links = inferred_links(mentions)

    assert sorted((link.from_id, link.to_id) for link in links) == [
        ("b", "d"), ("b", "p"), ("p", "d"),
    ]  # fmt: skip
    assert {(link.type, link.kind, link.inferred, link.chain_id) for link in links} == {
        (LinkType.PATH, INFERRED_KINDS["artifact"], True, None)
    }
    by_pair = {(link.from_id, link.to_id): link for link in links}
    assert by_pair[("b", "p")].timestamp == packaged.timestamp  # the later of the two
    assert by_pair[("b", "p")].tags == {"subject": PURL, "fromStage": "0", "toStage": "1"}
    assert by_pair[("b", "d")].tags == {"subject": PURL, "fromStage": "0", "toStage": "2"}


def test_only_edges_touching_a_new_mention_are_made() -> None:
    build = ev("build.finished", "b", "build-9", {"artifactId": PURL})
    packaged = ev("artifact.packaged", "p", PURL)
    deployed = ev("service.deployed", "d", "payments", {"artifactId": PURL})

    links = inferred_links(
        event_mentions(deployed), [*event_mentions(build), *event_mentions(packaged)]
    )

    assert sorted((link.from_id, link.to_id) for link in links) == [("b", "d"), ("p", "d")]


def test_the_result_does_not_depend_on_arrival_order() -> None:
    events = [
        ev("change.merged", "m", "acme/pull/7"),
        ev("artifact.packaged", "p", PURL, {"change": {"id": "acme/pull/7"}}),
        ev("service.deployed", "d", "payments", {"artifactId": PURL}),
    ]
    everything = {link.id for link in inferred_links(m for e in events for m in event_mentions(e))}

    for first in range(3):
        known = event_mentions(events[first])
        new = [m for i, e in enumerate(events) if i != first for m in event_mentions(e)]
        assert {link.id for link in inferred_links(new, known)} == everything


def test_identity_never_equals_a_producer_link() -> None:
    (inferred,) = inferred_links(
        event_mentions(ev("change.merged", "m", "c")),
        event_mentions(ev("artifact.packaged", "p", PURL, {"change": {"id": "c"}})),
    )
    producer = parse_link(link("PATH", chain="chain-1", from_="m", to="p"))
    unchained = parse_link(link("PATH", chain="chain-1", from_="m", to="p") | {"chainId": None})

    assert inferred.id not in {producer.id, unchained.id}
    assert not producer.inferred


def test_slots_key_a_subject_stage() -> None:
    mention = Mention("artifact", PURL, 2, "d", ev("build.started", "x", "b").timestamp)

    assert mention.slot == stage_slot("artifact", PURL, 2)
    assert other_slots(mention) == [
        stage_slot("artifact", PURL, 0),
        stage_slot("artifact", PURL, 1),
    ]


def test_slots_parse_back_even_when_the_subject_id_has_separators() -> None:
    from lineage.model.mention import parse_slot

    assert parse_slot(stage_slot("artifact", "pkg:oci/a@1?x=1", 2)) == (
        "artifact",
        "pkg:oci/a@1?x=1",
        2,
    )
