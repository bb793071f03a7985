"""The Cypher statements of the Neo4j backend, loaded by name from `cypher/*.cypher`.

Every statement the backend sends is a static file (one statement per file): no Cypher is ever
built from data. An installed wheel carries the files at `lineage/_cypher` (pyproject.toml
force-includes the repository's `cypher/` folder there); a source checkout or editable install
reads the repository's `cypher/` folder next to the package.
"""

from __future__ import annotations

import threading
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import LiteralString

SUFFIX = ".cypher"
_PACKAGED = "_cypher"
_CHECKOUT = Path(__file__).resolve().parents[3] / "cypher"

_cache: dict[str, LiteralString] = {}
_lock = threading.Lock()


class MissingStatementError(LookupError):
    """A statement name with no `.cypher` file behind it."""


def statement_dir() -> Traversable:
    """The folder holding the statements: the wheel's `lineage/_cypher`, else the checkout's."""
    packaged = resources.files("lineage") / _PACKAGED
    if packaged.is_dir():
        return packaged
    return _CHECKOUT


def load(name: str) -> LiteralString:
    """The text of the statement `name` (file `<name>.cypher`), read once and cached."""
    text = _cache.get(name)
    if text is not None:
        return text
    with _lock:
        text = _cache.get(name)
        if text is None:
            text = _read(name)
            _cache[name] = text
    return text


def names() -> list[str]:
    """Names of every statement file present, sorted."""
    folder = statement_dir()
    if not folder.is_dir():
        return []
    return sorted(
        entry.name.removesuffix(SUFFIX) for entry in folder.iterdir() if entry.name.endswith(SUFFIX)
    )


def _read(name: str) -> LiteralString:
    folder = statement_dir()
    entry = folder / f"{name}{SUFFIX}"
    if not entry.is_file():
        raise MissingStatementError(
            f"Cypher statement {name!r} not found: expected {name}{SUFFIX} in {folder} "
            "(the wheel's lineage/_cypher, or the repository's cypher/ folder)"
        )
    text = entry.read_text(encoding="utf-8")
    body = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("//")
    ]
    if not body:
        raise MissingStatementError(f"Cypher statement file {name}{SUFFIX} holds no statement")
    # The statement is our own file, never data: the driver's LiteralString contract holds.
    statement: LiteralString = text  # type: ignore[assignment,unused-ignore]
    return statement
