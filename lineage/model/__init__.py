"""Pydantic types of the lineage graph: no I/O, no storage, no GraphQL."""

from lineage.model.chain import ChainSummary
from lineage.model.event import Event
from lineage.model.event_type import EventType, parse_event_type
from lineage.model.identity import format_timestamp, normalize_id, parse_timestamp
from lineage.model.link import Direction, Link, LinkType, link_id, link_order

__all__ = [
    "ChainSummary",
    "Direction",
    "Event",
    "EventType",
    "Link",
    "LinkType",
    "format_timestamp",
    "link_id",
    "link_order",
    "normalize_id",
    "parse_event_type",
    "parse_timestamp",
]
