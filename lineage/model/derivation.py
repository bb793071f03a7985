"""Derivation markers: a store's note that a derived fact kind is there for every stored record.

Ingest derives some facts per batch (`lineage.ingest.derivations`). A store written before a
derived kind existed lacks it for the records it already holds; the kind's derivation over them
(on opening the store, or `lineage db derive`) records a `Derivation` fact whose id is the kind,
and a new, empty store records one for every kind at once. Readers that rely on a derived kind
ask for its marker (`Store.fact_digests(Derivation.kind, [kind])`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Derivation:
    """The marker of one derived fact kind (`id`) done for every stored record."""

    kind: ClassVar[str] = "Derivation"

    id: str
    digest: str = "done"


#: Derived kinds a store marks as done over what it holds.
MARKED_KINDS: tuple[str, ...] = ("DeliveryEvent", "UpstreamCommits", "ChainStages")
