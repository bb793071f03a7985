"""Bad records are refused with a reason naming what is wrong and where."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.ingest import RecordError, parse_record
from tests.support.cdevents import cdevent, link

A = "0a0a0a0a-0000-4000-8000-00000000000a"


def broken_event(**changes: Any) -> dict[str, Any]:
    event = cdevent("build.started", A, chain="c-1", after=["x"])
    for path, value in changes.items():
        target = event
        *parents, leaf = path.split("__")
        for parent in parents:
            target = target[parent]
        if value is None:
            del target[leaf]
        else:
            target[leaf] = value
    return event


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (broken_event(context__id=None), "context.id: Field required"),
        (broken_event(context__id=""), "context.id: String should have at least 1 character"),
        (broken_event(context__specversion=None), "needs 'specversion' (v0.4+) or 'version'"),
        (broken_event(context__type="dev.cdevents.build.exploded.0.1.0"), "context.type: unknown"),
        (broken_event(context__timestamp="last tuesday"), "context.timestamp: not an RFC 3339"),
        (broken_event(subject=None), "subject: Field required"),
        (broken_event(subject__content="text"), "subject.content: Input should be a valid dict"),
        (
            broken_event(context__links=[{"linkType": "PATH"}]),
            "context.links.0: embedded PATH link needs 'from'",
        ),
        (
            broken_event(context__links=[{"linkType": "START", "from": {"contextId": "x"}}]),
            "context.links.0.linkType: Input should be 'PATH', 'RELATION' or 'END'",
        ),
        (link("PATH", chain="c-1", from_=A), "PATH link needs 'to'"),
        (link("RELATION", chain="c-1", source=A, target=A), "RELATION link needs 'linkKind'"),
        (link("START", chain="c-1", start=A) | {"timestamp": "soon"}, "timestamp: not an RFC"),
        ({"kind": "Spaceship"}, "unknown record kind 'Spaceship'"),
        ({"hello": "world"}, "not a CDEvent"),
        ([1, 2], "expected a JSON object, got list"),
    ],
)
def test_rejection_names_the_problem(record: Any, message: str) -> None:
    with pytest.raises(RecordError) as caught:
        parse_record(record)
    assert message in str(caught.value)


def test_a_link_repeated_with_other_tags_is_refused_not_a_crash() -> None:
    event = cdevent("build.started", A, chain="c-1")
    event["context"]["links"] = [
        {"linkType": "PATH", "from": {"contextId": "x"}, "tags": {"k": "1"}},
        {"linkType": "PATH", "from": {"contextId": "x"}, "tags": {"k": "2"}},
    ]
    with pytest.raises(RecordError, match=r"context.links.1: repeats an earlier PATH link"):
        parse_record(event)


def test_a_link_repeated_identically_is_accepted() -> None:
    event = cdevent("build.started", A, chain="c-1")
    event["context"]["links"] = [{"linkType": "PATH", "from": {"contextId": "x"}}] * 2
    assert parse_record(event).id == A


@pytest.mark.parametrize("kind", [{"n": 1}, ["Deployment"]])
def test_a_kind_that_is_not_a_string_is_rejected_not_a_crash(kind: Any) -> None:
    with pytest.raises(RecordError, match="kind: expected a string"):
        parse_record({"kind": kind, "id": "x"})


def test_a_record_nested_too_deep_to_serialize_is_rejected_naming_where() -> None:
    deep: Any = "bottom"
    for _ in range(300):  # JSON parsers read this; orjson cannot write it (254 levels)
        deep = {"n": deep}
    event = cdevent("build.started", A, chain="c-1")
    event["subject"]["content"]["deep"] = deep

    with pytest.raises(RecordError, match=r"subject\.content\.deep(\.n)+: nested deeper than"):
        parse_record(event)
