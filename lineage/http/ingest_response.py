"""The HTTP answer to an ingest: per-record outcomes; 400 when any record was rejected, 422 when
any conflicted with what is stored (both final: retrying the same request cannot succeed)."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from lineage.ingest import IngestReport, Status


def report_body(report: IngestReport) -> dict[str, Any]:
    """Counts, every record's outcome by position, the rejected records as `errors` (index,
    path in the request, reason) and the ids that conflicted as `conflicting_ids`."""
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
            {"index": index, "path": outcome.origin, "reason": outcome.reason}
            for index, outcome in enumerate(report.outcomes)
            if outcome.status is Status.REJECTED
        ],
        "stored": report.counts[Status.STORED],
        "duplicates": report.counts[Status.DUPLICATE],
        "conflicts": report.counts[Status.CONFLICT],
        "conflicting_ids": [
            outcome.record_id for outcome in report.outcomes if outcome.status is Status.CONFLICT
        ],
        "rejected": report.counts[Status.REJECTED],
        "records": records,
    }


def report_response(report: IngestReport) -> JSONResponse:
    """200 when every record was stored or a duplicate; 400 if any was rejected; else 422 if
    any conflicted (same id, other content: the stored version is kept).

    Not 409: Knative and other CloudEvents senders retry 409, and a conflict never resolves by
    retrying. The valid records of the request are stored in every case.
    """
    body = report_body(report)
    if body["errors"]:
        status = 400
    elif body["conflicting_ids"]:
        status = 422
    else:
        status = 200
    return JSONResponse(body, status_code=status)
