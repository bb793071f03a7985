"""The HTTP answer to an ingest: per-record outcomes, 400 when any record was rejected."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from lineage.ingest import IngestReport, Status


def report_body(report: IngestReport) -> dict[str, Any]:
    """Counts, every record's outcome by position, and the rejected records as `errors`."""
    records = [
        {
            "index": index,
            "status": outcome.status.value,
            "kind": outcome.kind,
            "id": outcome.record_id,
            "reason": outcome.reason,
        }
        for index, outcome in enumerate(report.outcomes)
    ]
    return {
        "errors": [
            {"index": r["index"], "reason": r["reason"]}
            for r in records
            if r["status"] == Status.REJECTED.value
        ],
        "stored": report.counts[Status.STORED],
        "duplicates": report.counts[Status.DUPLICATE],
        "conflicts": report.counts[Status.CONFLICT],
        "rejected": report.counts[Status.REJECTED],
        "records": records,
    }


def report_response(report: IngestReport) -> JSONResponse:
    """200 when every record was stored, a duplicate or a reported conflict; 400 if any rejected."""
    body = report_body(report)
    return JSONResponse(body, status_code=400 if body["errors"] else 200)


def payload_error_response(reason: str, status_code: int = 400) -> JSONResponse:
    """The answer to a body that could not be read at all: nothing was stored."""
    return JSONResponse(
        {
            "errors": [{"index": None, "reason": reason}],
            "stored": 0,
            "duplicates": 0,
            "conflicts": 0,
            "rejected": 0,
            "records": [],
        },
        status_code=status_code,
    )
