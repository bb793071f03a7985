"""Which environments are production: a configured set of ids or names, matched in any case."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lineage.config import production_environments
from lineage.store.protocol import EventFilter, Store

#: Environment events of one environment id looked at for its name.
NAME_EVENTS = 20


class ProductionEnvironments:
    """Tells production environments apart: an environment is production when its id, or the
    `name` an `environment.*` CDEvent of that id gives it, is one of `names` (any case)."""

    def __init__(self, store: Store, names: Sequence[str] | None = None) -> None:
        """`names`: the production ids/names; None reads `LINEAGE_PRODUCTION_ENVIRONMENTS`."""
        chosen = production_environments() if names is None else names
        self.names = tuple(dict.fromkeys(n.strip() for n in chosen if n.strip()))
        self._folded = frozenset(n.casefold() for n in self.names)
        self._store = store
        self._known: dict[str, bool] = {}
        self._ids: list[str] | None = None

    def __contains__(self, environment: object) -> bool:
        """Whether the environment with this id is production (None and non-text never are)."""
        if not isinstance(environment, str) or not environment:
            return False
        known = self._known.get(environment)
        if known is None:
            known = environment.casefold() in self._folded or any(
                name.casefold() in self._folded for name in self._names_of(environment)
            )
            self._known[environment] = known
        return known

    def ids(self) -> list[str]:
        """The production ones among the environment ids the store's delivery events name, in
        text order (what a window's deployments are read for)."""
        if self._ids is None:
            self._ids = [e for e in self._store.delivery_environments() if e in self]
        return self._ids

    def _names_of(self, environment: str) -> list[str]:
        """The names `environment.*` CDEvents of this id gave it."""
        page = self._store.find_events(
            EventFilter(subject_types=["environment"], subject_id=environment), NAME_EVENTS, None
        )
        return [name for event in page.items if (name := _name(event.subject_content))]


def _name(content: Mapping[str, Any]) -> str | None:
    value = content.get("name")
    return value if isinstance(value, str) and value.strip() else None
