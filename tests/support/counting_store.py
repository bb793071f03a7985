"""A store proxy that counts the calls made through it, to prove work is bounded (no N+1)."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any, cast

from lineage.store import Store

#: Store methods that only write or manage the store; everything else is a read.
NOT_READS = frozenset({"write", "close", "event_digests", "link_digests"})


class CountingStore:
    """Forwards every attribute to the wrapped store and counts method calls by name."""

    def __init__(self, inner: Store) -> None:
        self._inner = inner
        self._lock = threading.Lock()
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._inner, name)
        if not callable(target):
            return target

        def counted(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                self.calls[name] += 1
            return target(*args, **kwargs)

        return counted

    @property
    def reads(self) -> int:
        """How many read calls were made."""
        return sum(n for name, n in self.calls.items() if name not in NOT_READS)

    def reset(self) -> None:
        """Forget the calls counted so far."""
        self.calls.clear()


def as_store(proxy: CountingStore) -> Store:
    """The proxy, typed as the `Store` it stands in for."""
    return cast(Store, proxy)
