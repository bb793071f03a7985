"""Browser tests of the explorer: Debian's Chromium driven by Playwright against a live server.

One browser for the session; one page per test. Every page records console errors, uncaught
exceptions and failed requests, and a test fails if any happened. Screenshots go to
$LINEAGE_SCREENSHOTS (default tests/web/screenshots/, gitignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright

from lineage.store.embedded import EmbeddedStore
from tests.support.live_server import ServedStore, serve_store
from tests.support.pipelines import IMAGE_6, LIVE_7, RELEASE_7, live_report, release_run
from tests.support.scenarios import DELIVERY, RELEASE, cdevent, ingest, pipeline
from tests.support.trace_scenarios import promotion

CHROMIUM = os.environ.get("LINEAGE_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("LINEAGE_SCREENSHOTS", Path(__file__).parent / "screenshots"))
READY_TIMEOUT_MS = 15_000
#: An open chain the live-update tests add events to (so other tests' chains stay as ingested).
LIVE_CHAIN = "chain-live"
#: A fan-out at n-a (joined at n-e) holding a fan-out at n-b1 (joined at n-d1).
NESTED_CHAIN = "chain-nested"
NESTED_STEPS = [
    ("n-a", []), ("n-b1", ["n-a"]), ("n-b2", ["n-a"]), ("n-c1", ["n-b1"]), ("n-c2", ["n-b1"]),
    ("n-d1", ["n-c1", "n-c2"]), ("n-e", ["n-d1", "n-b2"]),
]  # fmt: skip
#: A fan-out at m-split to a build and a (failed) test suite run, joined at m-join, and an
#: island of two events apart from it; every event at the same instant (a 0-second chain).
MIXED_CHAIN = "chain-mixed"
#: A line of 40 steps: too long to show whole at a readable size.
LONG_CHAIN = "chain-long"
#: A chain with more events than the explorer draws.
HUGE_CHAIN, HUGE_EVENTS = "chain-huge", 2001
#: A commit whose trace the live-update tests add a deployment to.
LIVE_SHA = "feedface" * 5
LIVE_PURL = "pkg:oci/payments@sha256%3A2222?repository_url=registry.example.com/acme"


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedStore]:
    """The scenario store (release fan-out, delivery, pipeline runs, a commit trace, live state)."""
    store = EmbeddedStore(tmp_path_factory.mktemp("web") / "scenario.db")
    ingest(store, [*RELEASE, *DELIVERY, *promotion()])
    steps = [("live-checkout", []), ("live-compile", ["live-checkout"])]
    steps.append(("live-bundle", ["live-compile"]))
    ingest(store, pipeline(LIVE_CHAIN, steps, end=False))
    ingest(store, promotion(LIVE_SHA, LIVE_PURL, tag="-live"))
    ingest(store, pipeline(NESTED_CHAIN, NESTED_STEPS))
    ingest(store, mixed_chain())
    long = [(f"long-{i}", [f"long-{i - 1}"] if i else []) for i in range(40)]
    ingest(store, pipeline(LONG_CHAIN, long))
    huge = [(f"huge-{i}", [f"huge-{i - 1}"] if i else []) for i in range(HUGE_EVENTS)]
    ingest(store, pipeline(HUGE_CHAIN, huge, end=False))
    ingest(store, [*release_run(6, 2, IMAGE_6, chain="chain-release-6"), *RELEASE_7])
    ingest(store, [
        live_report("dev", "2026-02-03T12:00:00Z", LIVE_7),
        live_report("staging", "2026-02-03T12:00:00Z", LIVE_7),
        live_report("prod", "2026-02-03T12:00:00Z", LIVE_7),
    ])  # fmt: skip
    with serve_store(store) as served_store:
        yield served_store
    store.close()


def mixed_chain() -> list[dict[str, Any]]:
    """MIXED_CHAIN's records."""
    at, src = "2026-02-02T09:00:00Z", "/ci/mixed"
    task, build = "dev.cdevents.taskrun.finished.0.2.0", "dev.cdevents.build.finished.0.2.0"
    suite = "dev.cdevents.testsuiterun.finished.0.2.0"
    steps = [
        ("m-split", task, [], "success"), ("m-build", build, ["m-split"], "success"),
        ("m-suite", suite, ["m-split"], "failure"),
        ("m-join", task, ["m-build", "m-suite"], "success"),
        ("m-island-a", task, [], "success"), ("m-island-b", task, ["m-island-a"], "success"),
    ]  # fmt: skip
    return [
        cdevent(event_id, event_type, at, source=src, subject=event_id, chain=MIXED_CHAIN,
                after=after, content={"outcome": outcome})
        for event_id, event_type, after, outcome in steps
    ]  # fmt: skip


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    """Playwright's driver, for the whole session."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """One headless Chromium for every test (Debian's; Playwright's download is not used)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's `chromium` (make test does)")
    instance = playwright_session.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    yield instance
    instance.close()


@dataclass
class Trouble:
    """What went wrong on a page: console errors, uncaught exceptions, failed requests."""

    problems: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        """Record console errors."""
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def request_failed(self, request: Request) -> None:
        """Record requests that failed. Downloads of blob: URLs are not requests that can fail, and
        a request the browser cancelled because the page navigated or reloaded (ERR_ABORTED, e.g.
        the favicon of a page being reloaded) did not fail: an error answer is recorded by
        `response`, a refused connection as ERR_CONNECTION_*."""
        if request.url.startswith("blob:") or request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def response(self, response: object) -> None:
        """Record HTTP errors."""
        status = getattr(response, "status", 200)
        if status >= 400:
            self.problems.append(f"HTTP {status}: {getattr(response, 'url', '?')}")


@dataclass
class ExplorerPage:
    """A browser page on the served explorer, with helpers the tests share."""

    page: Page
    base: str
    trouble: Trouble

    def open(self, path: str) -> Page:
        """Navigate to an app path and wait until the view says it is drawn."""
        self.page.goto(self.base + path)
        self.wait_ready()
        return self.page

    def wait_ready(self) -> None:
        """Wait for the view's ready signal (layout done, drawn)."""
        self.page.wait_for_selector("body[data-ready=true]", timeout=READY_TIMEOUT_MS)

    def screenshot(self, name: str) -> Path:
        """Save a screenshot of the page as an artifact."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def explorer(browser: Browser, served: ServedStore) -> Iterator[ExplorerPage]:
    """A fresh page (own context: no shared storage); fails the test on any page trouble."""
    context = browser.new_context(viewport={"width": 1440, "height": 860}, accept_downloads=True)
    page = context.new_page()
    trouble = Trouble()
    page.on("console", trouble.console)
    page.on("pageerror", lambda error: trouble.problems.append(f"uncaught: {error}"))
    page.on("requestfailed", trouble.request_failed)
    page.on("response", trouble.response)
    yield ExplorerPage(page, served.server.url, trouble)
    context.close()
    assert trouble.problems == [], "the page had trouble:\n" + "\n".join(trouble.problems)
