"""Write the SDL to `graphql/schema.graphql`: `python -m lineage.graphql_api.export_schema`."""

from __future__ import annotations

import sys
from pathlib import Path

from lineage.graphql_api.schema import schema_sdl

#: Where the SDL lives: `graphql/` at the repository root.
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "graphql" / "schema.graphql"


def export_schema(path: Path = SCHEMA_PATH) -> Path:
    """Write the current SDL to `path` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_sdl(), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    """Command-line entry: write the SDL to the given path or the default one."""
    args = sys.argv[1:] if argv is None else argv
    written = export_schema(Path(args[0]) if args else SCHEMA_PATH)
    print(f"wrote {written}")


if __name__ == "__main__":
    main()
