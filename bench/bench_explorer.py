"""Benchmark the explorer in headless Chromium: time from navigation to "drawn".

    python bench/bench_explorer.py               # 7 runs of each, median and max
    python bench/bench_explorer.py --runs 15

Builds an embedded store with a 100-event chain (20 segments of 5 events, each a step that fans
out to three branches joined by the next event: 20 fan groups) and a 2,000-event tree (a root
with 200 children, each the head of a 9-step line: 10 levels of 200). Serves it with uvicorn in
a thread and drives Debian's Chromium with Playwright. Measures, with a warm browser cache, the
view's own signal (`window.__explorerReadyAt`: performance.now() when layout is done and the
next frame painted, i.e. milliseconds since navigation start):

- the chain view of the 100-event chain (query, layout, drawing; its fan groups start folded);
- the event view `/events/<root>?up=0&down=10` of the tree: 2,000 nodes drawn;
- unfolding one fan group in the chain view, from the click to the next frame after redrawing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from lineage.ingest import Ingestor, SourceRecord  # noqa: E402
from lineage.store.embedded import EmbeddedStore  # noqa: E402
from tests.support.live_server import serve_store  # noqa: E402
from tests.support.scenarios import cdevent, start_link  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHAIN = "bench-chain-100"
TREE_ROOT = "tree-root"
SEGMENTS = 20
TREE_WIDTH, TREE_DEPTH = 200, 10
EXPAND = """() => new Promise((resolve) => {
  const started = performance.now();
  const done = () => requestAnimationFrame(() => resolve(performance.now() - started));
  document.addEventListener("explorer:ready", done, { once: true });
  document.querySelector("[data-fan-group][aria-expanded=false] button.toggle").click();
})"""


def _ts(second: int) -> str:
    return f"2026-03-01T{8 + second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z"


def chain_records() -> list[dict[str, Any]]:
    """100 events: 20 times a task run that fans out to 3 builds, joined by a test run."""
    # the next segment's task run follows the test run, so each segment is one fan group
    ci = "/ci/bench"
    records: list[dict[str, Any]] = [start_link(CHAIN, "seg0-split", _ts(0))]
    previous: list[str] = []
    t = 0
    for s in range(SEGMENTS):
        split = f"seg{s}-split"
        records.append(cdevent(split, "dev.cdevents.taskrun.finished.0.2.0", _ts(t), source=ci,
                               subject=f"task-{s}", chain=CHAIN, after=previous,
                               content={"outcome": "success"}))  # fmt: skip
        branches = []
        for b in range(3):
            branch = f"seg{s}-build{b}"
            branches.append(branch)
            outcome = "failure" if (s + b) % 7 == 0 else "success"
            records.append(cdevent(branch, "dev.cdevents.build.finished.0.2.0", _ts(t + 10 + b),
                                   source=ci, subject=f"build-{s}-{b}", chain=CHAIN, after=[split],
                                   content={"outcome": outcome}))  # fmt: skip
        join = f"seg{s}-join"
        last = s == SEGMENTS - 1
        records.append(cdevent(join, "dev.cdevents.testsuiterun.finished.0.2.0", _ts(t + 30),
                               source=ci, subject=f"suite-{s}", chain=CHAIN, after=branches,
                               end_after=branches[0] if last else None))  # fmt: skip
        previous = [join]
        t += 60
    return records


def tree_records() -> list[dict[str, Any]]:
    """A root, 200 children, and a line of 9 more under each: 2,000 events below the root."""
    src = "/ci/tree"
    records = [cdevent(TREE_ROOT, "dev.cdevents.pipelinerun.started.0.2.0", _ts(0), source=src,
                       subject="tree", chain="tree")]  # fmt: skip
    for w in range(TREE_WIDTH):
        parent = TREE_ROOT
        for d in range(TREE_DEPTH):
            node = f"tree-{w}-{d}"
            records.append(cdevent(node, "dev.cdevents.taskrun.finished.0.2.0", _ts(1 + d),
                                   source=src, subject=f"t-{w}-{d}", chain="tree", after=[parent],
                                   content={"outcome": "success"}))  # fmt: skip
            parent = node
    return records


def ready_ms(page: Page, url: str) -> float:
    """Navigate and return the view's ready time, in ms since navigation start."""
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    return float(page.evaluate("() => window.__explorerReadyAt"))


def summary(name: str, values: list[float], target: float) -> str:
    """One line: median, max, target."""
    median = statistics.median(values)
    verdict = "ok" if median <= target else "MISSES"
    worst = max(values)
    numbers = f"median {median:7.1f} ms  max {worst:7.1f} ms  target <= {target:.0f} ms"
    return f"{name:<34} {numbers}  {verdict}"


def main() -> None:
    """Build the store, serve it, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "bench.db")
        records = chain_records() + tree_records()
        Ingestor(store).ingest(SourceRecord(f"bench:{i}", r) for i, r in enumerate(records))
        with serve_store(store) as served, sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            base = served.server.url
            chain_url = f"{base}/chains/{CHAIN}"
            tree_url = f"{base}/events/{TREE_ROOT}?up=0&down={TREE_DEPTH}"
            ready_ms(page, chain_url)  # warm the cache (scripts)
            chain = [ready_ms(page, chain_url) for _ in range(args.runs)]
            drawn = page.evaluate("() => window.__explorerCy.nodes().length")
            expand = []
            for _ in range(args.runs):
                ready_ms(page, chain_url)
                expand.append(float(page.evaluate(EXPAND)))
            ready_ms(page, tree_url)
            tree = [ready_ms(page, tree_url) for _ in range(args.runs)]
            tree_nodes = page.evaluate("() => window.__explorerCy.nodes().length")
            browser.close()
        store.close()
    print(f"chain: {drawn} nodes drawn (100 events, {SEGMENTS} fan groups folded)")
    print(f"tree: {tree_nodes} nodes drawn")
    print(summary("chain view, 100 events", chain, 500))
    print(summary(f"event view, {tree_nodes}-node traverse", tree, 3000))
    print(summary("unfold one fan group", expand, 200))


if __name__ == "__main__":
    main()
