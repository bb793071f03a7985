"""Graph nodes: a stored event, or a placeholder for an id links reference before it arrives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lineage.model import Event, normalize_id
from lineage.store.protocol import Store


@dataclass(frozen=True, slots=True)
class Placeholder:
    """An event id referenced by a link whose event has not arrived (yet)."""

    id: str


Node = Event | Placeholder


def find_node(store: Store, event_id: str) -> Node | None:
    """The event with this id, a placeholder if only links mention it, or None if unknown."""
    key = normalize_id(event_id)
    found = store.get_events([key]).get(key)
    if found is not None:
        return found
    return Placeholder(key) if key in store.placeholder_ids([key]) else None


def nodes_by_id(store: Store, ids: Sequence[str]) -> dict[str, Node]:
    """Nodes for ids known to be link endpoints: stored events, placeholders for the rest."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Node] = dict(store.get_events(wanted)) if wanted else {}
    for key in wanted:
        found.setdefault(key, Placeholder(key))
    return found
