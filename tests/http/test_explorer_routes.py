"""The explorer's routes: the HTML shell at every deep link, its assets, an offline GraphiQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from lineage.http.explorer import WEB_DIR
from lineage.store.embedded import EmbeddedStore
from tests.support.live_server import serve_store

VENDOR = WEB_DIR / "static" / "vendor"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[httpx.Client]:
    store = EmbeddedStore(tmp_path / "web.db")
    with serve_store(store) as served, httpx.Client(base_url=served.server.url) as http:
        yield http
    store.close()


@pytest.mark.parametrize(
    "path",
    ["/", "/chains/c", "/events/e-1", "/commits/a1b2c3d", "/pipelines/ns/name", "/applications/x"],
)
def test_every_deep_link_gets_the_shell(client: httpx.Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/static/js/main.js">' in response.text


def test_es_modules_are_served_as_javascript(client: httpx.Client) -> None:
    for path in ["/static/js/main.js", "/static/vendor/cytoscape/cytoscape.esm.min.mjs"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/javascript"), path


def test_unknown_asset_is_404(client: httpx.Client) -> None:
    assert client.get("/static/js/nope.js").status_code == 404


def test_graphiql_loads_nothing_from_elsewhere(client: httpx.Client) -> None:
    page = client.get("/graphql", headers={"accept": "text/html"}).text

    assert "/static/vendor/graphiql/graphiql.min.js" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page), "GraphiQL must not load from a CDN"
    for asset in re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", page):
        assert client.get(asset).status_code == 200, asset


def test_pages_have_no_inline_scripts_or_styles() -> None:
    for page in WEB_DIR.glob("*.html"):
        text = page.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {page.name}"
        assert "style=" not in text and "<style" not in text, f"inline style in {page.name}"
        assert not re.search(r"\son[a-z]+=", text), f"inline event handler in {page.name}"


def test_every_vendored_library_carries_its_licence() -> None:
    libraries = [d for d in VENDOR.iterdir() if d.is_dir()]

    assert {d.name for d in libraries} >= {"cytoscape", "elkjs", "graphiql", "react", "react-dom"}
    for library in libraries:
        assert any(f.name.startswith("LICENSE") for f in library.iterdir()), library.name
