"""The `lineage` command: every subcommand is a thin shell over ingest, store and the API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.console import Console

from lineage.store import open_store, store_location

app = typer.Typer(
    help="Lineage explorer for software delivery: CDEvents and their links as a graph.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="Manage the store.", no_args_is_help=True)
app.add_typer(db_app, name="db")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="LINEAGE_STORE",
        help="A file path (embedded store, default ./lineage.db) or a bolt:// / neo4j:// URI.",
        show_default=False,
    ),
]
Files = Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)]


@app.command()
def ingest(files: Files, store: StoreOption = None) -> None:
    """Ingest CDEvents, standalone links and other records from JSON, JSONL or YAML files."""
    from lineage.cli.ingest import ingest_files, print_summary

    backend = open_store(store)
    try:
        report = ingest_files(backend, files, err)
    finally:
        backend.close()
    print_summary(report, out, err)
    raise typer.Exit(1 if report.rejected else 0)


@app.command()
def validate(files: Files) -> None:
    """Check records against the model without storing them; exit 1 on any error."""
    from lineage.cli.ingest import validate_files

    report = validate_files(files)
    for problem in report.problems:
        err.print(f"{problem.origin}: {problem.reason}", highlight=False, markup=False)
    valid = report.total - len(report.problems)
    out.print(f"{valid} valid · {len(report.problems)} invalid", highlight=False)
    raise typer.Exit(1 if report.problems else 0)


@app.command()
def query(
    operation: Annotated[str, typer.Argument(help="A GraphQL operation, or @FILE to read one.")],
    store: StoreOption = None,
    variables: Annotated[
        str | None, typer.Option("--variables", "-v", help="Variables as a JSON object.")
    ] = None,
) -> None:
    """Run one GraphQL operation in-process and print the response JSON."""
    from lineage.cli.query import run_query

    text = Path(operation[1:]).read_text() if operation.startswith("@") else operation
    try:
        values = orjson.loads(variables) if variables else None
    except orjson.JSONDecodeError as exc:
        err.print(f"--variables: not valid JSON: {exc}", markup=False)
        raise typer.Exit(2) from None
    if values is not None and not isinstance(values, dict):
        err.print("--variables: expected a JSON object", markup=False)
        raise typer.Exit(2)
    backend = open_store(store)
    try:
        response = run_query(backend, text, values)
    finally:
        backend.close()
    typer.echo(orjson.dumps(response, option=orjson.OPT_INDENT_2).decode())
    raise typer.Exit(1 if response.get("errors") else 0)


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the GraphQL API (and GraphiQL) at /graphql, plus the HTTP receivers."""
    from lineage.cli.serve import serve_store

    serve_store(store_location(store), host, port, out)


@app.command()
def demo(
    store: Annotated[
        Path, typer.Option("--store", help="Where to build the demo store (replaced).")
    ] = Path("lineage-demo.db"),
    chains: Annotated[int, typer.Option(help="How many delivery chains to generate.")] = 24,
    seed: Annotated[int, typer.Option(help="Seed of the deterministic generator.")] = 7,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    serve_it: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the store once built.")
    ] = True,
) -> None:
    """Build a realistic demo store (delivery chains, a fan-out release, a rollback); serve it."""
    from lineage.cli.demo import build_demo_store
    from lineage.cli.ingest import print_summary

    report = build_demo_store(store, chains, seed)
    print_summary(report, out, err)
    if serve_it:
        from lineage.cli.serve import serve_store

        serve_store(str(store), host, port, out)


@app.command()
def trace(
    commit: Annotated[str, typer.Argument(help="A full commit hash or a unique prefix (7+).")],
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Print every deployment a commit reached (PipeCD's and those derived from CDEvents)."""
    from lineage.cli.trace import print_trace, trace_report
    from lineage.services.errors import ServiceError

    backend = open_store(store)
    try:
        report = trace_report(backend, commit)
    except ServiceError as exc:
        err.print(str(exc), highlight=False, markup=False)
        raise typer.Exit(2) from None
    finally:
        backend.close()
    if report is None:
        err.print(f"no commit {commit} in {store_location(store)}", highlight=False, markup=False)
        raise typer.Exit(1)
    if as_json:
        typer.echo(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    else:
        print_trace(report, out)


@db_app.command("init")
def db_init(store: StoreOption = None) -> None:
    """Create the store's schema (tables or Neo4j constraints and indexes) if missing."""
    backend = open_store(store)
    try:
        init = getattr(backend, "init_schema", None)
        if init is not None:
            init()
        stats = backend.stats()
    finally:
        backend.close()
    out.print(f"ready: {store_location(store)} ({stats.events} events)", highlight=False)


@db_app.command("stats")
def db_stats(store: StoreOption = None) -> None:
    """Print how many events, links, chains and placeholders the store holds."""
    backend = open_store(store)
    try:
        stats = backend.stats()
    finally:
        backend.close()
    out.print(
        f"events {stats.events} · links {stats.links} · chains {stats.chains} · "
        f"placeholders {stats.placeholders}",
        highlight=False,
    )


if __name__ == "__main__":
    app()
