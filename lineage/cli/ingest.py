"""`lineage ingest` and `lineage validate`: files in; a summary and `FILE:LINE: reason` out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lineage.cli.inputs import input_files, input_records
from lineage.ingest import (
    Ingestor,
    IngestReport,
    RecordError,
    RecordOutcome,
    Status,
    parse_record,
)
from lineage.ingest.ingestor import DEFAULT_BATCH
from lineage.store import Store

#: Files with at least this many lines get a progress bar.
PROGRESS_THRESHOLD = 20_000


def ingest_files(
    store: Store, inputs: Sequence[str], console: Console, batch: int = DEFAULT_BATCH
) -> IngestReport:
    """Ingest every record of every input into `store`, `batch` records per transaction, with a
    progress bar on long inputs. The summary is printed only after the last transaction has
    committed, and a store's commit is durable when it returns, so all that is reported stored
    is on disk by then."""
    ingestor = Ingestor(store, batch_size=batch)
    if not console.is_terminal:
        return ingestor.ingest(input_records(inputs))
    total = sum(_line_count(item) for item in input_files(inputs) if isinstance(item, Path))
    if total < PROGRESS_THRESHOLD:
        return ingestor.ingest(input_records(inputs))
    with _progress(console) as progress:
        task = progress.add_task("ingesting", total=total)
        return ingestor.ingest(
            input_records(inputs), progress=lambda n: progress.advance(task, n)
        )


def validate_files(inputs: Sequence[str]) -> IngestReport:
    """Check every record against the model without storing anything."""
    report = IngestReport()
    for record in input_records(inputs):
        if record.error is not None:
            report.add(RecordOutcome(record.origin, Status.REJECTED, reason=record.error))
            continue
        try:
            parse_record(record.raw)
        except RecordError as exc:
            report.add(RecordOutcome(record.origin, Status.REJECTED, reason=str(exc)))
        else:
            report.add(RecordOutcome(record.origin, Status.STORED))
    return report


def print_summary(report: IngestReport, console: Console, errors: Console) -> None:
    """Print the counts, then each conflict and rejection as `FILE:LINE: reason`."""
    counts = report.counts
    console.print(
        f"stored {counts[Status.STORED]} · duplicates {counts[Status.DUPLICATE]} · "
        f"conflicts {counts[Status.CONFLICT]} · rejected {counts[Status.REJECTED]}",
        highlight=False,
    )
    for problem in report.problems:
        label = "conflict" if problem.status is Status.CONFLICT else "rejected"
        errors.print(f"{problem.origin}: {label}: {problem.reason}", highlight=False, markup=False)


def summary_json(report: IngestReport) -> dict[str, Any]:
    """The summary for scripts (`--json`): counts, then each conflict and rejection.

    `{"stored": n, "duplicates": n, "conflicts": n, "rejected": n, "problems": [{"file", "line"
    (null for a whole-file problem), "status" ("conflict" | "rejected"), "kind" and "id" (of a
    conflicting record, else null), "reason"}]}`.
    """
    counts = report.counts
    return {
        "stored": counts[Status.STORED],
        "duplicates": counts[Status.DUPLICATE],
        "conflicts": counts[Status.CONFLICT],
        "rejected": counts[Status.REJECTED],
        "problems": [
            {
                **_file_and_line(problem.origin),
                "status": problem.status.value,
                "kind": problem.kind,
                "id": problem.record_id,
                "reason": problem.reason,
            }
            for problem in report.problems
        ],
    }


def _file_and_line(origin: str) -> dict[str, Any]:
    name, _, line = origin.rpartition(":")
    if name and line.isdigit():
        return {"file": name, "line": int(line)}
    return {"file": origin, "line": None}


def _line_count(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:  # reported when the file is read
        return 0


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
