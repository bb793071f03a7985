"""Every view draws the scenario data, takes deep links, and the search box jumps to views."""

from __future__ import annotations

import pytest

from tests.support.pipelines import APP
from tests.support.scenarios import DELIVERY_CHAIN, RELEASE_CHAIN
from tests.support.trace_scenarios import SHA
from tests.web.conftest import ExplorerPage


def test_home_lists_recent_chains_and_filters_them(explorer: ExplorerPage) -> None:
    page = explorer.open("/")
    rows = page.locator("tr[data-chain-id]")
    ids = set(rows.evaluate_all("rows => rows.map(r => r.dataset.chainId)"))
    assert {RELEASE_CHAIN, DELIVERY_CHAIN} <= ids
    explorer.screenshot("home")

    page.locator("select[name=complete]").select_option("false")
    page.locator("form.filters button[type=submit]").click()
    explorer.wait_ready()
    assert "complete=false" in page.url
    page.reload()
    explorer.wait_ready()
    assert page.locator("select[name=complete]").input_value() == "false"
    remaining = set(rows.evaluate_all("rows => rows.map(r => r.dataset.chainId)"))
    assert RELEASE_CHAIN not in remaining


def test_event_focus_draws_levels_and_expands_lazily(explorer: ExplorerPage) -> None:
    page = explorer.open("/events/static-analysis?up=0&down=1")
    drawn = set(page.eval_on_selector_all("[data-node-id]", "e => e.map(x => x.dataset.nodeId)"))
    assert drawn == {"static-analysis", "build-mac", "build-sles", "build-windows"}
    explorer.screenshot("event-focus")

    page.locator('[data-node-id="build-mac"] button.toggle').click()
    page.wait_for_selector('[data-node-id="test-mac"]')
    explorer.wait_ready()
    assert page.locator('[data-node-id="build-mac"] button.toggle').count() == 0


def test_event_focus_caps_a_wide_level(explorer: ExplorerPage) -> None:
    page = explorer.open("/events/static-analysis?up=0&down=1&cap=2")
    assert page.locator("[data-other-id='more:1']").inner_text().startswith("+1 more")
    assert page.locator("[data-node-id]").count() == 3


def test_commit_view_shows_swimlanes_in_promotion_order(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/commits/{SHA[:7]}")
    script = "e => e.map(x => x.dataset.otherId)"
    lanes = page.eval_on_selector_all("[data-other-id^='lane:']", script)
    assert lanes == ["lane:dev", "lane:staging", "lane:prod"]
    fills = """() => {
      const cy = window.__explorerCy;
      const bands = cy.nodes('.band').renderedBoundingBox().w;
      return { zoom: cy.zoom(), bands, canvas: cy.width() };
    }"""
    drawn = page.evaluate(fills)
    assert drawn["zoom"] >= 0.9, "lanes drawn at about full size, not shrunk into the canvas"
    assert drawn["bands"] >= 0.85 * drawn["canvas"], "the lanes span the canvas"
    explorer.screenshot("commit-lanes")
    page.locator('[data-node-id="dev"] .row').click()
    page.locator(".details [data-action=path]").click()
    explorer.wait_ready()
    path_nodes = page.evaluate("() => window.__explorerCy.nodes('[id ^= \"path:\"]').length")
    assert path_nodes >= 3
    explorer.screenshot("commit")


def test_pipeline_view_shows_stages_and_environments(explorer: ExplorerPage) -> None:
    page = explorer.open("/pipelines/payments-release-7")
    outline = page.locator(".outline").inner_text()
    for name in ("stage build", "1. dev", "2. staging", "3. prod"):
        assert name in outline
    assert "failed" in page.locator(".view-head").inner_text()
    explorer.screenshot("pipeline")


def test_application_view_shows_drift_and_live_state(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/applications/{APP}")
    prod = page.locator("article.card[data-target=prod]")
    assert "drift" in prod.inner_text()
    assert "in sync" in page.locator("article.card[data-target=dev]").inner_text()
    explorer.screenshot("application")


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (RELEASE_CHAIN, f"/chains/{RELEASE_CHAIN}"),
        (SHA[:8], f"/commits/{SHA}"),
        ("build-sles", "/events/build-sles"),
        ("payments-release-7", "/pipelines/payments-release-7"),
    ],
)
def test_search_jumps_to_the_view(explorer: ExplorerPage, text: str, path: str) -> None:
    page = explorer.open("/")
    page.locator("#search-text").fill(text)
    page.locator("#search-text").press("Enter")
    page.wait_for_url(f"**{path}*")
    explorer.wait_ready()
    assert "error" not in (page.locator("main").get_attribute("class") or "")


def test_search_prefers_a_view_and_lists_the_other_hits(explorer: ExplorerPage) -> None:
    page = explorer.open("/")
    page.locator("#search-text").fill(APP)  # the application, and the service subject
    page.locator("#search-text").press("Enter")
    page.wait_for_url(f"**/applications/{APP}")
    explorer.wait_ready()
    other = page.locator("#search-result a", has_text="subject")
    assert other.count() == 1
    other.click()
    page.wait_for_url("**/events/**")
    explorer.wait_ready()


def test_unknown_ids_say_so(explorer: ExplorerPage) -> None:
    page = explorer.open("/chains/no-such-chain")
    assert 'No chain with id "no-such-chain"' in page.locator("[role=alert]").inner_text()


def test_details_panel_explains_fields_with_the_schema_descriptions(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/chains/{RELEASE_CHAIN}?select=promote")
    chain_label = page.locator(".details dt", has_text="chain")
    page.wait_for_function("() => document.querySelector('.details dt.documented')")
    assert chain_label.get_attribute("title")
