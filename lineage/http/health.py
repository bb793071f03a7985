"""`GET /healthz`: the process answers and the store answers a lookup."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from lineage.services.runtime import Runtime

_PROBE_ID = "healthz-probe"


async def healthz(request: Request) -> JSONResponse:
    """200 `{"status": "ok"}` once the store has answered one indexed lookup."""
    runtime: Runtime = request.app.state.runtime
    await run_in_threadpool(runtime.store.event_digests, [_PROBE_ID])
    return JSONResponse({"status": "ok"})
