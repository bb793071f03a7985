"""Which store a command works on, and opening it: only commands that write may create one."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lineage.cli.errors import FAILED, USAGE, CliError, fail, neo4j_reason, note
from lineage.store import DEFAULT_STORE, NEO4J_SCHEMES, Store, open_store
from lineage.store.embedded.probe import FileKind, inspect_store_file
from lineage.store.embedded.store import StoreVersionError

#: Where `lineage demo` builds its store unless told otherwise.
DEMO_STORE = "lineage-demo.db"


def store_to_read(location: str | None) -> str:
    """The store a read-only command uses: `--store`, `$LINEAGE_STORE`, `./lineage.db`, else the
    demo store when only that exists (so `lineage trace` works right after `make demo`)."""
    chosen = location or os.environ.get("LINEAGE_STORE")
    if chosen:
        return chosen
    if not Path(DEFAULT_STORE).exists() and Path(DEMO_STORE).is_file():
        note(f"no {DEFAULT_STORE}: reading the demo store ./{DEMO_STORE}")
        return f"./{DEMO_STORE}"
    return DEFAULT_STORE


def store_to_write(location: str | None) -> str:
    """The store a writing command uses: `--store`, `$LINEAGE_STORE`, else `./lineage.db`."""
    return location or os.environ.get("LINEAGE_STORE") or DEFAULT_STORE


@contextmanager
def opened_store(
    target: str, *, create: bool, busy_timeout: float | None = None
) -> Iterator[Store]:
    """Open the store at `target` for the duration of a command, wording any failure to open or
    use it as a user error that names it. Without `create`, a missing store is an error.
    `busy_timeout`: see `open_store`."""
    neo4j = target.startswith(NEO4J_SCHEMES)
    if not neo4j:
        _check_file(target, create)
    try:
        store = open_store(target, busy_timeout=busy_timeout)
    except StoreVersionError as exc:
        raise CliError(str(exc), USAGE) from exc
    except sqlite3.Error as exc:
        raise CliError(f"cannot open the store {target}: {exc}", USAGE) from exc
    try:
        yield store
    except sqlite3.DatabaseError as exc:
        raise CliError(f"store {target}: {exc}", FAILED) from exc
    except Exception as exc:
        if neo4j and _from_the_driver(exc):
            raise _neo4j_problem(target, exc) from exc
        raise
    finally:
        store.close()


def _check_file(path: str, create: bool) -> None:
    verdict = inspect_store_file(Path(path))
    kind = verdict.kind
    if kind is FileKind.STORE or (create and kind in (FileKind.MISSING, FileKind.EMPTY)):
        return
    if kind is FileKind.MISSING:
        fail(
            f"no store at {path} (create one with `lineage ingest FILE --store {path}` or "
            "`lineage db init`; `lineage demo` builds a demo store)"
        )
    if kind is FileKind.DIRECTORY:
        fail(f"{path} is a directory, not a store (give a file path)")
    if kind is FileKind.UNREADABLE:
        fail(f"cannot open the store {path}: {verdict.detail}")
    fail(f"{path} is not a lineage store ({kind.value})")


def _from_the_driver(exc: Exception) -> bool:
    """Whether the Neo4j driver raised `exc` (its own error types, or e.g. a ValueError for an
    address it cannot resolve), as opposed to this program."""
    if type(exc).__module__.startswith("neo4j"):
        return True
    frame = exc.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    return frame is not None and str(frame.tb_frame.f_globals.get("__name__", "")).startswith(
        "neo4j"
    )


def _neo4j_problem(uri: str, exc: Exception) -> CliError:
    name = type(exc).__name__
    if name in ("ServiceUnavailable", "ValueError"):
        return CliError(f"cannot connect to Neo4j at {uri}: {neo4j_reason(exc)}", USAGE)
    if name in ("AuthError", "Unauthorized"):
        return CliError(
            f"Neo4j at {uri} refused the login (NEO4J_USERNAME, NEO4J_PASSWORD): "
            f"{neo4j_reason(exc)}",
            USAGE,
        )
    return CliError(f"Neo4j at {uri}: {neo4j_reason(exc)}", FAILED)
