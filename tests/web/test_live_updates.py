"""Events POSTed while a view is open appear within 2 seconds, and drawn nodes stay put."""

from __future__ import annotations

import httpx

from tests.support.live_server import ServedStore
from tests.support.scenarios import cdevent
from tests.web.conftest import LIVE_CHAIN, LIVE_PURL, LIVE_SHA, ExplorerPage

POSITIONS = "() => Object.fromEntries(window.__explorerCy.nodes().map(n => [n.id(), n.position()]))"


def test_a_posted_event_appears_in_the_open_chain(
    explorer: ExplorerPage, served: ServedStore
) -> None:
    page = explorer.open(f"/chains/{LIVE_CHAIN}")
    page.wait_for_selector(".live.on")
    before = page.evaluate(POSITIONS)
    event = cdevent(
        "publish", "dev.cdevents.artifact.published.0.2.0", "2026-02-02T08:05:00Z",
        source="/ci/tekton", subject="pkg:oci/app@sha256%3Aabc", chain=LIVE_CHAIN,
        after=["live-bundle"],
    )  # fmt: skip
    response = httpx.post(f"{served.server.url}/events", json=event)
    assert response.status_code < 300, response.text

    page.wait_for_selector('[data-node-id="publish"]', timeout=2_000)
    explorer.wait_ready()
    after = page.evaluate(POSITIONS)
    for node_id in ("live-checkout", "live-compile", "live-bundle"):
        assert after[node_id] == before[node_id], f"{node_id} moved"
    assert after["publish"]["x"] > after["live-bundle"]["x"]
    explorer.screenshot("chain-live")


def test_a_posted_deployment_appears_in_the_open_commit_view(
    explorer: ExplorerPage, served: ServedStore
) -> None:
    page = explorer.open(f"/commits/{LIVE_SHA}")
    page.wait_for_selector(".live.on")
    event = cdevent(
        "canary", "dev.cdevents.service.deployed.0.3.0", "2026-01-06T09:00:00Z",
        source="/cd/argocd", subject="payments", chain="chain-promotion-live", after=["dev-live"],
        content={"environment": {"id": "canary"}, "artifactId": LIVE_PURL},
    )  # fmt: skip
    response = httpx.post(f"{served.server.url}/events", json=event)
    assert response.status_code < 300, response.text
    page.wait_for_selector('[data-other-id="lane:canary"]', timeout=2_000)
