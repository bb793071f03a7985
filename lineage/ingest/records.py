"""Tell record kinds apart and parse each into the model."""

from __future__ import annotations

from typing import Any

from lineage.ingest.cdevents import parse_cdevent
from lineage.ingest.errors import RecordError
from lineage.ingest.fact_kinds import FACT_PARSERS
from lineage.ingest.links import parse_link
from lineage.ingest.nesting import check_nesting
from lineage.model import Event, Link
from lineage.model.fact import Fact

Record = Event | Link | Fact


def record_kind(raw: Any) -> str:
    """Name the kind of a raw record: `event`, `link`, or the `kind` of a registered fact."""
    if not isinstance(raw, dict):
        raise RecordError(f"expected a JSON object, got {type(raw).__name__}")
    if "context" in raw or "subject" in raw:
        return "event"
    if "linkType" in raw:
        return "link"
    if "kind" in raw:
        if isinstance(raw["kind"], dict | list):  # unhashable: cannot even be looked up
            raise RecordError(f"kind: expected a string, got {type(raw['kind']).__name__}")
        if raw["kind"] in FACT_PARSERS:
            return str(raw["kind"])
        known = ", ".join(sorted(FACT_PARSERS)) or "none"
        raise RecordError(f"unknown record kind {raw['kind']!r} (known kinds: {known})")
    raise RecordError(
        "not a CDEvent (no 'context'/'subject') nor a standalone link (no 'linkType')"
    )


def parse_record(raw: Any) -> Record:
    """Parse a raw record of any known kind."""
    kind = record_kind(raw)
    try:
        if kind == "event":
            return parse_cdevent(raw)
        if kind == "link":
            return parse_link(raw)
        return FACT_PARSERS[kind](raw)
    except (TypeError, RecursionError):
        # Serializing (digests, tags) fails on very deep records: checked only then, as walking
        # every record would cost ingest a large share of its time.
        check_nesting(raw)
        raise
