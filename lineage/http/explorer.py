"""The explorer's routes: its static assets and the one HTML shell behind every deep link."""

from __future__ import annotations

import mimetypes
from importlib.resources import files
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

WEB_DIR = Path(str(files("lineage") / "web"))
SHELL = WEB_DIR / "index.html"
GRAPHIQL = WEB_DIR / "graphiql.html"

# The paths a user can paste or reload; the shell's script reads the path and draws that view.
DEEP_LINKS = (
    "/",
    "/chains/{id:path}",
    "/events/{id:path}",
    "/commits/{id:path}",
    "/pipelines/{id:path}",
    "/applications/{id:path}",
)

# Python 3.11 guesses text/plain for .mjs; browsers refuse ES modules not served as JavaScript.
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("text/javascript", ".js")


async def explorer_shell(request: Request) -> Response:
    """The explorer's HTML shell; the view is chosen in the browser from the URL."""
    return FileResponse(SHELL, media_type="text/html", headers={"Cache-Control": "no-cache"})


def graphiql_html() -> str:
    """GraphiQL's page, loading its scripts and styles from the app (works offline)."""
    return GRAPHIQL.read_text(encoding="utf-8")


def explorer_routes() -> list[BaseRoute]:
    """The shell at every deep-link path and the static assets under /static."""
    routes: list[BaseRoute] = [
        Route(path, explorer_shell, methods=["GET", "HEAD"]) for path in DEEP_LINKS
    ]
    routes.append(Mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static"))
    return routes
