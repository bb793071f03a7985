"""`lineage serve` / `lineage demo`: the HTTP app under uvicorn."""

from __future__ import annotations

import uvicorn
from rich.console import Console

from lineage.http.app import create_app
from lineage.store import open_store


def serve_store(location: str, host: str, port: int, console: Console) -> None:
    """Serve the store at `location` until interrupted."""
    store = open_store(location)
    try:
        console.print(
            f"serving {location} — GraphiQL at http://{host}:{port}/graphql", highlight=False
        )
        uvicorn.run(create_app(store), host=host, port=port, log_level="info")
    finally:
        store.close()
