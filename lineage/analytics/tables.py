"""Rows of service answers as pandas DataFrames with typed columns (aware UTC datetimes).

Every frame has its columns even when empty, so code written against a frame works on a quiet
window too. Enums become their values, tuples lists.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import Enum, StrEnum
from typing import Any

import pandas as pd


class Column(StrEnum):
    """What a column holds, which decides its dtype."""

    TEXT = "text"  #: strings (None as missing)
    DATETIME = "datetime"  #: aware UTC instants: datetime64[us, UTC] (None as NaT)
    FLOAT = "float"  #: float64 (None as NaN)
    INT = "int"  #: int64
    BOOL = "bool"  #: bool
    OBJECT = "object"  #: anything else as Python objects (dicts, lists)


def frame(rows: Iterable[Mapping[str, Any]], columns: Mapping[str, Column]) -> pd.DataFrame:
    """A DataFrame of `rows` with exactly `columns`, in that order, each of its dtype."""
    values: dict[str, list[Any]] = {name: [] for name in columns}
    for row in rows:
        for name in columns:
            values[name].append(_plain(row.get(name)))
    data: dict[str, Any] = {}
    for name, kind in columns.items():
        data[name] = _series(values[name], kind)
    return pd.DataFrame(data, columns=list(columns))


def record_rows(records: Iterable[Any]) -> Iterable[dict[str, Any]]:
    """Dataclass instances (or named tuples) as dicts of their fields."""
    for record in records:
        if isinstance(record, tuple):
            yield record._asdict()  # type: ignore[attr-defined]  # a named tuple
        else:
            yield {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def _series(values: list[Any], kind: Column) -> pd.Series[Any]:
    if kind is Column.DATETIME:
        return pd.Series(pd.to_datetime(values, utc=True), dtype="datetime64[us, UTC]")
    if kind is Column.FLOAT:
        return pd.Series([float("nan") if v is None else float(v) for v in values],
                         dtype="float64")  # fmt: skip
    if kind is Column.INT:
        return pd.Series(values, dtype="int64")
    if kind is Column.BOOL:
        return pd.Series([bool(v) for v in values], dtype="bool")
    if kind is Column.TEXT:
        return pd.Series(values, dtype="object")
    return pd.Series(values, dtype="object")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime) and value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r} in a frame: every instant is UTC-aware")
    return value
