"""A live uvicorn server in a background thread, on 127.0.0.1 and a free port, for HTTP tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.types import ASGIApp

from lineage.http import create_app
from lineage.services import Notifier, Runtime
from lineage.store import Store

START_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class LiveServer:
    """Where a running server listens."""

    host: str
    port: int

    @property
    def url(self) -> str:
        """Base HTTP URL, without a trailing slash."""
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        """Base websocket URL, without a trailing slash."""
        return f"ws://{self.host}:{self.port}"


@contextmanager
def live_server(app: ASGIApp, host: str = "127.0.0.1") -> Iterator[LiveServer]:
    """Serve `app` with uvicorn in a thread until the block exits; waits until it accepts."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield LiveServer(host, port)
    finally:
        server.should_exit = True
        thread.join(STOP_TIMEOUT_S)
        sock.close()


@dataclass(frozen=True)
class ServedStore:
    """A store served by the lineage app over a live server."""

    server: LiveServer
    app: Starlette
    store: Store

    @property
    def notifier(self) -> Notifier:
        """The app's notifier (tests wait on it for subscriptions to be in place)."""
        runtime: Runtime = self.app.state.runtime
        return runtime.notifier


@contextmanager
def serve_store(store: Store, **app_options: Any) -> Iterator[ServedStore]:
    """The lineage HTTP app for `store`, live on a free port until the block exits."""
    app = create_app(store, **app_options)
    with live_server(app) as server:
        yield ServedStore(server, app, store)
