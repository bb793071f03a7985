"""Weeks of delivery history for the DORA metrics: releases, incidents, rollbacks, hotfixes.

`history_records(weeks, seed, end)` yields CDEvents v0.5.1 events and standalone START links for
`weeks` weeks ending at `end` (default: the demo chains' start, `DEFAULT_START`), so every DORA
plot has something to show. Every weekday (and now and then a weekend day) each of four
services may release: one to three commits (conventional-commit titles, commit timestamps hours
to days before the merge) merged, built and tested by a pipeline, the artifact deployed to dev,
then staging, then prod, each delivery one chain with embedded PATH links. Some pipelines fail
(a failed test suite: no artifact, no deployment). Some prod deployments go wrong, in one of
three ways:

- **rollback**: an `incident.detected` PATH-linked from the deployment and naming its artifact,
  the service rolled back (`service.rolledback`) minutes later, the incident resolved after that;
- **hotfix**: an `incident.reported` (a ticket) naming only the service and environment, in a
  chain of its own (attributed by time), then a one-commit `fix` release rushed through dev,
  staging and prod (rework), and the incident resolved after the hotfix reached prod;
- **self-healed**: an `incident.detected` naming the artifact only, resolved an hour or two
  later with no deployment.

Only the standard library is used and all randomness comes from `random.Random(f"{seed}:history")`,
so the output is the same for a given seed and end instant.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from lineage.demo.generator import (
    ARTIFACT_PUBLISHED,
    AUTHORS,
    BUILD_FINISHED,
    CD,
    CHANGE_MERGED,
    CI,
    DEFAULT_START,
    MONITORING,
    PIPELINERUN_FINISHED,
    PIPELINERUN_QUEUED,
    PIPELINERUN_STARTED,
    REGISTRY,
    SCM,
    SERVICE_DEPLOYED,
    SERVICE_ROLLEDBACK,
    SERVICE_UPGRADED,
    TASKRUN_FINISHED,
    TASKRUN_STARTED,
    TESTSUITERUN_FINISHED,
    _Chain,
    _epoch_ms,
    _ts,
    _whole_second,
)

Record = dict[str, Any]

HISTORY_WEEKS: Final = 6
HISTORY_SERVICES: Final = ("payments", "checkout", "inventory", "search")
#: (id, name) of the environments, in promotion order.
ENVIRONMENTS: Final = (("dev", "Development"), ("staging", "Staging"), ("prod", "Production"))
INCIDENT_DETECTED: Final = "dev.cdevents.incident.detected.0.3.0"
INCIDENT_REPORTED: Final = "dev.cdevents.incident.reported.0.3.0"
INCIDENT_RESOLVED: Final = "dev.cdevents.incident.resolved.0.3.0"
ENVIRONMENT_CREATED: Final = "dev.cdevents.environment.created.0.3.0"
TICKETS: Final = "/tickets/pagerduty"
#: Conventional-commit (type, scope, description) of the history's commits.
CHANGES: Final = (
    ("feat", "api", "add idempotency keys to writes"),
    ("feat", None, "show delivery estimates"),
    ("fix", None, "round totals half-even"),
    ("fix", "client", "retry on connection reset"),
    ("perf", "db", "batch lookups per request"),
    ("refactor", None, "split the pricing module"),
    ("docs", None, "document the retry policy"),
    ("test", "e2e", "cover partial refunds"),
    ("chore", "deps", "bump the base image"),
    ("ci", None, "cache pip downloads"),
    ("build", None, "pin the toolchain"),
)
HOTFIXES: Final = (
    ("fix", "api", "restore the old timeout"),
    ("fix", None, "guard against empty carts"),
    ("fix", "db", "add the missing index back"),
)

_HOUR: Final = 3_600_000
_MINUTE: Final = 60_000
_DAY: Final = 24 * _HOUR


@dataclass(slots=True)
class _Release:
    """A delivery chain built so far: its chain, the prod deployment (if any), its artifact."""

    chain: _Chain
    service: str
    artifact: str | None
    prod_event: str | None
    prod_ms: int | None


class _History:
    """The seeded RNG, per-service state (last good artifact, counters) and the output."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"{seed}:history")
        self.bits = self.rng.getrandbits
        self.records: list[tuple[int, int, Record]] = []
        self.good: dict[str, str] = {}
        self.deployed: set[tuple[str, str]] = set()
        self.counters: dict[str, int] = {}
        self.incidents = 0

    def _gap(self, low_s: int, high_s: int) -> int:
        return low_s * 1000 + int(self.rng.random() * (high_s - low_s) * 1000)

    def _count(self, key: str) -> int:
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    def emit(self, chain: _Chain, complete: bool = True) -> None:
        """Queue a finished chain's records: a START link, and if `complete` (and the chain has
        more than one step) an END link."""
        last = chain.items[-1][1]
        preds = chain.preds[last["context"]["id"]]
        if complete and preds:  # an END link names the step before the last event
            last["context"].setdefault("links", []).append(
                {"linkType": "END", "from": {"contextId": preds[0]}}
            )
        first_ms, first = chain.items[0]
        start: Record = {
            "chainId": chain.chain_id,
            "linkType": "START",
            "timestamp": first["context"]["timestamp"],
            "start": {"contextId": first["context"]["id"]},
            "tags": {"producer": "demo-history"},
        }
        self.records.append((first_ms, len(self.records), start))
        for ms, record in chain.items:
            self.records.append((ms, len(self.records), record))

    def environments(self, ms: int) -> None:
        """`environment.created` events naming dev, staging and prod."""
        chain = _Chain(self.bits)
        for offset, (env, name) in enumerate(ENVIRONMENTS):
            chain.event(
                ENVIRONMENT_CREATED,
                ms + offset * 1000,
                CD,
                {"id": env, "source": CD, "content": {"name": name}},
            )
        self.emit(chain)

    def release(self, service: str, t: int, hotfix: bool = False) -> _Release:
        """Commits merged, built, tested and (unless the tests fail) deployed dev → prod."""
        rng = self.rng
        chain = _Chain(self.bits)
        repo = f"myorg/{service}"
        number = self._count(f"run:{service}")
        run = f"{service}-ci-h{number}"
        uri = f"https://tekton.example.com/#/namespaces/ci/pipelineruns/{run}"
        merges: list[str] = []
        for _ in range(1 if hotfix else rng.randint(1, 3)):
            kind, scope, text = (HOTFIXES if hotfix else CHANGES)[
                rng.randrange(len(HOTFIXES if hotfix else CHANGES))
            ]
            sha = f"{self.bits(160):040x}"
            authored = t - (self._gap(600, 1800) if hotfix else self._gap(3600, 3 * 86400))
            pr = self._count(f"pr:{service}") + 100
            merged = chain.event(
                CHANGE_MERGED,
                t,
                SCM,
                {"id": f"{repo}/pull/{pr}", "source": SCM, "content": {"repository": {"id": repo}}},
            )
            chain.items[-1][1]["customData"] = {
                "commitHash": sha,
                "commitUrl": f"https://github.com/{repo}/commit/{sha}",
                "title": f"{kind}({scope}): {text}" if scope else f"{kind}: {text}",
                "author": AUTHORS[rng.randrange(len(AUTHORS))],
                "timestamp": _ts(authored),
            }
            chain.items[-1][1]["customDataContentType"] = "application/json"
            merges.append(merged)
            t += self._gap(60, 900)
        pipeline = {"pipelineName": f"{service}-ci", "uri": uri}
        t += self._gap(5, 60)
        queued = chain.event(
            PIPELINERUN_QUEUED, t, CI, {"id": run, "source": CI, "content": dict(pipeline)}, merges
        )
        t += self._gap(5, 120)
        started = chain.event(
            PIPELINERUN_STARTED, t, CI, {"id": run, "source": CI, "content": dict(pipeline)},
            [queued],
        )  # fmt: skip
        artifact = f"pkg:oci/{service}@sha256%3A{self.bits(256):064x}?repository_url={REGISTRY}"
        task = {"taskName": "build", "pipelineRun": {"id": run}, "uri": f"{uri}/build"}
        t += self._gap(2, 10)
        prev = chain.event(
            TASKRUN_STARTED, t, CI, {"id": f"{run}-build", "source": CI, "content": dict(task)},
            [started],
        )  # fmt: skip
        t += self._gap(120, 600)
        prev = chain.event(
            BUILD_FINISHED, t, CI,
            {"id": f"{run}-build", "source": CI, "content": {"artifactId": artifact}}, [prev],
        )  # fmt: skip
        t += self._gap(1, 5)
        prev = chain.event(
            TASKRUN_FINISHED, t, CI,
            {"id": f"{run}-build", "source": CI, "content": {**task, "outcome": "success"}},
            [prev],
        )  # fmt: skip
        passed = hotfix or rng.random() >= 0.08
        t += self._gap(60, 600)
        prev = chain.event(
            TESTSUITERUN_FINISHED,
            t,
            CI,
            {
                "id": f"{run}-tests",
                "source": CI,
                "content": {
                    "outcome": "success" if passed else "failure",
                    "environment": {"id": "ci", "source": CI},
                    "testSuite": {"id": f"{service}-tests", "name": f"{service} tests"},
                },
            },
            [prev],
        )
        if not passed:
            t += self._gap(5, 30)
            chain.event(
                PIPELINERUN_FINISHED, t, CI,
                {"id": run, "source": CI,
                 "content": {**pipeline, "outcome": "failure", "errors": "tests failed"}},
                [prev],
            )  # fmt: skip
            self.emit(chain)
            return _Release(chain, service, None, None, None)
        t += self._gap(10, 60)
        prev = chain.event(
            ARTIFACT_PUBLISHED, t, CI,
            {"id": artifact, "source": CI, "content": {"user": "tekton-bot"}}, [prev],
        )  # fmt: skip
        t += self._gap(5, 30)
        finished = chain.event(
            PIPELINERUN_FINISHED, t, CI,
            {"id": run, "source": CI, "content": {**pipeline, "outcome": "success"}}, [prev],
        )  # fmt: skip
        waits = (
            ((300, 900), (600, 1800), (600, 1800))
            if hotfix
            else ((300, 1800), (1800, 4 * 3600), (2 * 3600, 20 * 3600))
        )
        deployed = finished
        for (env, _), (low, high) in zip(ENVIRONMENTS, waits, strict=True):
            t = _whole_second(t + self._gap(low, high))
            deployed = chain.event(
                self._service_type(service, env), t, CD,
                {"id": service, "source": CD,
                 "content": {"environment": {"id": env, "source": CD}, "artifactId": artifact}},
                [deployed], trigger=started,
            )  # fmt: skip
        return _Release(chain, service, artifact, deployed, t)

    def _service_type(self, service: str, env: str) -> str:
        if (service, env) in self.deployed:
            return SERVICE_UPGRADED
        self.deployed.add((service, env))
        return SERVICE_DEPLOYED

    def settle(self, release: _Release) -> None:
        """What happens after a release reaches prod: nothing, or one of three failures."""
        if release.prod_event is None or release.prod_ms is None:
            return
        roll = self.rng.random()
        assert release.artifact is not None
        if roll < 0.07:
            self._rollback(release)
        elif roll < 0.14:
            self._hotfix(release)
        elif roll < 0.18:
            self._self_healed(release)
        else:
            self.good[release.service] = release.artifact
            self.emit(release.chain)

    def _incident_content(
        self, service: str, artifact: str | None, description: str, ticket: bool = False
    ) -> Record:
        content: Record = {
            "description": description,
            "environment": {"id": "prod", "source": CD},
            "service": {"id": service, "source": CD},
        }
        if artifact is not None:
            content["artifactId"] = artifact
        if ticket:
            self.incidents += 1
            content["ticketURI"] = f"https://pagerduty.example.com/incidents/H{self.incidents:04d}"
        return content

    def _rollback(self, release: _Release) -> None:
        chain, service = release.chain, release.service
        assert release.prod_event is not None and release.prod_ms is not None
        incident = f"{service}-incident-{self._count('incident')}"
        t = release.prod_ms + self._gap(300, 2400)
        detected = chain.event(
            INCIDENT_DETECTED, t, MONITORING,
            {"id": incident, "source": MONITORING,
             "content": self._incident_content(
                 service, release.artifact, f"Error rate of {service} above 5% after deploy")},
            [release.prod_event],
        )  # fmt: skip
        t = _whole_second(t + self._gap(300, 1800))
        previous = self.good.get(service, f"pkg:oci/{service}@sha256%3A{0:064x}")
        back = chain.event(
            SERVICE_ROLLEDBACK, t, CD,
            {"id": service, "source": CD,
             "content": {"environment": {"id": "prod", "source": CD}, "artifactId": previous}},
            [detected],
        )  # fmt: skip
        t += self._gap(300, 1200)
        chain.event(
            INCIDENT_RESOLVED, t, MONITORING,
            {"id": incident, "source": MONITORING,
             "content": self._incident_content(service, release.artifact, "Rolled back")},
            [back],
        )  # fmt: skip
        self.emit(chain)

    def _hotfix(self, release: _Release) -> None:
        service = release.service
        assert release.prod_ms is not None
        self.emit(release.chain)
        incident = f"{service}-incident-{self._count('incident')}"
        ticket = _Chain(self.bits)
        t = release.prod_ms + self._gap(1800, 6 * 3600)
        reported = ticket.event(
            INCIDENT_REPORTED, t, TICKETS,
            {"id": incident, "source": TICKETS,
             "content": self._incident_content(
                 service, None, f"Customers report failed checkouts on {service}", ticket=True)},
        )  # fmt: skip
        fix = self.release(service, t + self._gap(900, 3600), hotfix=True)
        assert fix.prod_ms is not None and fix.artifact is not None
        self.good[service] = fix.artifact
        self.emit(fix.chain)
        ticket.event(
            INCIDENT_RESOLVED, fix.prod_ms + self._gap(300, 1800), TICKETS,
            {"id": incident, "source": TICKETS,
             "content": self._incident_content(service, None, "Hotfix deployed")},
            [reported],
        )  # fmt: skip
        self.emit(ticket)

    def _self_healed(self, release: _Release) -> None:
        service = release.service
        assert release.prod_ms is not None and release.artifact is not None
        self.good[service] = release.artifact
        self.emit(release.chain)
        incident = f"{service}-incident-{self._count('incident')}"
        alert = _Chain(self.bits)
        t = release.prod_ms + self._gap(3600, 8 * 3600)
        detected = alert.event(
            INCIDENT_DETECTED, t, MONITORING,
            {"id": incident, "source": MONITORING,
             "content": self._incident_content(
                 service, release.artifact, f"Latency of {service} above its objective")},
        )  # fmt: skip
        alert.event(
            INCIDENT_RESOLVED, t + self._gap(1800, 3 * 3600), MONITORING,
            {"id": incident, "source": MONITORING,
             "content": self._incident_content(service, release.artifact, "Recovered")},
            [detected],
        )  # fmt: skip
        self.emit(alert)


def history_records(
    weeks: int = HISTORY_WEEKS, seed: int = 7, end: datetime | None = None
) -> Iterator[Record]:
    """Yield `weeks` weeks of delivery history ending before `end`, in arrival (time) order."""
    history = _History(seed)
    end_ms = _epoch_ms(DEFAULT_START if end is None else end)
    first_day = (end_ms // _DAY - weeks * 7) * _DAY
    history.environments(first_day)
    for day in range(weeks * 7 - 1):  # the last day is left for late deployments and incidents
        day_ms = first_day + day * _DAY
        weekday = (day_ms // _DAY + 3) % 7  # 1970-01-01 was a Thursday
        busy = weekday < 5 or history.rng.random() < 0.1
        for service in HISTORY_SERVICES:
            if busy and history.rng.random() < 0.6:
                merge_at = day_ms + 8 * _HOUR + history.rng.randrange(8 * _HOUR)
                history.settle(history.release(service, merge_at))
    for _, _, record in sorted(
        (item for item in history.records if item[0] < end_ms), key=lambda item: item[:2]
    ):
        yield record
