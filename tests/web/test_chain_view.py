"""The chain view: a layered DAG whose fan groups fold and unfold in place."""

from __future__ import annotations

from playwright.sync_api import Page, Route

from tests.support.scenarios import RELEASE_CHAIN
from tests.web.conftest import HUGE_CHAIN, LONG_CHAIN, MIXED_CHAIN, NESTED_CHAIN, ExplorerPage

FAN_SOURCE = "static-analysis"
BRANCH_EVENTS = {f"{step}-{os}" for step in ("build", "test") for os in ("mac", "sles", "windows")}


Box = dict[str, float]
BOX = """ids => {
  const cy = window.__explorerCy;
  const nodes = cy.collection(ids.map(id => cy.getElementById(id)));
  return nodes.boundingBox({ includeLabels: false, includeOverlays: false });
}"""


def box(page: Page, *node_ids: str) -> Box:
    """The drawn bounding box (x1, y1, x2, y2) of some nodes, in model coordinates."""
    return dict(page.evaluate(BOX, list(node_ids)))


def inside(inner: Box, outer: Box) -> bool:
    """Is `inner` within `outer`?"""
    return bool(outer["x1"] <= inner["x1"] and inner["x2"] <= outer["x2"]
                and outer["y1"] <= inner["y1"] and inner["y2"] <= outer["y2"])  # fmt: skip


def overlap(a: Box, b: Box) -> bool:
    """Do two boxes overlap?"""
    return bool(a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"])


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
    assert page.locator(".canvas").get_attribute("data-layout") == "elk"
    assert inside(box(page, "n-c1"), box(page, "fan:n-b1"))
    assert inside(box(page, "fan:n-b1"), box(page, "fan:n-a"))
    assert not inside(box(page, "n-b2"), box(page, "fan:n-b1"))
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


def test_a_failing_elk_layout_falls_back_to_the_in_page_one(explorer: ExplorerPage) -> None:
    def broken_elk(route: Route) -> None:
        script = "self.onmessage = e => self.postMessage({id: e.data.id, error: {message: 'no'}});"
        route.fulfill(body=script, content_type="text/javascript")

    explorer.page.route("**/elk-worker.min.js", broken_elk)
    page = explorer.open(f"/chains/{NESTED_CHAIN}?open=n-a,n-b1")
    assert page.locator(".canvas").get_attribute("data-layout") == "in-page (ELK failed)"
    path = ("n-a", "n-b1", "n-c1", "n-d1", "n-e")
    xs = [box(page, node)["x1"] for node in path]
    assert xs == sorted(xs) and len(set(xs)) == 5, "layered left to right"


def test_a_flat_chain_is_laid_out_in_the_page_without_elk(explorer: ExplorerPage) -> None:
    elk_requests: list[str] = []
    explorer.page.on("request", lambda r: elk_requests.append(r.url) if "elk-" in r.url else None)
    page = explorer.open(f"/chains/{RELEASE_CHAIN}?open={FAN_SOURCE}")
    assert page.locator(".canvas").get_attribute("data-layout") == "in-page"
    assert elk_requests == []
    x = {node: box(page, node)["x1"] for node in ("static-analysis", *BRANCH_EVENTS, "promote")}
    for os in ("mac", "sles", "windows"):
        assert x["static-analysis"] < x[f"build-{os}"] < x[f"test-{os}"] < x["promote"]
    builds = sorted(box(page, f"build-{os}")["y1"] for os in ("mac", "sles", "windows"))
    assert builds[1] - builds[0] >= 40 and builds[2] - builds[1] >= 40, "branches one above another"
    fan = box(page, f"fan:{FAN_SOURCE}")
    assert all(inside(box(page, node), fan) for node in BRANCH_EVENTS)
    outside = ("static-analysis", "promote", "deliver")
    assert not any(overlap(box(page, node), fan) for node in outside)


def test_a_mixed_fan_says_what_its_branches_are_and_islands_stay_apart(
    explorer: ExplorerPage,
) -> None:
    page = explorer.open(f"/chains/{MIXED_CHAIN}")
    label = "1\N{MULTIPLICATION SIGN} build + 1\N{MULTIPLICATION SIGN} testSuiteRun · 1✗ 1✓"
    assert label in page.locator('[data-fan-group="m-split"]').inner_text()
    fold_label = "() => window.__explorerCy.getElementById('fold:m-split').data('label')"
    assert page.evaluate(fold_label) == label.replace(" · ", "\n"), "marks on a line of their own"
    bar = page.locator('[data-fan-group="m-split"] .statusbar').get_attribute("aria-label")
    assert bar == "1 failed, 1 succeeded"
    explorer.screenshot("chain-mixed")

    page.locator('[data-fan-group="m-split"] button.toggle').click()
    island = box(page, "m-island-a", "m-island-b")
    main = box(page, "m-split", "m-build", "m-suite", "m-join")
    assert island["y1"] - main["y2"] >= 60 or main["y1"] - island["y2"] >= 60, "islands apart"


def test_durations_read_like_a_person_wrote_them(explorer: ExplorerPage) -> None:
    page = explorer.open(f"/chains/{MIXED_CHAIN}")
    duration = page.locator(".view-head .facts div", has=page.locator("dt", has_text="duration"))
    assert duration.locator("dd").inner_text() == "0 s"
    page.locator('[data-action="critical"]').click()
    page.wait_for_function("() => document.querySelector('.toolbar .note').textContent")
    assert page.locator(".toolbar .note").inner_text().startswith("critical path: 0 s")
    script = """async (values) => {
      const { fmtDuration } = await import('/static/js/dom.js');
      return values.map((v) => fmtDuration(v));
    }"""
    values = [None, 0, 0.85, 4.24, 42, 125, 3600, 3720, 90000]
    assert page.evaluate(script, values) == [
        "—", "0 s", "850 ms", "4.2 s", "42 s", "2 min 5 s", "1 h", "1 h 2 min", "1 d 1 h",
    ]  # fmt: skip


def test_inferred_links_are_dashed_and_can_be_hidden(explorer: ExplorerPage) -> None:
    page = explorer.open("/chains/chain-promotion")
    inferred = "() => window.__explorerCy.edges('.inferred').filter(e => e.visible()).length"
    assert page.evaluate(inferred) > 0
    assert page.evaluate("() => window.__explorerCy.edges('.inferred')[0].style('line-style')") == (
        "dashed"
    )
    page.locator('[data-action="inferred"]').click()
    assert page.evaluate(inferred) == 0


def test_a_long_chain_opens_readable_at_its_start_and_fit_shows_it_all(
    explorer: ExplorerPage,
) -> None:
    page = explorer.open(f"/chains/{LONG_CHAIN}")
    assert page.evaluate("() => window.__explorerCy.zoom()") >= 0.8, "labels readable"
    on_screen = """id => {
      const cy = window.__explorerCy, p = cy.getElementById(id).renderedPosition();
      return p.x >= 0 && p.x <= cy.width() && p.y >= 0 && p.y <= cy.height();
    }"""
    assert page.evaluate(on_screen, "long-0"), "the START is in view"
    assert not page.evaluate(on_screen, "long-39")
    explorer.screenshot("chain-long")

    page.locator("button", has_text="Fit").click()
    assert page.evaluate(on_screen, "long-0") and page.evaluate(on_screen, "long-39")
