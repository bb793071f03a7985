"""GraphiQL at /graphql renders and runs a query with every non-local request blocked."""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Route

from tests.web.conftest import ExplorerPage


def test_graphiql_works_offline(explorer: ExplorerPage) -> None:
    page = explorer.page
    outside: list[str] = []

    def only_local(route: Route) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    query = "{ chains(first: 1) { totalCount } }"
    page.goto(f"{explorer.base}/graphql?q={query}")
    page.wait_for_selector(".graphiql-container .graphiql-editors", timeout=15_000)
    page.locator(".graphiql-execute-button").click()
    page.wait_for_function(
        "() => document.querySelector('.graphiql-response')?.textContent.includes('totalCount')",
        timeout=15_000,
    )
    assert "Loading" not in page.locator("#graphiql").inner_text()
    explorer.screenshot("graphiql")
    assert outside == []
