"""Prometheus metrics of one app (its own registry): ingest outcomes and request latency."""

from __future__ import annotations

import time

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lineage.ingest import IngestReport, Status

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """The counters and histograms of one app, in a registry of its own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.ingested = Counter(
            "lineage_ingest_records",
            "Records received for ingest (HTTP and GraphQL), by outcome.",
            ["status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "lineage_http_request_duration_seconds",
            "Time to answer an HTTP request, by method, route and status code.",
            ["method", "route", "status"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        for status in Status:
            self.ingested.labels(status=status.value)

    def count_report(self, report: IngestReport) -> None:
        """Count the outcomes of one ingest (a `Runtime` report listener)."""
        for status, count in report.counts.items():
            self.ingested.labels(status=status.value).inc(count)

    async def endpoint(self, request: Request) -> Response:
        """`GET /metrics`: the registry in Prometheus text format."""
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


class LatencyMiddleware:
    """Times every HTTP request; labels it by the route template, never the raw path."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request and observe how long it took."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        except HTTPException as exc:
            status = exc.status_code
            raise
        finally:
            route = scope.get("route")
            self.metrics.latency.labels(
                method=scope["method"],
                route=getattr(route, "path", "unmatched"),
                status=str(status),
            ).observe(time.perf_counter() - started)
