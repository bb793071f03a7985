"""Commits named by CDEvents: keys, places looked in, details from the same object."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from lineage.config import TraceSettings
from lineage.ingest.cdevents import parse_cdevent
from lineage.ingest.commits import commit_mentions, event_commits
from lineage.model import Event
from lineage.model.commit import Commit
from tests.support.cdevents import cdevent

SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
DEFAULT = TraceSettings()


def event(content: dict[str, Any] | None = None, custom: Any = None) -> Event:
    return parse_cdevent(
        cdevent("change.merged", "e-1", subject_id="acme/pull/7", content=content,
                custom_data=custom)
    )  # fmt: skip


def test_commit_hash_in_custom_data_with_its_details() -> None:
    found = event_commits(
        event(custom={"commitHash": SHA.upper(), "commitUrl": "https://git/c", "title": "Fix",
                      "message": "Fix\n\nbody", "author": "alice",
                      "timestamp": "2026-01-05T10:00:00+01:00"}),
        DEFAULT,
    )  # fmt: skip

    assert found == [
        Commit(SHA, "https://git/c", "Fix", "Fix\n\nbody", "alice",
               datetime(2026, 1, 5, 9, tzinfo=UTC))
    ]  # fmt: skip


def test_every_default_key_names_a_commit() -> None:
    for key in ("commitHash", "commit_hash", "commit", "sha", "revision"):
        assert [c.hash for c in event_commits(event({key: "abcdef1"}), DEFAULT)] == ["abcdef1"]


def test_values_that_are_not_7_to_40_hex_digits_are_ignored() -> None:
    for value in ("main", "abc12", "f" * 64, 1234567, None, {"id": "x"}):
        assert event_commits(event({"revision": value}), DEFAULT) == []


def test_content_first_then_custom_data_then_one_level_down_each_hash_once() -> None:
    content = {
        "sha": "aaaaaaa",
        "git": {"commit": "bbbbbbb", "author": {"name": "Bo", "email": "b@x"}},
    }
    custom = {
        "revision": "ccccccc",
        "deep": {"deeper": {"sha": "ddddddd"}},
        "again": {"sha": "AAAAAAA"},
    }

    found = event_commits(event(content, custom), DEFAULT)

    assert [c.hash for c in found] == ["aaaaaaa", "ccccccc", "bbbbbbb"]
    assert found[2].author == "Bo <b@x>"


def test_nested_search_can_be_switched_off_and_keys_configured() -> None:
    nested = event({"git": {"sha": "bbbbbbb"}})
    custom_key = event({"gitSha": "eeeeeee", "sha": "aaaaaaa"})

    assert event_commits(nested, TraceSettings(search_nested=False)) == []
    assert [c.hash for c in event_commits(custom_key, TraceSettings(commit_keys=("gitSha",)))] == [
        "eeeeeee"
    ]


def test_unreadable_details_are_left_out_not_fatal() -> None:
    (commit,) = event_commits(
        event({"sha": "abcdef1", "timestamp": "yesterday", "title": 3}), DEFAULT
    )

    assert (commit.timestamp, commit.title) == (None, None)


def test_unix_seconds_timestamps_and_mentions_carry_the_event() -> None:
    merged = event(custom={"commitHash": "abcdef1", "timestamp": 1767603600})

    (mention,) = commit_mentions(merged, DEFAULT)

    assert mention.commit.timestamp == datetime(2026, 1, 5, 9, tzinfo=UTC)
    assert (mention.event_id, mention.event_timestamp) == ("e-1", merged.timestamp)


def test_non_object_custom_data_is_not_searched() -> None:
    assert event_commits(event(custom=["abcdef1"]), DEFAULT) == []
