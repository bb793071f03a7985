"""The `lineage` command: every subcommand is a thin shell over ingest, store and the API."""

from __future__ import annotations

from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.console import Console

from lineage.cli.errors import DEBUG_KEY, FAILED, CliError, ReportingGroup
from lineage.cli.stores import opened_store, store_to_read, store_to_write
from lineage.ingest.ingestor import DEFAULT_BATCH

app = typer.Typer(
    cls=ReportingGroup,
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


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"lineage {package_version('cdevents-lineage')}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    debug: Annotated[
        bool,
        typer.Option("--debug", envvar="LINEAGE_DEBUG", help="Show the traceback of any error."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Lineage explorer for software delivery: CDEvents and their links as a graph."""
    ctx.meta[DEBUG_KEY] = debug


JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for scripts (shape in the README).")
]
Inputs = Annotated[
    list[str],
    typer.Argument(
        help="Files (JSON, JSON Lines, YAML), directories (their .json, .jsonl, .ndjson, .yaml "
        "and .yml files, recursively, in sorted order), or - for standard input.",
        metavar="INPUT",
        show_default=False,
    ),
]


@app.command()
def ingest(
    files: Inputs,
    store: StoreOption = None,
    as_json: JsonOption = False,
    batch: Annotated[
        int,
        typer.Option(
            "--batch",
            min=1,
            help="Records per transaction. Each is on disk when it commits, so a killed ingest, "
            "rerun, stores the rest and reports what was committed as duplicates.",
        ),
    ] = DEFAULT_BATCH,
) -> None:
    """Ingest CDEvents, standalone links and other records from JSON, JSONL or YAML files."""
    from lineage.cli.ingest import ingest_files, print_summary, summary_json

    with opened_store(store_to_write(store), create=True) as backend:
        report = ingest_files(backend, files, err, batch)
    if as_json:
        _print_json(summary_json(report))
    else:
        print_summary(report, out, err)
    raise typer.Exit(1 if report.rejected else 0)


@app.command()
def validate(files: Inputs) -> None:
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

    text = _operation_text(operation)
    try:
        values = orjson.loads(variables) if variables else None
    except orjson.JSONDecodeError as exc:
        raise CliError(f"--variables: not valid JSON: {exc}") from exc
    if values is not None and not isinstance(values, dict):
        raise CliError("--variables: expected a JSON object")
    with opened_store(store_to_read(store), create=False) as backend:
        response = run_query(backend, text, values)
    _print_json(response)
    raise typer.Exit(1 if response.get("errors") else 0)


def _operation_text(operation: str) -> str:
    """The operation itself, or the text of the file `@FILE` names."""
    if not operation.startswith("@"):
        return operation
    path = Path(operation[1:])
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CliError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise CliError(f"{path}: is a directory, not a file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"{path}: cannot read: {exc}") from exc


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the explorer at /, the GraphQL API (and GraphiQL) at /graphql, and the receivers."""
    from lineage.cli.serve import http_settings, serve_store

    settings = http_settings()
    location = store_to_write(store)
    wait = settings.write_lock_wait.total_seconds()
    with opened_store(location, create=True, busy_timeout=wait) as backend:
        serve_store(backend, location, host, port, out, settings)


@app.command()
def demo(
    store: Annotated[
        Path,
        typer.Option("--store", help="Where to build the demo store (replaces only a demo store)."),
    ] = Path("lineage-demo.db"),
    chains: Annotated[int, typer.Option(help="How many delivery chains to generate.")] = 24,
    seed: Annotated[int, typer.Option(help="Seed of the deterministic generator.")] = 7,
    weeks: Annotated[
        int,
        typer.Option(
            help="Weeks of delivery history (releases, incidents, rollbacks, hotfixes) before "
            "the chains, for the DORA metrics; 0 for none.",
            min=0,
        ),
    ] = 6,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    serve_it: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the store once built.")
    ] = True,
) -> None:
    """Build a realistic demo store (delivery chains, a fan-out release, a rollback); serve it."""
    from lineage.cli.demo import build_demo_store
    from lineage.cli.ingest import print_summary

    report = build_demo_store(store, chains, seed, weeks)
    print_summary(report, out, err)
    if serve_it:
        from lineage.cli.serve import http_settings, serve_store

        settings = http_settings()
        wait = settings.write_lock_wait.total_seconds()
        with opened_store(str(store), create=False, busy_timeout=wait) as backend:
            serve_store(backend, str(store), host, port, out, settings)


@app.command()
def trace(
    commit: Annotated[str, typer.Argument(help="A full commit hash or a unique prefix (7+).")],
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Print every deployment a commit reached (PipeCD's and those derived from CDEvents)."""
    from lineage.cli.trace import print_trace, trace_report
    from lineage.services.errors import ServiceError

    location = store_to_read(store)
    with opened_store(location, create=False) as backend:
        try:
            report = trace_report(backend, commit)
        except ServiceError as exc:
            raise CliError(str(exc)) from exc
    if report is None:
        raise CliError(f"no commit {commit} in {location}", FAILED)
    if as_json:
        _print_json(report)
    else:
        print_trace(report, out)


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="graphml, gexf (Gephi), node-link, cytoscape or dot."),
    ],
    chain: Annotated[str | None, typer.Option(help="Export this chain.")] = None,
    around: Annotated[
        str | None, typer.Option(help="Export the neighbourhood of this event (see --depth).")
    ] = None,
    depth: Annotated[int, typer.Option(help="Link hops around --around, either way.")] = 2,
    since: Annotated[
        str | None, typer.Option(help="Export events timed at or after this (with --until).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="... and before this.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    inferred: Annotated[
        bool, typer.Option("--inferred/--no-inferred", help="Include inferred edges (flagged).")
    ] = True,
    store: StoreOption = None,
) -> None:
    """Export a chain, an event's neighbourhood or a time window as a graph file."""
    from lineage.analytics.schema import Format
    from lineage.cli.export import export_graph, parse_instant_option
    from lineage.services.errors import ServiceError

    known = [f.value for f in Format]
    if fmt.lower() not in known:
        raise CliError(f"--format: unknown format {fmt!r} (expected one of {', '.join(known)})")
    form = Format(fmt.lower())
    try:
        start = parse_instant_option("--since", since) if since is not None else None
        end = parse_instant_option("--until", until) if until is not None else None
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    with opened_store(store_to_read(store), create=False) as backend:
        try:
            export_graph(backend, form, output, chain, around, depth, start, end, inferred)
        except ServiceError as exc:
            raise CliError(str(exc)) from exc
        except ValueError as exc:  # a value XML cannot carry
            raise CliError(f"cannot export as {form.value}: {exc}", FAILED) from exc


@app.command()
def dora(
    since: Annotated[
        str, typer.Option(help="Window start, inclusive: a date (UTC midnight) or RFC 3339.")
    ],
    until: Annotated[str, typer.Option(help="Window end, exclusive: a date or RFC 3339.")],
    store: StoreOption = None,
    service: Annotated[
        str | None,
        typer.Option(help="Only this service (subject id, or PipeCD application id or name)."),
    ] = None,
    env: Annotated[
        list[str] | None,
        typer.Option(
            "--env",
            help="A production environment id or name (repeat; default "
            "$LINEAGE_PRODUCTION_ENVIRONMENTS, else prod and production).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Print DORA metrics of a window, with the deployments and incidents behind them."""
    from lineage.cli.dora import dora_report, print_dora, window_bound
    from lineage.services.dora import dora_metrics
    from lineage.services.errors import ServiceError

    start, end = window_bound(since, "--since"), window_bound(until, "--until")
    with opened_store(store_to_read(store), create=False) as backend:
        try:
            metrics = dora_metrics(backend, start, end, service, env or None)
        except ServiceError as exc:
            raise CliError(str(exc)) from exc
    if as_json:
        typer.echo(orjson.dumps(dora_report(metrics), option=orjson.OPT_INDENT_2).decode())
    else:
        print_dora(metrics, out)


@app.command()
def changelog(
    deployment_id: Annotated[
        str, typer.Argument(help="A PipeCD deployment id, or the id of a deployment CDEvent.")
    ],
    store: StoreOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or json.")] = "markdown",
) -> None:
    """Print what a deployment shipped, grouped by conventional-commit type (like git-cliff)."""
    from lineage.cli.changelog import FORMATS, changelog_report
    from lineage.services.changelog import changelog_markdown, deployment_changelog

    if fmt.lower() not in FORMATS:
        raise CliError(f"--format: unknown format {fmt!r} (expected markdown or json)")
    location = store_to_read(store)
    with opened_store(location, create=False) as backend:
        log = deployment_changelog(backend, deployment_id)
    if log is None:
        raise CliError(f"no deployment {deployment_id} in {location}", FAILED)
    if fmt.lower() == "json":
        typer.echo(orjson.dumps(changelog_report(log), option=orjson.OPT_INDENT_2).decode())
    else:
        typer.echo(changelog_markdown(log), nl=False)


@db_app.command("init")
def db_init(store: StoreOption = None) -> None:
    """Create the store's schema (tables or Neo4j constraints and indexes) if missing."""
    location = store_to_write(store)
    with opened_store(location, create=True) as backend:
        init = getattr(backend, "init_schema", None)
        if init is not None:
            init()
        stats = backend.stats()
    out.print(f"ready: {location} ({stats.events} events)", highlight=False)


@db_app.command("stats")
def db_stats(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Print how many events, links, chains and placeholders the store holds."""
    location = store_to_read(store)
    with opened_store(location, create=False) as backend:
        stats = backend.stats()
    if as_json:
        _print_json(
            {
                "store": location,
                "events": stats.events,
                "links": stats.links,
                "chains": stats.chains,
                "placeholders": stats.placeholders,
            }
        )
        return
    out.print(
        f"events {stats.events} · links {stats.links} · chains {stats.chains} · "
        f"placeholders {stats.placeholders}",
        highlight=False,
    )


@db_app.command("derive")
def db_derive(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Compute the rows ingest derives where a store written by an older version lacks them:
    stage rows for every chain (computed again), and the commits upstream of each deployment
    (fast DORA lead times; only if not derived yet). Safe to repeat."""
    from lineage.ingest.stage_rows import backfill_stage_rows
    from lineage.ingest.upstream_commits import derive_stored_upstream_commits
    from lineage.model.delivery import UpstreamCommits
    from lineage.model.derivation import Derivation

    location = store_to_write(store)
    with opened_store(location, create=False) as backend:
        chains = backfill_stage_rows(backend)
        derived = backend.fact_digests(Derivation.kind, [UpstreamCommits.kind])
        deployments = None if derived else derive_stored_upstream_commits(backend)
    if as_json:
        _print_json(
            {"store": location, "chainsWithStageRows": chains,
             "deploymentsWithUpstreamCommits": deployments}
        )  # fmt: skip
        return
    out.print(f"stage rows: {chains} chains with pipeline runs in {location}", highlight=False)
    if deployments is None:
        out.print("upstream commits: derived already (at ingest or before)", highlight=False)
    else:
        out.print(f"upstream commits: derived for {deployments} deployment events", highlight=False)


def _print_json(value: object) -> None:
    typer.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


if __name__ == "__main__":
    app()
