"""Load benchmark: sustained mixed load on `lineage serve`, then three times that rate.

    python bench/bench_load.py                       # calibrate, 60 s sustained, 30 s at 3x
    python bench/bench_load.py --rate 40 --sustain 60 --overload 30

Starts `lineage serve` on a fresh temporary store (loopback only), seeds it with a few demo
chains, then drives an open-loop mix with asyncio + httpx: 60% single CDEvents (`POST /events`),
10% batches of 100 CDEvents, 30% GraphQL reads (`chains` list and one `chain`). The sustainable
rate is half the throughput a 10 s closed-loop calibration reaches (unless `--rate` is given).
Phase 1 runs that rate for `--sustain` s and reports p50/p99 latency per operation, the error
count (target 0) and the server's peak RSS. Phase 2 runs 3x the rate for `--overload` s; there
only 2xx, and 429/503 carrying `Retry-After`, may appear. Everything is bounded in time and in
requests in flight; the script stops by itself and exits 1 if either phase breaks its promise.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lineage.demo import demo_records  # noqa: E402
from tests.support.crash_harness import free_port  # noqa: E402

CHAINS_QUERY = "query { chains(first: 20) { totalCount edges { node { id eventCount } } } }"
CHAIN_QUERY = "query($id: ID!) { chain(id: $id) { id eventCount events { id type } } }"
MAX_OUTSTANDING = 2000
TIMEOUT_S = 30.0


@dataclass
class Phase:
    """What one phase saw."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    sent: int = 0
    dropped: int = 0


def _event(n: int) -> dict[str, Any]:
    return {
        "context": {
            "specversion": "0.5.1",
            "id": f"load-{n}",
            "source": "/load/ci",
            "type": "dev.cdevents.build.finished.0.2.0",
            "timestamp": f"2026-04-01T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z",
            "chainId": f"load-chain-{n // 50}",
        },
        "subject": {"id": f"build-{n}", "source": "/load/ci", "content": {"n": n}},
    }


class Load:
    """The request mix, each request with fresh ids."""

    def __init__(self, chain_ids: list[str]) -> None:
        self.counter = 0
        self.chain_ids = chain_ids
        self.rng = random.Random(1)

    def next(self) -> tuple[str, str, bytes, dict[str, str]]:
        """(operation, path, body, headers) of the next request."""
        roll = self.rng.random()
        json_type = {"content-type": "application/json"}
        if roll < 0.6:
            self.counter += 1
            return "event", "/events", orjson.dumps(_event(self.counter)), json_type
        if roll < 0.7:
            start = self.counter + 1
            self.counter += 100
            batch = [_event(n) for n in range(start, start + 100)]
            return "batch100", "/events", orjson.dumps(batch), json_type
        if roll < 0.85 or not self.chain_ids:
            body = orjson.dumps({"query": CHAINS_QUERY})
            return "graphql_chains", "/graphql", body, json_type
        variables = {"id": self.rng.choice(self.chain_ids)}
        body = orjson.dumps({"query": CHAIN_QUERY, "variables": variables})
        return "graphql_chain", "/graphql", body, json_type


async def _one(client: httpx.AsyncClient, load: Load, phase: Phase, overload: bool) -> None:
    operation, path, body, headers = load.next()
    started = time.perf_counter()
    connected: list[str] = []

    async def trace(name: str, info: dict[str, Any]) -> None:
        if name.startswith("connection.connect_tcp"):
            connected.append(name)

    try:
        response = await client.post(
            path, content=body, headers=headers, extensions={"trace": trace}
        )
    except httpx.HTTPError as exc:
        reused = not connected  # no TCP connect: the request went out on a pooled connection
        kind = "reused-connection" if reused else "new-connection"
        phase.statuses[f"transport-error ({kind})"] += 1
        phase.errors.append(
            f"{operation}: {type(exc).__name__} {exc!r} cause={exc.__cause__!r} on a {kind}"
        )
        return
    elapsed = time.perf_counter() - started
    status = response.status_code
    phase.statuses[str(status)] += 1
    if 200 <= status < 300:
        if path == "/graphql" and response.json().get("errors"):
            phase.errors.append(f"{operation}: GraphQL errors {response.text[:200]}")
        phase.latencies.setdefault(operation, []).append(elapsed)
    elif overload and status in (429, 503) and response.headers.get("retry-after"):
        pass  # allowed when overloaded: the sender is told to come back
    else:
        phase.errors.append(f"{operation}: {status} {response.text[:200]}")


async def _run(url: str, load: Load, rate: float, seconds: float, overload: bool) -> Phase:
    """Open loop: start a request every 1/rate s for `seconds`, at most MAX_OUTSTANDING open."""
    phase = Phase()
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT_S, limits=limits) as client:
        tasks: set[asyncio.Task[None]] = set()
        start = time.perf_counter()
        n = 0
        while (now := time.perf_counter() - start) < seconds:
            due = int(now * rate)
            while n < due:
                n += 1
                if len(tasks) >= MAX_OUTSTANDING:
                    phase.dropped += 1  # the client will not queue without bound
                    continue
                task = asyncio.create_task(_one(client, load, phase, overload))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                phase.sent += 1
            await asyncio.sleep(0.002)
        if tasks:
            _, pending = await asyncio.wait(set(tasks), timeout=TIMEOUT_S + 5)
            # Still unanswered: give up on them here, counted as such, rather than closing the
            # client under them (that surfaces as httpx ReadError(ClosedResourceError), which
            # looks like a connection the server dropped but is the client's own close).
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            if pending:
                phase.statuses[f"unanswered after {TIMEOUT_S + 5:.0f} s"] += len(pending)
                phase.errors.insert(
                    0,
                    f"{len(pending)} requests unanswered {TIMEOUT_S + 5:.0f} s "
                    "after the phase ended (client gave up)",
                )
    return phase


async def _calibrate(url: str, load: Load, seconds: float, workers: int = 8) -> float:
    """Closed loop with `workers` clients: requests per second the server completes."""
    phase = Phase()
    deadline = time.perf_counter() + seconds
    async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT_S) as client:

        async def worker() -> None:
            while time.perf_counter() < deadline:
                await _one(client, load, phase, overload=True)

        await asyncio.gather(*(worker() for _ in range(workers)))
    return sum(phase.statuses.values()) / seconds


def lineage_command() -> list[str]:
    """The `lineage` entry point of the running interpreter's environment."""
    script = Path(sys.executable).with_name("lineage")
    return [str(script)] if script.exists() else [sys.executable, "-m", "lineage.cli.main"]


def _rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def _sample_rss(pid: int, peak: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], _rss_mib(pid))
        await asyncio.sleep(0.5)


async def _phase_with_rss(
    url: str, pid: int, load: Load, rate: float, seconds: float, overload: bool
) -> tuple[Phase, float]:
    peak = [0.0]
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(pid, peak, stop))
    phase = await _run(url, load, rate, seconds, overload)
    stop.set()
    await sampler
    return phase, peak[0]


def _report(name: str, rate: float, seconds: float, phase: Phase, rss: float) -> None:
    print(f"\n{name}: {rate:.0f} requests/s offered for {seconds:.0f} s, {phase.sent} sent")
    for operation, values in sorted(phase.latencies.items()):
        values.sort()
        p50 = statistics.median(values) * 1000
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))] * 1000
        print(f"  {operation:15} n={len(values):6}  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms")
    print(f"  statuses: {dict(sorted(phase.statuses.items()))}")
    print(f"  errors: {len(phase.errors)}  client-side dropped: {phase.dropped}")
    transport = [error for error in phase.errors if "-connection" in error]
    for error in [*transport[:5], *[e for e in phase.errors if e not in transport][:5]]:
        print(f"    {error}")
    print(f"  server peak RSS: {rss:.0f} MiB")


def _seed(url: str) -> list[str]:
    """A few demo chains to read; returns their ids."""
    records = list(demo_records(chains=20, seed=3))
    for start in range(0, len(records), 500):
        response = httpx.post(
            f"{url}/events", content=orjson.dumps(records[start : start + 500]), timeout=120
        )
        if response.status_code >= 500:
            raise SystemExit(f"seeding failed: {response.status_code} {response.text[:300]}")
    answer = httpx.post(f"{url}/graphql", json={"query": CHAINS_QUERY}, timeout=60).json()
    return [edge["node"]["id"] for edge in answer["data"]["chains"]["edges"]]


def main() -> int:
    """Run the two phases and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, help="sustained requests/s (default: calibrated)")
    parser.add_argument("--sustain", type=float, default=60.0, help="seconds of phase 1")
    parser.add_argument("--overload", type=float, default=30.0, help="seconds of phase 2 (3x)")
    parser.add_argument("--calibrate", type=float, default=10.0, help="seconds of calibration")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    port = free_port()
    server = subprocess.Popen(
        [*lineage_command(), "serve", "--store", str(folder / "load.db"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/healthz/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("lineage serve did not start")
            time.sleep(0.1)
        load = Load(_seed(url))
        rate = args.rate or asyncio.run(_calibrate(url, load, args.calibrate)) / 2
        print(f"sustainable rate: {rate:.1f} requests/s" + ("" if args.rate else " (calibrated)"))
        steady, steady_rss = asyncio.run(
            _phase_with_rss(url, server.pid, load, rate, args.sustain, overload=False)
        )
        _report("sustained", rate, args.sustain, steady, steady_rss)
        over, over_rss = asyncio.run(
            _phase_with_rss(url, server.pid, load, 3 * rate, args.overload, overload=True)
        )
        _report("3x overload", 3 * rate, args.overload, over, over_rss)
    finally:
        server.terminate()
        server.wait(30)
    ok = not steady.errors and not over.errors
    print("\nOK" if ok else "\nFAILED: see errors above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
