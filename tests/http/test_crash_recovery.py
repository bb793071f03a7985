"""`kill -9` of `lineage serve` under mixed write traffic loses nothing it acknowledged.

Each iteration starts `lineage serve` on the same store, posts from several clients (binary,
structured and batch CloudEvents, event arrays, /links, /traces, /livestate), SIGKILLs the server
at a random moment and checks the store (see `tests.support.crash_harness`). The long run is
`bench/crash_soak.py` (1,000 iterations, figures in the README).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.crash_harness import ServeLauncher, ingest_continues, run_iteration

ITERATIONS = 30
SEED = 12


@pytest.fixture(scope="module")
def launcher() -> Iterator[ServeLauncher]:
    started = ServeLauncher()
    yield started
    started.close()


@pytest.mark.timeout(600)
def test_acknowledged_writes_survive_kill_9_and_unacknowledged_ones_are_all_or_nothing(
    launcher: ServeLauncher, tmp_path: Path
) -> None:
    store = tmp_path / "crash.db"
    rng = random.Random(SEED)
    acknowledged = in_flight = 0
    problems: list[str] = []

    for iteration in range(ITERATIONS):
        result = run_iteration(launcher, store, iteration, rng, max_traffic_s=0.5)
        acknowledged += result.acknowledged
        in_flight += result.unacknowledged_stored + result.unacknowledged_absent
        problems += [f"iteration {iteration}: {problem}" for problem in result.problems]

    assert problems == []
    assert acknowledged > ITERATIONS  # the clients did get answers before each kill
    assert in_flight > 0  # and some requests were cut off by a kill
    assert ingest_continues(launcher, store)
