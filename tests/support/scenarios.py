"""Hand-written producer data for the API tests: CDEvents v0.5 as CI/CD tools send them.

`RELEASE` is the issue's fan-out/fan-in example: static analysis, then build + test on Mac, SLES
and Windows in parallel, then promote and deliver the release. `DELIVERY` is a change going
through CI to a dev deploy. Ids are readable on purpose so assertions read like the scenario.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from lineage.ingest import Ingestor, IngestReport, SourceRecord
from lineage.store import Store

Record = dict[str, Any]

RELEASE_CHAIN = "release-chain-2026-01"
DELIVERY_CHAIN = "5b0c6f9e-6a4f-4c39-9a0b-0f3f6c1d2e11"


def cdevent(
    event_id: str,
    event_type: str,
    timestamp: str,
    *,
    source: str,
    subject: str,
    chain: str | None,
    after: Sequence[str] = (),
    end_after: str | None = None,
    relations: Sequence[tuple[str, str]] = (),
    content: dict[str, Any] | None = None,
) -> Record:
    """A v0.5.1 CDEvent with PATH links from `after`, an END link, and RELATION links."""
    links: list[Record] = [{"linkType": "PATH", "from": {"contextId": p}} for p in after]
    if end_after is not None:
        links.append({"linkType": "END", "from": {"contextId": end_after}})
    links += [
        {"linkType": "RELATION", "linkKind": kind, "target": {"contextId": target}}
        for kind, target in relations
    ]
    context: Record = {
        "specversion": "0.5.1",
        "id": event_id,
        "source": source,
        "type": event_type,
        "timestamp": timestamp,
    }
    if chain is not None:
        context["chainId"] = chain
    if links:
        context["links"] = links
    return {
        "context": context,
        "subject": {"id": subject, "source": source, "content": content or {}},
    }


def start_link(chain: str, first: str, timestamp: str) -> Record:
    """The standalone START link a producer sends when a chain begins."""
    return {
        "chainId": chain,
        "linkType": "START",
        "timestamp": timestamp,
        "start": {"contextId": first},
        "tags": {"producer": "jenkins"},
    }


def _release() -> list[Record]:
    ci, chain = "/ci/jenkins/release", RELEASE_CHAIN
    records = [
        start_link(chain, "static-analysis", "2026-01-05T09:00:00Z"),
        cdevent(
            "static-analysis", "dev.cdevents.taskrun.finished.0.2.0", "2026-01-05T09:00:00Z",
            source=ci, subject="sonar-scan", chain=chain,
            content={"taskName": "static-analysis", "outcome": "success"},
        ),
    ]  # fmt: skip
    for minute, platform in enumerate(("mac", "sles", "windows")):
        records += [
            cdevent(
                f"build-{platform}", "dev.cdevents.build.finished.0.2.0",
                f"2026-01-05T09:1{minute}:00Z", source=ci, subject=f"edge-agent-{platform}",
                chain=chain, after=["static-analysis"],
                content={"artifactId": f"pkg:generic/edge-agent-{platform}@2.4.0"},
            ),
            cdevent(
                f"test-{platform}", "dev.cdevents.testsuiterun.finished.0.2.0",
                f"2026-01-05T09:2{minute}:00Z", source=ci, subject=f"suite-{platform}",
                chain=chain, after=[f"build-{platform}"],
                content={"outcome": "pass", "testSuite": {"id": f"e2e-{platform}"}},
            ),
        ]  # fmt: skip
    records += [
        cdevent(
            "promote", "dev.cdevents.artifact.published.0.2.0", "2026-01-05T09:30:00Z",
            source=ci, subject="pkg:generic/edge-agent@2.4.0", chain=chain,
            after=["test-mac", "test-sles", "test-windows"],
        ),
        cdevent(
            "deliver", "dev.cdevents.service.published.0.2.0", "2026-01-05T09:40:00Z",
            source="/cd/release-portal", subject="edge-agent", chain=chain,
            after=["promote"], end_after="promote",
        ),
    ]  # fmt: skip
    return records


def _delivery() -> list[Record]:
    chain = DELIVERY_CHAIN
    return [
        start_link(chain, "c0ffee00-0000-4000-8000-000000000001", "2026-01-06T10:00:00Z"),
        cdevent(
            "C0FFEE00-0000-4000-8000-000000000001", "dev.cdevents.change.merged.0.3.0",
            "2026-01-06T10:00:00+01:00", source="/scm/github", subject="payments/pull/42",
            chain=chain, content={"repository": {"id": "payments"}},
        ),
        cdevent(
            "c0ffee00-0000-4000-8000-000000000002", "dev.cdevents.pipelinerun.started.0.2.0",
            "2026-01-06T09:01:00Z", source="/ci/tekton", subject="payments-ci-981",
            chain=chain, after=["c0ffee00-0000-4000-8000-000000000001"],
            content={"pipelineName": "payments-ci"},
        ),
        cdevent(
            "c0ffee00-0000-4000-8000-000000000003", "dev.cdevents.build.finished.0.3.0",
            "2026-01-06T09:05:00Z", source="/ci/tekton", subject="payments-build-981",
            chain=chain, after=["c0ffee00-0000-4000-8000-000000000002"],
            relations=[("TRIGGER", "c0ffee00-0000-4000-8000-000000000001")],
        ),
        cdevent(
            "c0ffee00-0000-4000-8000-000000000004", "dev.cdevents.service.deployed.0.3.0",
            "2026-01-06T09:12:00Z", source="/cd/argocd", subject="payments-dev",
            chain=chain, after=["c0ffee00-0000-4000-8000-000000000003"],
            end_after="c0ffee00-0000-4000-8000-000000000003",
            content={"environment": {"id": "dev"}, "artifactId": "pkg:oci/payments@sha256:1"},
        ),
    ]  # fmt: skip


PIPELINE_START = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)


def _minutes_after(start: datetime, minutes: int) -> str:
    return (start + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def pipeline(
    chain: str, steps: Sequence[tuple[str, Sequence[str]]], *, end: bool = True
) -> list[Record]:
    """A chain of task runs one minute apart, each with PATH links from the steps it follows.

    The last step carries the END link (from its first predecessor) unless `end` is False.
    """
    records = [start_link(chain, steps[0][0], _minutes_after(PIPELINE_START, 0))]
    for minute, (step, after) in enumerate(steps):
        last = minute == len(steps) - 1
        records.append(
            cdevent(
                step, "dev.cdevents.taskrun.finished.0.2.0",
                _minutes_after(PIPELINE_START, minute), source="/ci/tekton", subject=f"task-{step}",
                chain=chain, after=after,
                end_after=after[0] if end and last and after else None,
                content={"taskName": step, "outcome": "success"},
            )
        )  # fmt: skip
    return records


#: The release chain's records, as the producers sent them.
RELEASE: list[Record] = _release()
#: The delivery chain's records (one id upper-cased and one timestamp with an offset, as sent).
DELIVERY: list[Record] = _delivery()


def ingest(store: Store, records: Iterable[Any]) -> IngestReport:
    """Feed records through the real ingest path, the way `lineage ingest` does."""
    sources = [SourceRecord(f"test:{i}", raw) for i, raw in enumerate(records)]
    return Ingestor(store).ingest(sources, keep_outcomes=True)
