"""Commits named by CDEvents: a hash under a configured key, plus details from the same object.

Where: `subject.content`, then `customData` (when it is an object), then (unless switched off)
the objects one level down in each, in key order. In each object the first configured key
(`TraceSettings.commit_keys`) holding 7 to 40 hex digits names the commit; `commitUrl`, `title`,
`message`, `author` and `timestamp` of that same object describe it. An event may name several
commits; each hash is reported once, described by the first object naming it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from lineage.config import TraceSettings
from lineage.ingest.instants import to_instant
from lineage.model import Event
from lineage.model.commit import Commit, CommitMention, is_commit_hash

_URL_KEYS = ("commitUrl", "commit_url")


def event_commits(event: Event, settings: TraceSettings) -> list[Commit]:
    """The commits `event` names, each hash once, in the order they are found."""
    found: dict[str, Commit] = {}
    for obj in _candidate_objects(event, settings.search_nested):
        commit = commit_in(obj, settings.commit_keys)
        if commit is not None and commit.hash not in found:
            found[commit.hash] = commit
    return list(found.values())


def commit_mentions(event: Event, settings: TraceSettings) -> list[CommitMention]:
    """`event_commits` as mentions by this event."""
    kind = f"{event.subject_type}.{event.predicate}"
    return [
        CommitMention(c, event.id, event.timestamp, kind) for c in event_commits(event, settings)
    ]


def commit_in(obj: Mapping[str, Any], keys: tuple[str, ...]) -> Commit | None:
    """The commit named directly by `obj` under one of `keys`, with the details `obj` gives."""
    for key in keys:
        value = obj.get(key)
        if value is not None and is_commit_hash(value):
            assert isinstance(value, str)
            return Commit(
                hash=value.lower(),
                url=_first_text(obj, _URL_KEYS),
                title=_text(obj.get("title")),
                message=_text(obj.get("message")),
                author=_author(obj.get("author")),
                timestamp=_instant(obj.get("timestamp")),
            )
    return None


def _candidate_objects(event: Event, nested: bool) -> Iterator[Mapping[str, Any]]:
    """The objects to look in, most specific first."""
    tops: list[Mapping[str, Any]] = [event.subject_content]
    if isinstance(event.custom_data, Mapping):
        tops.append(event.custom_data)
    yield from tops
    if nested:
        for top in tops:
            for value in top.values():
                if isinstance(value, Mapping):
                    yield value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _first_text(obj: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        text = _text(obj.get(key))
        if text is not None:
            return text
    return None


def _author(value: Any) -> str | None:
    """An author as text: a string, or `name <email>` (or login) of an author object."""
    if isinstance(value, Mapping):
        name = _first_text(value, ("name", "login", "username"))
        email = _text(value.get("email"))
        if name and email:
            return f"{name} <{email}>"
        return name or email
    return _text(value)


def _instant(value: Any) -> datetime | None:
    """A commit timestamp (RFC 3339 or unix seconds); unreadable ones are left out, not fatal."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return to_instant(value)
    except ValueError:
        return None
