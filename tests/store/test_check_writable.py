"""`check_writable`: the readiness probe of every backend passes on a store that takes writes and
writes nothing."""

from __future__ import annotations

from lineage.store import Store


def test_a_writable_store_passes_the_probe_and_the_probe_writes_nothing(store: Store) -> None:
    before = store.stats()

    store.check_writable()
    store.check_writable()

    assert store.stats() == before
