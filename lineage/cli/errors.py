"""The one error path of the `lineage` command: a user error is one line on stderr and an exit code.

Any exception that reaches the top of a command is worded here. With `--debug` (or
`LINEAGE_DEBUG=1`) the traceback is shown instead.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from lineage.config import SettingsError

#: Exit codes: the command ran and found problems / it could not run as asked.
FAILED = 1
USAGE = 2
#: Exit code when the reader of stdout went away (`lineage export | head`): 128 + SIGPIPE, as a
#: shell reports a filter that SIGPIPE ended. Nothing is printed.
READER_GONE = 141
#: The context `meta` key under which the global `--debug` flag is kept.
DEBUG_KEY = "lineage.debug"


class CliError(Exception):
    """A problem the user can fix, worded for them; `exit_code` is what the command exits with."""

    def __init__(self, message: str, exit_code: int = USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def note(message: str) -> None:
    """Tell the user something on stderr that is not an error (e.g. which store is used)."""
    typer.echo(message, err=True)


def fail(message: str, exit_code: int = USAGE) -> NoReturn:
    """Stop the command with a user error."""
    raise CliError(message, exit_code)


def describe(exc: BaseException) -> CliError | None:
    """The user-facing error for an exception a user can cause; None for a bug."""
    if isinstance(exc, CliError):
        return exc
    if isinstance(exc, SettingsError):
        return CliError(str(exc), USAGE)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return CliError(f"{where}{(exc.strerror or str(exc)).lower()}", FAILED)
    if isinstance(exc, sqlite3.Error):
        return CliError(f"store error: {exc}", FAILED)
    if type(exc).__module__.startswith("neo4j"):
        return CliError(f"Neo4j: {neo4j_reason(exc)}", FAILED)
    return None


def neo4j_reason(exc: BaseException) -> str:
    """The gist of a Neo4j driver error on one line (the OS reason when a connection failed)."""
    text = str(exc)
    reason = re.search(r"\(reason (.+)\)\s*$", text)
    if reason is not None:
        return reason.group(1)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


class ReportingGroup(TyperGroup):
    """The root command group: turns exceptions from any subcommand into one-line errors."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        """Run the subcommand; report what it raises (unless `--debug`) and exit accordingly."""
        try:
            return super().invoke(ctx)
        except (TyperException, typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            _stdout_to_devnull()
            raise typer.Exit(READER_GONE) from None
        except Exception as exc:
            if ctx.meta.get(DEBUG_KEY):
                raise
            error = describe(exc)
            if error is None:
                error = CliError(
                    f"internal error: {type(exc).__name__}: {exc} "
                    "(rerun with --debug for the traceback)",
                    FAILED,
                )
            typer.echo(f"error: {error.message}", err=True)
            raise typer.Exit(error.exit_code) from None


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null so that flushing it at exit cannot fail again."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (e.g. under a test runner)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
