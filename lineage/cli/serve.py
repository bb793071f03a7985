"""`lineage serve` / `lineage demo`: the HTTP app under uvicorn."""

from __future__ import annotations

import uvicorn
from rich.console import Console

from lineage.cli.errors import USAGE, CliError
from lineage.config import HttpSettings, SettingsError
from lineage.http.app import create_app
from lineage.store import Store


def http_settings() -> HttpSettings:
    """The server's limits from the environment; a bad value is a user error naming it."""
    try:
        return HttpSettings.from_environment()
    except SettingsError as exc:
        raise CliError(str(exc), USAGE) from None


def serve_store(
    store: Store, location: str, host: str, port: int, console: Console, settings: HttpSettings
) -> None:
    """Serve `store` (opened from `location`) with the limits of `settings` until interrupted."""
    base = f"http://{host}:{port}"
    console.print(
        f"serving {location} — explorer at {base}/, GraphiQL at {base}/graphql", highlight=False
    )
    app = create_app(
        store,
        max_body_bytes=settings.max_body_bytes,
        max_inflight_writes=settings.max_inflight_writes,
        max_inflight_queries=settings.max_inflight_queries,
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        timeout_keep_alive=max(1, round(settings.keep_alive.total_seconds())),
    )
