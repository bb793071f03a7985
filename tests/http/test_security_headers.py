"""Every HTTP response carries the security headers; the CSP is strict and chosen by path."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from lineage.http.app import create_app
from lineage.http.security_headers import (
    CYTOSCAPE_STYLE_HASH,
    DEFAULT_POLICY,
    GRAPHIQL_POLICY,
    SecurityHeaders,
    policy_for,
)
from lineage.store.embedded import EmbeddedStore

CYTOSCAPE = (
    Path(__file__).resolve().parents[2]
    / "lineage/web/static/vendor/cytoscape/cytoscape.esm.min.mjs"
)
FIXED = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    store = EmbeddedStore(tmp_path / "lineage.db")
    with TestClient(create_app(store, max_body_bytes=1_000)) as client:
        yield client
    store.close()


def directives(policy: str) -> dict[str, list[str]]:
    """A policy's directives: name -> sources."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/healthz", {}, 200),
        ("GET", "/metrics", {}, 200),
        ("GET", "/nowhere", {}, 404),
        ("GET", "/events", {}, 405),
        ("POST", "/events", {"json": ["junk"]}, 400),
        ("POST", "/events", {"content": b"[" + b" " * 2_000 + b"]"}, 413),
    ],
    ids=["healthz", "metrics", "not found", "wrong method", "bad events", "too large"],
)
def test_every_response_carries_the_security_headers(
    client: TestClient, method: str, path: str, kwargs: dict[str, object], status: int
) -> None:
    response = client.request(method, path, **kwargs)  # type: ignore[arg-type]

    assert response.status_code == status
    assert {name: response.headers.get(name) for name in FIXED} == FIXED
    assert response.headers["content-security-policy"] == DEFAULT_POLICY


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_graphql_gets_inline_styles_but_never_inline_scripts(
    client: TestClient, accept: str
) -> None:
    if accept == "text/html":
        response = client.get("/graphql", headers={"accept": accept})
    else:
        response = client.post("/graphql", json={"query": '{ chain(id: "x") { id } }'})

    assert response.status_code == 200
    policy = directives(response.headers["content-security-policy"])
    assert response.headers["content-security-policy"] == GRAPHIQL_POLICY
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]
    assert {name: response.headers.get(name) for name in FIXED} == FIXED


def test_a_crash_answer_carries_the_headers_too(tmp_path: Path) -> None:
    async def boom(request: object) -> PlainTextResponse:
        raise RuntimeError("a bug")

    store = EmbeddedStore(tmp_path / "lineage.db")
    app = create_app(store)
    app.add_route("/boom", boom)  # answered by Starlette's outermost error layer
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    store.close()

    assert response.status_code == 500
    assert {name: response.headers.get(name) for name in FIXED} == FIXED
    assert response.headers["content-security-policy"] == DEFAULT_POLICY


def test_the_default_policy_allows_only_this_origin() -> None:
    policy = directives(DEFAULT_POLICY)

    assert policy["default-src"] == policy["script-src"] == policy["connect-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", CYTOSCAPE_STYLE_HASH]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["worker-src"] == ["'self'", "blob:"]
    assert policy["frame-ancestors"] == policy["base-uri"] == policy["object-src"] == ["'none'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


def test_the_style_hash_is_that_of_the_rule_the_vendored_cytoscape_adds() -> None:
    source = CYTOSCAPE.read_text(encoding="utf-8")
    rule = re.search(r'\.textContent="\."\+s\+"( \{[^"]*\})"', source)
    container = re.search(r's="(_+cytoscape_container)"', source)
    assert rule is not None and container is not None, "Cytoscape no longer adds its stylesheet"

    text = f".{container.group(1)}{rule.group(1)}"
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == CYTOSCAPE_STYLE_HASH


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "root"),
        ("/chains/abc", "root"),
        ("/graphql", "graphiql"),
        ("/graphql/", "graphiql"),
        ("/graphqlx", "root"),
        ("/static/graphiql/app.js", "assets"),
        ("/static/other.js", "root"),
    ],
)
def test_the_longest_matching_prefix_chooses_the_policy(path: str, expected: str) -> None:
    policies = {"/": "root", "/graphql": "graphiql", "/static/graphiql/": "assets"}

    assert policy_for(path, policies) == expected


def test_without_a_matching_prefix_no_policy_is_sent() -> None:
    assert policy_for("/x", {"/graphql": "graphiql"}) is None


def test_policies_are_configurable_and_a_route_keeps_its_own() -> None:
    async def own(request: object) -> PlainTextResponse:
        return PlainTextResponse("ok", headers={"Content-Security-Policy": "sandbox"})

    async def plain(request: object) -> PlainTextResponse:
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/own", own), Route("/app/page", plain)])
    wrapped = SecurityHeaders(app, {"/app": "default-src 'none'"})
    with TestClient(wrapped) as client:
        assert client.get("/own").headers["content-security-policy"] == "sandbox"
        assert client.get("/app/page").headers["content-security-policy"] == "default-src 'none'"
        unmatched = client.get("/elsewhere")
    assert "content-security-policy" not in unmatched.headers
    assert unmatched.headers["x-frame-options"] == "DENY"
