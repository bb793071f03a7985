"""Health: `/healthz/live` (the process answers), `/healthz/ready` (the store takes writes now),
and `/healthz` (the store answers a lookup; kept as it was for existing probes)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from lineage.http.errors import RETRY_AFTER_UNAVAILABLE_S, error_response
from lineage.http.readiness import Readiness
from lineage.services.runtime import Runtime
from lineage.store.faults import StoreUnavailableError, storage_fault

_PROBE_ID = "healthz-probe"


async def healthz(request: Request) -> JSONResponse:
    """200 `{"status": "ok"}` once the store has answered one indexed lookup; 503 if it cannot."""
    runtime: Runtime = request.app.state.runtime
    try:
        await run_in_threadpool(runtime.store.event_digests, [_PROBE_ID])
    except Exception as exc:
        reason = storage_fault(exc)
        if reason is None:
            raise
        raise StoreUnavailableError(reason) from exc
    return JSONResponse({"status": "ok"})


async def live(request: Request) -> JSONResponse:
    """200 while the process serves requests (restart it if this fails); touches no store."""
    return JSONResponse({"status": "live"})


async def ready(request: Request) -> JSONResponse:
    """200 when the store would take a write now, else 503 with the reason and `Retry-After`."""
    runtime: Runtime = request.app.state.runtime
    readiness: Readiness = request.app.state.readiness
    problem = await run_in_threadpool(readiness.problem, runtime.store)
    if problem is not None:
        return error_response(503, problem, retry_after=RETRY_AFTER_UNAVAILABLE_S)
    return JSONResponse({"status": "ready"})
