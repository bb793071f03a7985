"""`lineage ingest` and `lineage validate`: files in; a summary and `FILE:LINE: reason` out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lineage.ingest import (
    Ingestor,
    IngestReport,
    RecordError,
    RecordOutcome,
    SourceRecord,
    Status,
    parse_record,
    read_records,
)
from lineage.store import Store

#: Files with at least this many lines get a progress bar.
PROGRESS_THRESHOLD = 20_000


def ingest_files(store: Store, paths: Sequence[Path], console: Console) -> IngestReport:
    """Ingest every record of every file into `store`, with a progress bar on long inputs."""
    ingestor = Ingestor(store)
    total = sum(_line_count(path) for path in paths)
    if total < PROGRESS_THRESHOLD or not console.is_terminal:
        return ingestor.ingest(_records(paths))
    with _progress(console) as progress:
        task = progress.add_task("ingesting", total=total)
        return ingestor.ingest(
            _records(paths), progress=lambda n: progress.advance(task, n)
        )


def validate_files(paths: Sequence[Path]) -> IngestReport:
    """Check every record against the model without storing anything."""
    report = IngestReport()
    for record in _records(paths):
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


def _records(paths: Iterable[Path]) -> Iterator[SourceRecord]:
    for path in paths:
        yield from read_records(path)


def _line_count(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
