"""Settings read from the environment, in one place.

Commit trace (issue 4): which keys name a commit, which trailers name a source commit.

Defaults follow the issue; each list can be replaced through the environment (comma-separated):

- `LINEAGE_COMMIT_KEYS`: keys of `subject.content` / `customData` objects whose value is a commit
  hash (default `commitHash,commit_hash,commit,sha,revision`).
- `LINEAGE_TRAILER_KEYS`: git trailer keys of a manifest-repo commit message that name the
  source commit (default `Source-Commit-Hash,Trace-Commit-Hash`; matched case-insensitively, as
  git does).
- `LINEAGE_COMMIT_SEARCH_NESTED`: `0` to look only at the top level of those objects, not also in
  the objects one level down (default `1`).

Commit mentions are indexed when events are ingested, so a changed key list applies to events
ingested from then on.

Live state (issue 5): when a report is stale, how long report history is kept. Durations are
seconds, or a number with a unit `ms`, `s`, `m`, `h`, `d`, `w` (e.g. `3m`, `7d`):

- `LINEAGE_LIVESTATE_STALE_AFTER`: an (application, deploy target) whose latest report is older
  than this is `stale` (default `3m`).
- `LINEAGE_LIVESTATE_RETENTION`: reports older than this, counted back from the newest report of
  the same (application, deploy target), are pruned from history; the latest report of each is
  always kept (default `7d`).

DORA metrics (issue 11): which environments are production.

- `LINEAGE_PRODUCTION_ENVIRONMENTS`: comma-separated environment ids or names that are
  production, matched case-insensitively against an environment's id and its name (default
  `prod,production`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

DEFAULT_COMMIT_KEYS: tuple[str, ...] = ("commitHash", "commit_hash", "commit", "sha", "revision")
DEFAULT_TRAILER_KEYS: tuple[str, ...] = ("Source-Commit-Hash", "Trace-Commit-Hash")

COMMIT_KEYS_ENV = "LINEAGE_COMMIT_KEYS"
TRAILER_KEYS_ENV = "LINEAGE_TRAILER_KEYS"
SEARCH_NESTED_ENV = "LINEAGE_COMMIT_SEARCH_NESTED"


@dataclass(frozen=True, slots=True)
class TraceSettings:
    """Where commits are looked for in CDEvents and in manifest-commit messages."""

    commit_keys: tuple[str, ...] = DEFAULT_COMMIT_KEYS
    trailer_keys: tuple[str, ...] = DEFAULT_TRAILER_KEYS
    search_nested: bool = True

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> TraceSettings:
        """Settings from the `LINEAGE_*` variables above, defaults for those unset."""
        env = os.environ if environ is None else environ
        return cls(
            commit_keys=_names(env.get(COMMIT_KEYS_ENV)) or DEFAULT_COMMIT_KEYS,
            trailer_keys=_names(env.get(TRAILER_KEYS_ENV)) or DEFAULT_TRAILER_KEYS,
            search_nested=env.get(SEARCH_NESTED_ENV, "1").strip().lower()
            not in ("0", "false", "no", "off"),
        )


def _names(text: str | None) -> tuple[str, ...]:
    """Comma-separated names, trimmed, empty ones dropped, first occurrence kept."""
    if not text:
        return ()
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


@lru_cache(maxsize=1)
def trace_settings() -> TraceSettings:
    """The process-wide settings, read from the environment once."""
    return TraceSettings.from_environment()


# -- live state (issue 5) ---------------------------------------------------------------------

STALE_AFTER_ENV = "LINEAGE_LIVESTATE_STALE_AFTER"
RETENTION_ENV = "LINEAGE_LIVESTATE_RETENTION"
DEFAULT_STALE_AFTER = timedelta(minutes=3)
DEFAULT_RETENTION = timedelta(days=7)

_DURATION = re.compile(r"^\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>ms|s|m|h|d|w)?\s*$")
_UNITS = {
    "ms": timedelta(milliseconds=1),
    "s": timedelta(seconds=1),
    "m": timedelta(minutes=1),
    "h": timedelta(hours=1),
    "d": timedelta(days=1),
    "w": timedelta(weeks=1),
}


class SettingsError(ValueError):
    """An environment variable holding a value its setting cannot take."""


@dataclass(frozen=True, slots=True)
class LiveStateSettings:
    """Application live state: when a report is stale, how long history is kept."""

    stale_after: timedelta = DEFAULT_STALE_AFTER
    retention: timedelta = DEFAULT_RETENTION

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> LiveStateSettings:
        """Settings from `LINEAGE_LIVESTATE_STALE_AFTER` / `..._RETENTION`, else defaults."""
        env = os.environ if environ is None else environ
        return cls(
            stale_after=_duration(env, STALE_AFTER_ENV, DEFAULT_STALE_AFTER),
            retention=_duration(env, RETENTION_ENV, DEFAULT_RETENTION),
        )


def parse_duration(text: str, name: str = "duration") -> timedelta:
    """Parse `90`, `90s`, `3m`, `12h`, `7d`, `2w` or `500ms` (a bare number is seconds)."""
    match = _DURATION.match(text)
    if match is None:
        raise SettingsError(f"{name}: not a duration: {text!r} (e.g. 180, 3m, 12h, 7d)")
    return float(match["amount"]) * _UNITS[match["unit"] or "s"]


def _duration(env: Mapping[str, str], name: str, default: timedelta) -> timedelta:
    text = env.get(name)
    if text is None or not text.strip():
        return default
    value = parse_duration(text, name)
    if value <= timedelta(0):
        raise SettingsError(f"{name}: must be positive, got {text!r}")
    return value


@lru_cache(maxsize=1)
def livestate_settings() -> LiveStateSettings:
    """The process-wide live-state settings, read from the environment once."""
    return LiveStateSettings.from_environment()


# -- DORA metrics (issue 11) ------------------------------------------------------------------

PRODUCTION_ENVIRONMENTS_ENV = "LINEAGE_PRODUCTION_ENVIRONMENTS"
DEFAULT_PRODUCTION_ENVIRONMENTS: tuple[str, ...] = ("prod", "production")


def production_environments(environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The environment ids/names that are production (`LINEAGE_PRODUCTION_ENVIRONMENTS`, read
    on every call so a changed variable applies at once), else `prod` and `production`."""
    env = os.environ if environ is None else environ
    return _names(env.get(PRODUCTION_ENVIRONMENTS_ENV)) or DEFAULT_PRODUCTION_ENVIRONMENTS


# -- HTTP receivers (issue 12) ------------------------------------------------------------------

MAX_BODY_BYTES_ENV = "LINEAGE_MAX_BODY_BYTES"
MAX_INFLIGHT_WRITES_ENV = "LINEAGE_MAX_INFLIGHT_WRITES"
MAX_INFLIGHT_QUERIES_ENV = "LINEAGE_MAX_INFLIGHT_QUERIES"
WRITE_LOCK_WAIT_ENV = "LINEAGE_WRITE_LOCK_WAIT"
KEEP_ALIVE_ENV = "LINEAGE_KEEP_ALIVE"
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_INFLIGHT_WRITES = 32
DEFAULT_MAX_INFLIGHT_QUERIES = 32
DEFAULT_WRITE_LOCK_WAIT = timedelta(seconds=5)
#: Longer than senders' pools keep an idle connection (httpx 5 s, like uvicorn's own default):
#: the client, not the server, then closes an idle connection, so a request sent on a pooled
#: connection does not meet the server closing it (a reset, not an answer).
DEFAULT_KEEP_ALIVE = timedelta(seconds=75)


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """Limits of the HTTP server: body size, concurrent writes, wait for another writer's lock.

    - `LINEAGE_MAX_BODY_BYTES`: larger request bodies get 413 (default 10 MiB).
    - `LINEAGE_MAX_INFLIGHT_WRITES`: write requests (`POST /events`, `/links`, `/traces`,
      `/livestate`) being handled at once; more get 429 with `Retry-After` (default 32).
    - `LINEAGE_MAX_INFLIGHT_QUERIES`: GraphQL requests over HTTP being handled at once; more
      get 429 with `Retry-After` (default 32).
    - `LINEAGE_WRITE_LOCK_WAIT`: how long a write waits while another process (e.g. a
      `lineage ingest`) holds the embedded store's write lock before the request gets 503
      with `Retry-After` (a duration, default `5s`).
    - `LINEAGE_KEEP_ALIVE`: how long an idle keep-alive connection stays open (a duration,
      default `75s`, longer than senders' connection pools keep one idle).
    """

    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_inflight_writes: int = DEFAULT_MAX_INFLIGHT_WRITES
    max_inflight_queries: int = DEFAULT_MAX_INFLIGHT_QUERIES
    write_lock_wait: timedelta = DEFAULT_WRITE_LOCK_WAIT
    keep_alive: timedelta = DEFAULT_KEEP_ALIVE

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> HttpSettings:
        """Settings from the `LINEAGE_*` variables above, defaults for those unset."""
        env = os.environ if environ is None else environ
        return cls(
            max_body_bytes=_positive_int(env, MAX_BODY_BYTES_ENV, DEFAULT_MAX_BODY_BYTES),
            max_inflight_writes=_positive_int(
                env, MAX_INFLIGHT_WRITES_ENV, DEFAULT_MAX_INFLIGHT_WRITES
            ),
            max_inflight_queries=_positive_int(
                env, MAX_INFLIGHT_QUERIES_ENV, DEFAULT_MAX_INFLIGHT_QUERIES
            ),
            write_lock_wait=_duration(env, WRITE_LOCK_WAIT_ENV, DEFAULT_WRITE_LOCK_WAIT),
            keep_alive=_duration(env, KEEP_ALIVE_ENV, DEFAULT_KEEP_ALIVE),
        )


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name)
    if text is None or not text.strip():
        return default
    try:
        value = int(text.strip().replace("_", ""))
    except ValueError:
        raise SettingsError(f"{name}: not a whole number: {text!r}") from None
    if value <= 0:
        raise SettingsError(f"{name}: must be positive, got {text!r}")
    return value
