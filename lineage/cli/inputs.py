"""What `lineage ingest` / `validate` read: files, directories (recursively) and `-` for stdin."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from lineage.ingest import SourceRecord, read_records
from lineage.ingest.sources import RECORD_SUFFIXES, read_data

#: The argument that means standard input, and the name its records are reported under.
STDIN = "-"
STDIN_NAME = "<stdin>"


def input_files(arguments: Sequence[str]) -> Iterator[Path | str]:
    """Each input to read, in order: a directory stands for its record files (sorted, recursive;
    itself if it has none); `-` stays as is (stdin). Missing paths are passed on, so that reading
    them reports them."""
    for argument in arguments:
        if argument == STDIN:
            yield STDIN
            continue
        path = Path(argument)
        found = sorted(_record_files(path)) if path.is_dir() else []
        yield from found or [path]


def input_records(arguments: Sequence[str]) -> Iterator[SourceRecord]:
    """The records of every input; an unreadable input is one record with an error."""
    for item in input_files(arguments):
        if isinstance(item, str):
            yield from read_data(STDIN_NAME, sys.stdin.buffer.read())
        elif item.is_dir():  # one without record files
            suffixes = ", ".join(RECORD_SUFFIXES[:-1]) + f" or {RECORD_SUFFIXES[-1]}"
            yield SourceRecord(str(item), None, f"no {suffixes} files in this directory")
        else:
            yield from read_records(item)


def _record_files(root: Path) -> Iterator[Path]:
    for folder, _, names in os.walk(root):  # symbolic links to folders are not followed
        for name in names:
            if name.lower().endswith(RECORD_SUFFIXES):
                yield Path(folder, name)
