"""Crash soak: SIGKILL `lineage serve` 1,000 times under mixed write traffic; nothing acknowledged
may be lost, nothing unacknowledged half-stored, the file never corrupt.

    python bench/crash_soak.py                       # 1,000 iterations on a temporary store
    python bench/crash_soak.py --iterations 100 --seed 3 --store /tmp/soak.db

Each iteration (see `tests/support/crash_harness.py`, the suite runs 30 of them) starts
`lineage serve` on the same store, posts from 4 client threads (binary, structured and batch
CloudEvents, event arrays of 2-100, /links, /traces, /livestate), SIGKILLs the server at a random
moment once answers flow, then checks every acknowledged request's records by digest, every
cut-off request for all-or-nothing, and `PRAGMA integrity_check`. Loopback only; stops by itself.
Prints the totals and exits 1 on any violation.
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
sys.path.insert(0, str(ROOT))  # the harness lives with the tests

from tests.support.crash_harness import (  # noqa: E402
    IterationResult,
    ServeLauncher,
    ingest_continues,
    run_iteration,
)


def main() -> int:
    """Run the soak and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-traffic", type=float, default=1.0, help="traffic seconds, at most")
    parser.add_argument("--store", type=Path, help="store file (default: a temporary one)")
    args = parser.parse_args()
    for stop in (signal.SIGINT, signal.SIGTERM):  # report the totals so far, also in background
        signal.signal(stop, signal.default_int_handler)
    store = args.store or Path(tempfile.mkdtemp(prefix="crash-soak-")) / "soak.db"
    rng = random.Random(args.seed)
    launcher = ServeLauncher()
    total = IterationResult()
    started = time.monotonic()
    done = 0
    kill_moments = [0] * 5  # iterations per fifth of --max-traffic after the first answer
    cut_after_commit = 0  # iterations where a request was stored whole but never answered
    cut_before_commit = 0  # iterations where a cut-off request was stored not at all
    try:
        for iteration in range(args.iterations):
            result = run_iteration(launcher, store, iteration, rng, args.max_traffic)
            total.acknowledged += result.acknowledged
            total.unacknowledged_stored += result.unacknowledged_stored
            total.unacknowledged_absent += result.unacknowledged_absent
            total.records_checked += result.records_checked
            for kind, count in result.by_kind.items():
                total.by_kind[kind] = total.by_kind.get(kind, 0) + count
            total.problems += [f"iteration {iteration}: {p}" for p in result.problems]
            if result.kill_after_s is not None and args.max_traffic > 0:
                fifth = int(5 * result.kill_after_s / args.max_traffic)
                kill_moments[min(fifth, 4)] += 1
            cut_after_commit += result.unacknowledged_stored > 0
            cut_before_commit += result.unacknowledged_absent > 0
            done = iteration + 1
            if (iteration + 1) % 50 == 0:
                print(
                    f"{iteration + 1} iterations, {total.acknowledged} acknowledged, "
                    f"{len(total.problems)} problems, {time.monotonic() - started:.0f} s",
                    flush=True,
                )
    except KeyboardInterrupt:  # Ctrl-C / SIGINT / SIGTERM: report what ran so far
        print(f"interrupted after {done} of {args.iterations} iterations", flush=True)
    try:
        continues = ingest_continues(launcher, store)
    finally:
        launcher.close()
    elapsed = time.monotonic() - started
    print(f"iterations: {done} (SIGKILL each), {elapsed:.0f} s")
    print(f"acknowledged requests: {total.acknowledged}, all present and identical")
    print(f"  by kind: {dict(sorted(total.by_kind.items()))}")
    print(
        f"requests cut off by the kill: {total.unacknowledged_stored} stored whole, "
        f"{total.unacknowledged_absent} absent, 0 allowed half-stored"
    )
    print(f"records checked by digest: {total.records_checked}")
    fifth_s = args.max_traffic / 5
    bounds = [f"{fifth_s * n:.1f}-{fifth_s * (n + 1):.1f} s" for n in range(5)]
    print(
        "kill moments after the first answer: "
        + ", ".join(f"{bound}: {count}" for bound, count in zip(bounds, kill_moments, strict=True))
    )
    print(
        f"iterations whose kill cut a request off after its commit (stored, unanswered): "
        f"{cut_after_commit}; before its commit (absent): {cut_before_commit}"
    )
    print(f"ingest continues after the last kill: {continues}")
    print(f"violations: {len(total.problems)}")
    for problem in total.problems[:20]:
        print(f"  {problem}")
    return 0 if not total.problems and continues else 1


if __name__ == "__main__":
    sys.exit(main())
