"""`lineage export`: a chain, a neighbourhood or a time window as GraphML, GEXF, node-link JSON,
Cytoscape JSON or DOT, written as it is read (stdout, or a file)."""

from __future__ import annotations

import sys
from contextlib import suppress
from datetime import UTC, date, datetime
from pathlib import Path

from lineage.analytics.export import write_export
from lineage.analytics.graph import select
from lineage.analytics.schema import Format
from lineage.model import parse_timestamp
from lineage.store import Store


def parse_instant_option(name: str, text: str) -> datetime:
    """An RFC 3339 instant, or a date (its midnight UTC); ValueError naming the option."""
    try:
        if len(text.strip()) == 10:
            return datetime.combine(date.fromisoformat(text.strip()), datetime.min.time(), UTC)
        return parse_timestamp(text)
    except ValueError:
        raise ValueError(
            f"{name}: {text!r} is not a date (2026-01-05) or an RFC 3339 instant "
            "(2026-01-05T09:00:00Z)"
        ) from None


def export_graph(
    store: Store,
    fmt: Format,
    output: Path | None,
    chain: str | None,
    around: str | None,
    depth: int,
    since: datetime | None,
    until: datetime | None,
    include_inferred: bool,
) -> None:
    """Write one selection in `fmt` to `output` (stdout if None).

    A `ServiceError` (bad selection, unknown chain or event) is raised before anything is
    written; a file left half-written by a later failure is removed.
    """
    elements = select(
        store, chain=chain, around=around, depth=depth, since=since, until=until,
        include_inferred=include_inferred,
    )  # fmt: skip
    if output is None:
        write_export(elements, fmt, sys.stdout)
        sys.stdout.flush()
        return
    try:
        with output.open("w", encoding="utf-8", newline="\n") as file:
            write_export(elements, fmt, file)
    except BaseException:
        with suppress(OSError):
            output.unlink()
        raise
