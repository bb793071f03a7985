"""Whether the store can take writes now: a probe, plus the memory of a recent write fault."""

from __future__ import annotations

import time
from dataclasses import dataclass

from lineage.store.faults import StoreUnavailableError, storage_fault
from lineage.store.protocol import Store

#: After a write failed for a storage fault, readiness stays false this long (seconds), so a
#: fault the probe cannot see without writing (a full disk) still takes the server out of rotation.
FAULT_MEMORY_S = 5.0


@dataclass(slots=True)
class Readiness:
    """The last storage fault a write met, and the readiness probe."""

    last_fault: str | None = None
    last_fault_at: float = 0.0

    def record_fault(self, reason: str) -> None:
        """Remember that a write just failed for `reason`."""
        self.last_fault = reason
        self.last_fault_at = time.monotonic()

    def problem(self, store: Store) -> str | None:
        """Why the store cannot take writes now, or None when it can (blocking: a probe)."""
        if self.last_fault is not None and time.monotonic() - self.last_fault_at < FAULT_MEMORY_S:
            return self.last_fault
        try:
            store.check_writable()
        except Exception as exc:
            reason = storage_fault(exc)
            if reason is None:
                raise
            return reason
        return None

    def unavailable(self, exc: BaseException) -> StoreUnavailableError | None:
        """`exc` as a `StoreUnavailableError` (recorded) if it is a storage fault, else None."""
        reason = storage_fault(exc)
        if reason is None:
            return None
        self.record_fault(reason)
        return StoreUnavailableError(reason)
