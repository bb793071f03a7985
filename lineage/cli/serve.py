"""`lineage serve` / `lineage demo`: the HTTP app under uvicorn."""

from __future__ import annotations

import uvicorn
from rich.console import Console

from lineage.http.app import create_app
from lineage.store import Store


def serve_store(store: Store, location: str, host: str, port: int, console: Console) -> None:
    """Serve `store` (opened from `location`) until interrupted."""
    console.print(f"serving {location} — GraphiQL at http://{host}:{port}/graphql", highlight=False)
    uvicorn.run(create_app(store), host=host, port=port, log_level="info")
