"""Security headers on every HTTP response: a strict Content-Security-Policy and friends.

The explorer and GraphiQL are served by this app from its own files: no inline script, no CDN,
no request leaves the machine. The policy says exactly that to the browser, so an injected
script or a stray third-party request is refused instead of run. Policies are chosen per path
prefix (the longest matching prefix wins): GraphiQL's editor injects `<style>` elements, so
`/graphql` also allows inline styles, never inline scripts. A route that sets one of these
headers itself keeps its own value.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Cytoscape.js adds one `<style>` element (`.__________cytoscape_container { position:
#: relative; }`) unless the page has an element with its id; the policy allows exactly that
#: text by its hash (tests/http/test_security_headers.py checks it against the vendored file).
CYTOSCAPE_STYLE_HASH = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"


def content_security_policy(styles: str) -> str:
    """The policy of this app's pages with `styles` as the style-src sources.

    Only this origin's scripts, images (also data:/blob:, for PNG export), workers (blob: too,
    for a layout worker), fonts and connections (fetch, and graphql-transport-ws, which browsers
    treat as same-origin under `'self'`); no plugins, no framing, no <base> rewriting, forms
    only to this origin.
    """
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "worker-src 'self' blob:",
            "connect-src 'self'",
            "img-src 'self' data: blob:",
            f"style-src {styles}",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


#: The policy of every page: styles from this origin's files (and Cytoscape's one rule).
DEFAULT_POLICY = content_security_policy(f"'self' {CYTOSCAPE_STYLE_HASH}")
#: GraphiQL's editor adds `<style>` elements at run time: inline styles (no hash beside
#: 'unsafe-inline', which a hash would switch off), still no inline script.
GRAPHIQL_POLICY = content_security_policy("'self' 'unsafe-inline'")
#: Content-Security-Policy by path prefix; the longest prefix matching a request's path wins.
POLICIES: Mapping[str, str] = {"/": DEFAULT_POLICY, "/graphql": GRAPHIQL_POLICY}

#: The headers every response gets besides the Content-Security-Policy.
FIXED_HEADERS: Mapping[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def policy_for(path: str, policies: Mapping[str, str]) -> str | None:
    """The policy of the longest prefix of `policies` that `path` starts with, if any.

    A prefix matches the path itself and what lies below it (`/graphql` matches `/graphql`
    and `/graphql/x`, not `/graphqlx`); `/` matches every path.
    """
    best: str | None = None
    for prefix in policies:
        below = prefix if prefix.endswith("/") else f"{prefix}/"
        if (path == prefix or path.startswith(below)) and (best is None or len(prefix) > len(best)):
            best = prefix
    return policies[best] if best is not None else None


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response (not websockets)."""

    def __init__(self, app: ASGIApp, policies: Mapping[str, str] | None = None) -> None:
        self.app = app
        self.policies = dict(POLICIES if policies is None else policies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response start it sends."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = policy_for(scope.get("path", "/"), self.policies)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if policy is not None and "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = policy
                for name, value in FIXED_HEADERS.items():
                    if name.lower() not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
