"""Crash `lineage ingest` again and again: SIGKILL at a random moment, rerun, compare.

Run:  python bench/crash_cli_ingest.py [--iterations 1000] [--events 1000] [--batch 100]

The long version of tests/cli/test_ingest_kill.py. Writes `--events` demo events to a JSONL file,
ingests it once into a clean store (the reference, and how long a whole run takes), then, for
each iteration, starts `lineage ingest` on a new store and kills it with SIGKILL at a random
moment: one time in ten after a random delay up to that duration (mostly while the process
starts or creates the store), otherwise once a random number of events has been committed plus
a random fraction of one transaction's time (so inside the next transaction or its commit).
Then it checks: `PRAGMA integrity_check` is ok; the
rerun reports stored + duplicates = every record, with no conflicts or rejections, and its
duplicates cover every event the killed run committed; the store then holds exactly what the
clean run stored (events, links, facts, chains, no id twice). Prints how the kills fell (before
the first commit, mid-file, after the end) and the number of failed iterations (target 0).
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the helpers live with the tests

from lineage.demo import demo_events, write_jsonl  # noqa: E402
from tests.support.ingest_kill import (  # noqa: E402
    contents,
    ingest_json,
    integrity,
    killed_ingest,
    stored_events,
)


def main() -> int:
    """Run the iterations and print the tally; exit 1 if any iteration failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    for stop in (signal.SIGINT, signal.SIGTERM):  # report the tally so far, also in background
        signal.signal(stop, signal.default_int_handler)
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(prefix="crash-cli-") as folder:
        work = Path(folder)
        records = work / "records.jsonl"
        lines = write_jsonl(records, demo_events(options.events))
        started = time.monotonic()
        ingest_json(records, work / "clean.db", options.batch)
        whole = time.monotonic() - started
        reference = contents(work / "clean.db")
        tally = {"before the first commit": 0, "mid-file": 0, "after the end": 0}
        failures: list[str] = []
        began = time.monotonic()
        done = 0
        try:
            done = _iterate(options, rng, work, records, whole, lines, reference, tally, failures)
        except KeyboardInterrupt:  # Ctrl-C / SIGINT: report what ran so far
            done = sum(tally.values())
            print(f"interrupted after {done} of {options.iterations} iterations", flush=True)
        elapsed = time.monotonic() - began
    print(
        f"{done} iterations of {options.events} events ({lines} records, "
        f"--batch {options.batch}; one whole run {whole:.2f} s) in {elapsed:.0f} s"
    )
    print("killed " + ", ".join(f"{n} {when}" for when, n in tally.items()))
    print(f"failed iterations: {len(failures)}")
    return 1 if failures else 0


def _iterate(
    options: argparse.Namespace,
    rng: random.Random,
    work: Path,
    records: Path,
    whole: float,
    lines: int,
    reference: object,
    tally: dict[str, int],
    failures: list[str],
) -> int:
    """Run the iterations, counting kills into `tally` and problems into `failures`."""
    began = time.monotonic()
    for iteration in range(options.iterations):
        store = work / f"run-{iteration}.db"
        if rng.random() < 0.1:
            status = killed_ingest(
                records, store, options.batch, then_seconds=rng.uniform(0, whole)
            )
        else:
            status = killed_ingest(
                records,
                store,
                options.batch,
                after_events=rng.randint(1, options.events),
                then_seconds=rng.uniform(0, whole * options.batch / options.events),
            )
        before = stored_events(store)
        if status != -signal.SIGKILL or before == options.events:
            when = "after the end"
        elif before == 0:
            when = "before the first commit"
        else:
            when = "mid-file"
        problem = _check(records, store, options.batch, before, lines, reference)
        tally[when] += 1  # counted once checked, so an interrupted check is not counted
        if problem:
            failures.append(f"iteration {iteration}: {problem}")
            print(failures[-1], flush=True)
        for leftover in work.glob(f"run-{iteration}.db*"):
            leftover.unlink()
        if (iteration + 1) % 25 == 0:
            print(
                f"{iteration + 1} iterations, {len(failures)} failed, "
                f"{time.monotonic() - began:.0f} s",
                flush=True,
            )
    return int(options.iterations)


def _check(
    records: Path, store: Path, batch: int, before: int, lines: int, reference: object
) -> str | None:
    """What is wrong with a killed run's store once rerun, or None."""
    if store.exists() and integrity(store) != "ok":
        return f"integrity_check after the kill: {integrity(store)}"
    rerun = ingest_json(records, store, batch)
    if rerun["stored"] + rerun["duplicates"] != lines:
        return f"rerun accounted for {rerun['stored'] + rerun['duplicates']} of {lines} records"
    if rerun["conflicts"] or rerun["rejected"]:
        return f"rerun reported conflicts or rejections: {rerun}"
    if rerun["duplicates"] < before:
        return f"{before} events were committed but the rerun saw {rerun['duplicates']} duplicates"
    if integrity(store) != "ok":
        return f"integrity_check after the rerun: {integrity(store)}"
    if contents(store) != reference:
        return "the store differs from one clean run"
    return None


if __name__ == "__main__":
    sys.exit(main())
