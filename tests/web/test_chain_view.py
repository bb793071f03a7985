"""The chain view: a layered DAG whose fan groups fold and unfold in place."""

from __future__ import annotations

from playwright.sync_api import Route

from tests.support.scenarios import RELEASE_CHAIN
from tests.web.conftest import HUGE_CHAIN, NESTED_CHAIN, ExplorerPage

FAN_SOURCE = "static-analysis"
BRANCH_EVENTS = {f"{step}-{os}" for step in ("build", "test") for os in ("mac", "sles", "windows")}


def drawn_node_ids(explorer: ExplorerPage) -> set[str]:
    """The event ids the outline lists (every drawn event has one entry)."""
    script = "els => els.map(e => e.dataset.nodeId)"
    return set(explorer.page.eval_on_selector_all("[data-node-id]", script))


def test_chain_draws_every_event_and_folds_the_fan_group(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/chains/{RELEASE_CHAIN}")
    group = page.locator(f'[data-fan-group="{FAN_SOURCE}"]')
    assert group.get_attribute("aria-expanded") == "false"
    assert "3\N{MULTIPLICATION SIGN} build" in group.inner_text()
    assert drawn_node_ids(explorer) == {"static-analysis", "promote", "deliver"}
    explorer.screenshot("chain-folded")

    group.locator("button.toggle").click()
    assert group.get_attribute("aria-expanded") == "true"
    assert drawn_node_ids(explorer) == {"static-analysis", "promote", "deliver", *BRANCH_EVENTS}
    drawn = page.evaluate("() => window.__explorerCy.nodes(':visible').map(n => n.id())")
    assert set(drawn) >= BRANCH_EVENTS
    explorer.screenshot("chain-unfolded")

    group.locator("button.toggle").click()
    assert group.get_attribute("aria-expanded") == "false"
    assert drawn_node_ids(explorer) == {"static-analysis", "promote", "deliver"}


def test_keyboard_unfolds_a_group_from_the_outline(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/chains/{RELEASE_CHAIN}")
    group = page.locator(f'[data-fan-group="{FAN_SOURCE}"]')
    group.focus()
    page.keyboard.press("ArrowRight")
    assert page.locator(f'[data-fan-group="{FAN_SOURCE}"]').get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.dataset.nodeId")
    assert focused in BRANCH_EVENTS


def test_deep_link_reloads_to_the_same_state(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/chains/{RELEASE_CHAIN}")
    page.locator(f'[data-fan-group="{FAN_SOURCE}"] button.toggle').click()
    page.locator('[data-node-id="build-sles"] .row').click()
    assert "build-sles" in page.locator(".details").inner_text()
    page.locator('[data-action="inferred"]').click()
    url = page.url
    assert "open=static-analysis" in url and "select=build-sles" in url and "inferred=hide" in url

    page.reload()
    explorer.wait_ready()
    assert page.locator(f'[data-fan-group="{FAN_SOURCE}"]').get_attribute("aria-expanded") == "true"
    assert page.locator('[data-node-id="build-sles"]').get_attribute("aria-selected") == "true"
    assert "build-sles" in page.locator(".details").inner_text()
    assert page.locator('[data-action="inferred"]').get_attribute("aria-pressed") == "false"


def test_png_export_downloads_an_image(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/chains/{RELEASE_CHAIN}")
    with page.expect_download() as download_info:
        page.locator('[data-action="png"]').click()
    path = download_info.value.path()
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 1000
    assert download_info.value.suggested_filename == f"chain-{RELEASE_CHAIN}.png"


def test_nested_fan_groups_nest_in_the_outline_and_the_drawing(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/chains/{NESTED_CHAIN}")
    assert drawn_node_ids(explorer) == {"n-a", "n-e"}
    assert page.locator('[data-fan-group="n-b1"]').count() == 0

    page.locator('[data-fan-group="n-a"] button.toggle').first.click()
    inner = page.locator('[data-fan-group="n-a"] [data-fan-group="n-b1"]')
    assert inner.get_attribute("aria-expanded") == "false"
    assert drawn_node_ids(explorer) == {"n-a", "n-b1", "n-b2", "n-d1", "n-e"}

    inner.locator("button.toggle").click()
    assert drawn_node_ids(explorer) == {"n-a", "n-b1", "n-b2", "n-c1", "n-c2", "n-d1", "n-e"}
    parent_of = "id => window.__explorerCy.getElementById(id).parent().id()"
    parent, grandparent = page.evaluate(parent_of, "n-c1"), page.evaluate(parent_of, "fan:n-b1")
    assert (parent, grandparent) == ("fan:n-b1", "fan:n-a")
    explorer.screenshot("chain-nested")

    page.locator('[data-fan-group="n-a"] > .row button.toggle').click()
    assert drawn_node_ids(explorer) == {"n-a", "n-e"}


def test_critical_path_is_highlighted(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/chains/{RELEASE_CHAIN}?open={FAN_SOURCE}")
    page.locator('[data-action="critical"]').click()
    page.wait_for_function("() => window.__explorerCy.nodes('.critical').length > 0")
    critical = set(page.evaluate("() => window.__explorerCy.nodes('.critical').map(n => n.id())"))
    assert {"static-analysis", "promote", "deliver"} <= critical
    assert "critical path" in page.locator(".toolbar").inner_text()
    assert "critical=1" in page.url
    explorer.screenshot("chain-critical")


def test_a_chain_too_large_to_draw_says_so(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/chains/{HUGE_CHAIN}")
    assert "too large to draw" in page.locator(".canvas-message").inner_text()
    assert page.evaluate("() => window.__explorerCy.nodes().length") == 0


def test_a_failing_layout_falls_back_to_a_simple_one(explorer: ExplorerPage) -> None:
    def broken_elk(route: Route) -> None:
        script = "self.onmessage = e => self.postMessage({id: e.data.id, error: {message: 'no'}});"
        route.fulfill(body=script, content_type="text/javascript")

    explorer.page.route("**/elk-worker.min.js", broken_elk)
    page = explorer.open(f"/chains/{RELEASE_CHAIN}?open={FAN_SOURCE}")
    x = "id => window.__explorerCy.getElementById(id).position().x"
    path = ("static-analysis", "build-mac", "test-mac", "promote")
    xs = [page.evaluate(x, node) for node in path]
    assert xs == sorted(xs) and len(set(xs)) == 4, "layered left to right"


def test_inferred_links_are_dashed_and_can_be_hidden(explorer: ExplorerPage) -> None:
    page = explorer.open("/chains/chain-promotion")
    inferred = "() => window.__explorerCy.edges('.inferred').filter(e => e.visible()).length"
    assert page.evaluate(inferred) > 0
    assert page.evaluate("() => window.__explorerCy.edges('.inferred')[0].style('line-style')") == (
        "dashed"
    )
    page.locator('[data-action="inferred"]').click()
    assert page.evaluate(inferred) == 0
