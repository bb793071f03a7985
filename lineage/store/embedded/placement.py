"""Where new rows go: rowids that keep a chain's events (and links) next to each other.

Rows of one chain arrive over hours, interleaved with every other running chain, so rowids handed
out in arrival order scatter a long chain over the whole file and reading it costs a page per
event. Instead each chain (key: its chainId, or "" for rows without one) owns a range of rowids,
`slot << SLOT_BITS` onwards; its rows take the next free rowids of its range (a new slot when one
is full). Reading a chain then touches a few adjacent pages. This is placement only: queries
never depend on it, and any unique rowid would be correct.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from lineage.store.embedded.chains import select_in

SLOT_BITS = 20
_SLOT_ROWS = 1 << SLOT_BITS


def place(cursor: sqlite3.Cursor, table: str, keys: Sequence[str | None]) -> list[int]:
    """Rowids for new rows of `table` ("events" or "links"), row i clustered by `keys[i]`."""
    wanted = list(dict.fromkeys("" if key is None else key for key in keys))
    slots: dict[str, list[int]] = {
        key: [slot, used]
        for key, slot, used in select_in(
            cursor, "SELECT key, slot, used FROM placement WHERE key IN ({}) AND tab = ?",
            wanted, (table,),
        )
    }  # fmt: skip
    next_slot = _next_slot(cursor, table)
    rowids = []
    for key in keys:
        state = slots.get("" if key is None else key)
        if state is None or state[1] == _SLOT_ROWS:
            state = slots["" if key is None else key] = [next_slot, 0]
            next_slot += 1
        rowids.append((state[0] << SLOT_BITS) | state[1])
        state[1] += 1
    cursor.executemany(
        "INSERT OR REPLACE INTO placement (tab, key, slot, used) VALUES (?, ?, ?, ?)",
        [(table, key, slot, used) for key, (slot, used) in slots.items()],
    )
    cursor.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        (f"next_slot:{table}", str(next_slot)),
    )
    return rowids


def _next_slot(cursor: sqlite3.Cursor, table: str) -> int:
    row = cursor.execute("SELECT value FROM meta WHERE key = ?", (f"next_slot:{table}",)).fetchone()
    if row is not None:
        return int(row[0])
    # First placement in this file: start above every rowid handed out so far.
    highest = cursor.execute(f"SELECT max(seq) FROM {table}").fetchone()[0]
    return 1 if highest is None else (highest >> SLOT_BITS) + 1
