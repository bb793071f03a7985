"""CDEvents type strings: the catalogue of subjects and predicates, and parsing `type`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Every subject of CDEvents v0.5.1 (lower-case, as in `type`) with its camelCase name and the
#: predicates the spec defines for it. v0.3 and v0.4 events use the same subjects.
SUBJECTS: dict[str, tuple[str, frozenset[str]]] = {
    "artifact": (
        "artifact",
        frozenset({"deleted", "downloaded", "packaged", "published", "signed"}),
    ),
    "branch": ("branch", frozenset({"created", "deleted"})),
    "build": ("build", frozenset({"finished", "queued", "started"})),
    "change": ("change", frozenset({"abandoned", "created", "merged", "reviewed", "updated"})),
    "environment": ("environment", frozenset({"created", "deleted", "modified"})),
    "incident": ("incident", frozenset({"detected", "reported", "resolved"})),
    "pipelinerun": ("pipelineRun", frozenset({"finished", "queued", "started"})),
    "repository": ("repository", frozenset({"created", "deleted", "modified"})),
    "service": (
        "service",
        frozenset({"deployed", "published", "removed", "rolledback", "upgraded"}),
    ),
    "taskrun": ("taskRun", frozenset({"finished", "started"})),
    "testcaserun": ("testCaseRun", frozenset({"finished", "queued", "skipped", "started"})),
    "testoutput": ("testOutput", frozenset({"published"})),
    "testsuiterun": ("testSuiteRun", frozenset({"finished", "queued", "started"})),
    "ticket": ("ticket", frozenset({"closed", "created", "updated"})),
}

#: Name used for the subject of custom `dev.cdeventsx.*` events.
CUSTOM_SUBJECT_TYPE = "custom"

_SEMVER = r"(?P<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)"
_CORE = re.compile(rf"^dev\.cdevents\.(?P<subject>[a-z]+)\.(?P<predicate>[a-z]+)\.{_SEMVER}$")
_CUSTOM = re.compile(
    rf"^dev\.cdeventsx\.(?P<tool>[a-z0-9]+)-(?P<subject>[a-zA-Z0-9]+)\.(?P<predicate>[a-zA-Z]+)\.{_SEMVER}$"
)


@dataclass(frozen=True, slots=True)
class EventType:
    """A parsed CDEvents `type`: subject type, predicate and the event schema version."""

    subject_type: str
    predicate: str
    version: str
    custom: bool = False


def parse_event_type(value: str) -> EventType:
    """Parse `dev.cdevents.<subject>.<predicate>.<version>` or a custom `dev.cdeventsx.*` type."""
    return _parse_event_type(value)


@lru_cache(maxsize=4096)  # few distinct types; failures raise and are not cached
def _parse_event_type(value: str) -> EventType:
    core = _CORE.match(value)
    if core is not None:
        known = SUBJECTS.get(core["subject"])
        if known is None:
            raise ValueError(f"unknown CDEvents subject {core['subject']!r} in type {value!r}")
        subject_type, predicates = known
        if core["predicate"] not in predicates:
            raise ValueError(
                f"unknown predicate {core['predicate']!r} for subject {subject_type!r} in type "
                f"{value!r} (expected one of {', '.join(sorted(predicates))})"
            )
        return EventType(subject_type, core["predicate"], core["version"])
    custom = _CUSTOM.match(value)
    if custom is not None:
        return EventType(
            f"{custom['tool']}-{custom['subject']}", custom["predicate"], custom["version"], True
        )
    raise ValueError(
        f"not a CDEvents type: {value!r} (expected dev.cdevents.<subject>.<predicate>.<semver> "
        "or dev.cdeventsx.<tool>-<subject>.<predicate>.<semver>)"
    )
