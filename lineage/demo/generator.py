"""Deterministic demo and load generator for CDEvents v0.5.1 events and links.

`demo_records` yields raw wire records (plain JSON-able dicts): CDEvents v0.5.1 events with
embedded links in `context.links`, plus standalone link records (START, and PATH for fan-in
edges).  Each delivery chain has its own `chainId`; chains start minutes apart and run
concurrently, so their records interleave in arrival (timestamp) order.  Three chain shapes
are cycled (delivery, fan-out/fan-in release, failed deploy + rollback), and every 5th chain
is left incomplete (no END link).  Delivery chains also do what real CI does (`_CiHabits`):
tasks wait for runners, unit tests flake and are retried, some retries rebuild a different
image.  `sloppy_records` re-delivers a stream the way misbehaving producers do, without
changing what any record means.

Only the standard library is used; all randomness comes from `random.Random`s seeded from
`seed`, so the output is byte-for-byte reproducible for a given seed and start instant.
"""

from __future__ import annotations

import heapq
import json
import random
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

__all__ = [
    "DEFAULT_START",
    "SCENARIOS",
    "SPEC_VERSION",
    "demo_events",
    "demo_live_states",
    "demo_records",
    "events_per_chain_estimate",
    "sloppy_records",
    "write_jsonl",
]

Record = dict[str, Any]

SPEC_VERSION: Final = "0.5.1"
DEFAULT_START: Final = datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC)
SCENARIOS: Final = ("delivery", "fan-out", "rollback")
INCOMPLETE_EVERY: Final = 5  # chain indices 4, 9, 14, ... never get an END link

# Event type strings, exactly as in the v0.5.1 conformance examples.
CHANGE_MERGED: Final = "dev.cdevents.change.merged.0.3.0"
PIPELINERUN_QUEUED: Final = "dev.cdevents.pipelinerun.queued.0.3.0"
PIPELINERUN_STARTED: Final = "dev.cdevents.pipelinerun.started.0.3.0"
PIPELINERUN_FINISHED: Final = "dev.cdevents.pipelinerun.finished.0.3.0"
TASKRUN_STARTED: Final = "dev.cdevents.taskrun.started.0.3.0"
TASKRUN_FINISHED: Final = "dev.cdevents.taskrun.finished.0.3.0"
BUILD_STARTED: Final = "dev.cdevents.build.started.0.3.0"
BUILD_FINISHED: Final = "dev.cdevents.build.finished.0.3.0"
TESTSUITERUN_FINISHED: Final = "dev.cdevents.testsuiterun.finished.0.3.0"
ARTIFACT_PACKAGED: Final = "dev.cdevents.artifact.packaged.0.3.0"
ARTIFACT_PUBLISHED: Final = "dev.cdevents.artifact.published.0.3.0"
SERVICE_DEPLOYED: Final = "dev.cdevents.service.deployed.0.3.0"
SERVICE_UPGRADED: Final = "dev.cdevents.service.upgraded.0.3.0"
SERVICE_ROLLEDBACK: Final = "dev.cdevents.service.rolledback.0.3.0"
INCIDENT_DETECTED: Final = "dev.cdevents.incident.detected.0.3.0"

SCM: Final = "/scm/github"
CI: Final = "/ci/tekton"
RELEASE_CI: Final = "/ci/jenkins"
CD: Final = "/cd/argocd"
MONITORING: Final = "/monitoring/prometheus"
REGISTRY: Final = "registry.example.com/myorg"

SERVICES: Final = (
    "payments",
    "checkout",
    "inventory",
    "ledger",
    "notifications",
    "search",
    "accounts",
    "shipping",
)
PRODUCTS: Final = ("edge-agent", "sync-client", "backup-cli")
PLATFORMS: Final = ("mac", "sles", "windows")
AUTHORS: Final = ("alice", "bob", "carol", "dmitri", "esther", "farid", "grace", "hiro")
TITLES: Final = (
    "Fix rounding in totals",
    "Bump base image",
    "Add retry to upstream client",
    "Tighten input validation",
    "Cache lookups per request",
    "Upgrade logging library",
    "Remove dead feature flag",
    "Speed up cold start",
)
_PROMOTE_STYLES: Final = ("standalone", "embedded", "mixed")

_MINUTE: Final = 60_000
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL: Final = date(1970, 1, 1).toordinal()


def _uuid(bits: Callable[[int], int]) -> str:
    """Return a random (version 4) UUID string drawn from a seeded `getrandbits`."""
    n = (bits(128) & ~(0xF << 76) & ~(0x3 << 62)) | (0x4 << 76) | (0x2 << 62)
    h = f"{n:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@lru_cache(maxsize=4096)
def _day(day: int) -> str:
    """Return the YYYY-MM-DD text of a day counted from the Unix epoch."""
    return date.fromordinal(_EPOCH_ORDINAL + day).isoformat()


@lru_cache(maxsize=8192)
def _minute(minute: int) -> str:
    """Return the 'YYYY-MM-DDTHH:MM:' prefix of a minute counted from the Unix epoch."""
    day, minute_of_day = divmod(minute, 1440)
    hh, mm = divmod(minute_of_day, 60)
    return f"{_day(day)}T{hh:02d}:{mm:02d}:"


def _ts(ms: int) -> str:
    """Format epoch milliseconds as RFC 3339 UTC with millisecond digits and 'Z'."""
    minute, ms_of_minute = divmod(ms, _MINUTE)
    ss, frac = divmod(ms_of_minute, 1000)
    return f"{_minute(minute)}{ss:02d}.{frac:03d}Z"


def _epoch_ms(moment: datetime) -> int:
    """Convert a datetime (naive means UTC) to integer epoch milliseconds."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def _whole_second(ms: int) -> int:
    """Round up to the next whole second, the precision Argo CD style producers emit."""
    return (ms // 1000 + 1) * 1000


class _Chain:
    """Collects the records of one chain and remembers each event's PATH predecessors."""

    __slots__ = ("_bits", "chain_id", "items", "preds")

    def __init__(self, bits: Callable[[int], int]) -> None:
        """Start an empty chain with a fresh chainId."""
        self._bits = bits
        self.chain_id = _uuid(bits)
        self.items: list[tuple[int, Record]] = []
        self.preds: dict[str, Sequence[str]] = {}

    def event(
        self,
        etype: str,
        ms: int,
        source: str,
        subject: Record,
        preds: Sequence[str] = (),
        trigger: str | None = None,
        bits: Callable[[int], int] | None = None,
    ) -> str:
        """Append one event with embedded PATH links from `preds` and return its id (drawn from
        `bits`, else from the chain's generator)."""
        eid = _uuid(bits or self._bits)
        context: Record = {
            "specversion": SPEC_VERSION,
            "id": eid,
            "chainId": self.chain_id,
            "source": source,
            "type": etype,
            "timestamp": _ts(ms),
        }
        links: list[Record] = [{"linkType": "PATH", "from": {"contextId": p}} for p in preds]
        if trigger is not None:
            links.append(
                {"linkType": "RELATION", "linkKind": "TRIGGER", "target": {"contextId": trigger}}
            )
        if links:
            context["links"] = links
        self.items.append((ms, {"context": context, "subject": subject}))
        self.preds[eid] = preds
        return eid

    def path_link(self, ms: int, src: str, dst: str, edge: str) -> None:
        """Append a standalone PATH link record from `src` to `dst`."""
        self.items.append(
            (
                ms,
                {
                    "chainId": self.chain_id,
                    "linkType": "PATH",
                    "timestamp": _ts(ms),
                    "from": {"contextId": src},
                    "to": {"contextId": dst},
                    "tags": {"producer": "demo", "edge": edge},
                },
            )
        )


class _CiHabits:
    """What real CI does that the happy path does not, drawn from an RNG of its own (so the
    other chains keep their draws): tasks that wait for a free runner (queue time), unit tests
    that fail and pass on a retry of the same commit (flaky tests, retried stages), and retries
    that rebuild first and get another image digest (a stage that is not idempotent).

    Deterministic by count, so even a dozen chains show each: every 6th delivery (from the 2nd)
    has flaky unit tests; every 2nd of those also rebuilds before retrying.
    """

    def __init__(self, seed: int) -> None:
        """Seed this RNG from the demo seed."""
        self.rng = random.Random(f"ci-habits-{seed}")
        self.bits = self.rng.getrandbits
        self.deliveries = 0
        self.flakes = 0

    def next_delivery(self) -> tuple[bool, bool]:
        """Whether the next delivery's unit tests flake, and whether its retry rebuilds."""
        self.deliveries += 1
        if self.deliveries % 6 != 2:
            return False, False
        self.flakes += 1
        return True, self.flakes % 2 == 0

    def gap(self, low_s: int, high_s: int) -> int:
        """A random duration in milliseconds between the given seconds."""
        return low_s * 1000 + int(self.rng.random() * (high_s - low_s) * 1000)

    def runner_wait_ms(self, task: str) -> int:
        """How long a task waits for a runner: builds often (1 in 4, 1-10 min), tests rarely."""
        if task == "build":
            return self.gap(60, 600) if self.rng.random() < 0.25 else 0
        return self.gap(30, 180) if self.rng.random() < 0.1 else 0

    def retry(
        self,
        chain: _Chain,
        t: int,
        prev: str,
        run: str,
        app: str,
        task: Callable[..., Record],
        suite: Callable[[int, str], Record],
        rebuild: bool,
        artifact: str,
    ) -> tuple[int, str, str]:
        """Retry failed unit tests (after a rebuild, if `rebuild`): the time, the last event id
        and the artifact the run goes on with."""
        if rebuild:
            artifact = f"pkg:oci/{app}@sha256%3A{self.bits(256):064x}?repository_url={REGISTRY}"
            t += self.gap(5, 60)
            prev = chain.event(TASKRUN_STARTED, t, CI, task("build", False, 2), [prev],
                               bits=self.bits)  # fmt: skip
            t += self.gap(60, 400)
            built = {"id": f"{run}-build-2", "source": CI, "content": {"artifactId": artifact}}
            prev = chain.event(BUILD_FINISHED, t, CI, built, [prev], bits=self.bits)
            t += self.gap(1, 5)
            prev = chain.event(TASKRUN_FINISHED, t, CI, task("build", True, 2), [prev],
                               bits=self.bits)  # fmt: skip
        t += self.gap(5, 60) + self.runner_wait_ms("unit-tests")
        prev = chain.event(TASKRUN_STARTED, t, CI, task("unit-tests", False, 2), [prev],
                           bits=self.bits)  # fmt: skip
        t += self.gap(30, 300)
        prev = chain.event(TESTSUITERUN_FINISHED, t, CI, suite(2, "success"), [prev],
                           bits=self.bits)  # fmt: skip
        t += self.gap(1, 5)
        prev = chain.event(TASKRUN_FINISHED, t, CI, task("unit-tests", True, 2), [prev],
                           bits=self.bits)  # fmt: skip
        return t, prev, artifact


class _Generator:
    """Holds the seeded RNG and the cross-chain state (run counters, deployments)."""

    def __init__(self, seed: int) -> None:
        """Seed the RNG and reset the per-service state."""
        self.rng = random.Random(seed)
        self.bits = self.rng.getrandbits
        self._random = self.rng.random
        self.counters: dict[str, int] = {}
        self.deployed: set[tuple[str, str]] = set()
        self.prod_history: dict[str, list[tuple[int, str]]] = {}
        self.incidents = 4000 + self.rng.randrange(1000)
        self.fanouts = 0
        self.prod_candidate: tuple[str, int, str, str] | None = None
        self.habits = _CiHabits(seed)

    def _next(self, key: str, low: int, high: int) -> int:
        """Return the next value of a monotonically increasing per-key counter."""
        value = self.counters.get(key)
        value = self.rng.randint(low, high) if value is None else value + self.rng.randint(1, 3)
        self.counters[key] = value
        return value

    def _gap(self, low_s: int, high_s: int) -> int:
        """Return a random duration in milliseconds between the given seconds."""
        return low_s * 1000 + int(self._random() * (high_s - low_s) * 1000)

    def _oci(self, app: str) -> str:
        """Return a PURL for a freshly built OCI image of `app`."""
        return f"pkg:oci/{app}@sha256%3A{self.bits(256):064x}?repository_url={REGISTRY}"

    def _last_good(self, app: str, before: int) -> str:
        """Return the artifact last deployed successfully to prod before `before`."""
        history = self.prod_history.setdefault(app, [])
        candidates = [(ms, purl) for ms, purl in history if ms < before]
        if candidates:
            return max(candidates)[1]
        purl = self._oci(app)  # a release from before the demo window
        history.insert(0, (before - 86_400_000, purl))
        return purl

    def _service_type(self, app: str, env: str) -> str:
        """Use service.deployed for a first deployment to an env, service.upgraded afterwards."""
        if env == "dev" or (app, env) not in self.deployed:
            self.deployed.add((app, env))
            return SERVICE_DEPLOYED
        return SERVICE_UPGRADED

    def chain(self, index: int, t0: int) -> _Chain:
        """Build the chain with the given index starting at `t0` (epoch ms)."""
        shape = SCENARIOS[index % len(SCENARIOS)]
        incomplete = index % INCOMPLETE_EVERY == INCOMPLETE_EVERY - 1
        if shape == "fan-out":
            chain = self._fan_out(t0, count_style=not incomplete)
        else:
            chain = self._delivery(t0, rollback=shape == "rollback")
        if incomplete:
            self._truncate(chain)
        else:
            self._end(chain)
        if self.prod_candidate is not None:
            app, ms, artifact, event_id = self.prod_candidate
            self.prod_candidate = None
            if event_id in {rec["context"]["id"] for _, rec in chain.items if "context" in rec}:
                history = self.prod_history.setdefault(app, [])
                history.append((ms, artifact))
                del history[:-50]
        return chain

    def _end(self, chain: _Chain) -> None:
        """Add the embedded END link to the chain's last event."""
        last = chain.items[-1][1]
        preds = chain.preds[last["context"]["id"]]
        end: Record = {"linkType": "END"}
        if preds:
            end["from"] = {"contextId": preds[0]}
        last["context"].setdefault("links", []).append(end)

    def _truncate(self, chain: _Chain) -> None:
        """Cut the chain after a random event, as if its producer stopped reporting."""
        event_positions = [i for i, (_, rec) in enumerate(chain.items) if "context" in rec]
        total = len(event_positions)
        keep = self.rng.randint(max(2, total * 2 // 5), total - 2)
        cut = event_positions[keep]  # index of the first event that is dropped
        del chain.items[cut:]

    def _delivery(self, t0: int, rollback: bool) -> _Chain:
        """Build a merge-to-prod delivery chain, optionally ending in incident + rollback."""
        rng = self.rng
        chain = _Chain(self.bits)
        app = SERVICES[rng.randrange(len(SERVICES))]
        repo = f"myorg/{app}"
        pr = self._next(f"pr:{app}", 100, 2000)
        run = f"{app}-ci-{self._next(f'run:{app}', 100, 900)}"
        run_uri = f"https://tekton.example.com/#/namespaces/ci/pipelineruns/{run}"
        sha = f"{self.bits(160):040x}"
        change_id = f"{repo}/pull/{pr}"
        artifact = self._oci(app)

        t = t0
        merged = chain.event(
            CHANGE_MERGED,
            t,
            SCM,
            {"id": change_id, "source": SCM, "content": {"repository": {"id": repo}}},
        )
        chain.items[-1][1]["customData"] = {
            "commitHash": sha,
            "commitUrl": f"https://github.com/{repo}/commit/{sha}",
            "title": TITLES[rng.randrange(len(TITLES))],
            "author": AUTHORS[rng.randrange(len(AUTHORS))],
        }
        chain.items[-1][1]["customDataContentType"] = "application/json"

        pipeline = {"pipelineName": f"{app}-ci", "uri": run_uri}
        t += self._gap(2, 15)
        queued = chain.event(
            PIPELINERUN_QUEUED,
            t,
            CI,
            {"id": run, "source": CI, "content": dict(pipeline)},
            [merged],
        )
        t += self._gap(5, 60)
        started = chain.event(
            PIPELINERUN_STARTED,
            t,
            CI,
            {"id": run, "source": CI, "content": dict(pipeline)},
            [queued],
        )
        prev = started

        habits = self.habits
        flake, rebuild = habits.next_delivery()

        def task(name: str, finished: bool, attempt: int = 1, outcome: str = "success") -> Record:
            """Return the subject of a taskrun of this pipeline run (`attempt` > 1: a retry)."""
            content: Record = {
                "taskName": name,
                "uri": f"{run_uri}/{name}",
                "pipelineRun": {"id": run},
            }
            if finished:
                content["outcome"] = outcome
            suffix = "" if attempt == 1 else f"-{attempt}"
            return {"id": f"{run}-{name}{suffix}", "source": CI, "content": content}

        def suite(attempt: int, outcome: str) -> Record:
            """Return the subject of a unit-test suite run of this pipeline run."""
            suffix = "" if attempt == 1 else f"-{attempt}"
            return {
                "id": f"{run}-unit-tests{suffix}",
                "source": CI,
                "content": {
                    "outcome": outcome,
                    "environment": {"id": "ci", "source": CI},
                    "testSuite": {"id": f"{app}-unit", "name": f"{app} unit tests"},
                },
            }

        t += self._gap(2, 10) + habits.runner_wait_ms("build")
        prev = chain.event(TASKRUN_STARTED, t, CI, task("build", False), [prev])
        t += self._gap(60, 400)
        prev = chain.event(
            BUILD_FINISHED,
            t,
            CI,
            {"id": f"{run}-build", "source": CI, "content": {"artifactId": artifact}},
            [prev],
        )
        t += self._gap(1, 5)
        prev = chain.event(TASKRUN_FINISHED, t, CI, task("build", True), [prev])
        t += self._gap(2, 10) + habits.runner_wait_ms("unit-tests")
        prev = chain.event(TASKRUN_STARTED, t, CI, task("unit-tests", False), [prev])
        t += self._gap(30, 300)
        first = "failure" if flake else "success"
        prev = chain.event(TESTSUITERUN_FINISHED, t, CI, suite(1, first), [prev])
        t += self._gap(1, 5)
        prev = chain.event(
            TASKRUN_FINISHED, t, CI, task("unit-tests", True, outcome=first), [prev]
        )
        if flake:
            t, prev, artifact = habits.retry(chain, t, prev, run, app, task, suite, rebuild,
                                             artifact)  # fmt: skip
        t += self._gap(5, 30)
        prev = chain.event(
            ARTIFACT_PACKAGED,
            t,
            CI,
            {"id": artifact, "source": CI, "content": {"change": {"id": change_id, "source": SCM}}},
            [prev],
        )
        t += self._gap(5, 60)
        prev = chain.event(
            ARTIFACT_PUBLISHED,
            t,
            CI,
            {"id": artifact, "source": CI, "content": {"user": "tekton-bot"}},
            [prev],
        )
        for env, low, high in (("dev", 30, 180), ("staging", 300, 1200), ("prod", 600, 2400)):
            t = _whole_second(t + self._gap(low, high))
            prev = chain.event(
                self._service_type(app, env),
                t,
                CD,
                {
                    "id": app,
                    "source": CD,
                    "content": {"environment": {"id": env, "source": CD}, "artifactId": artifact},
                },
                [prev],
                trigger=started,
            )
        prod_deployed = t

        finished: Record = dict(pipeline)
        if rollback:
            self.incidents += 1
            incident = f"incident-{self.incidents}"
            t += self._gap(60, 900)
            prev = chain.event(
                INCIDENT_DETECTED,
                t,
                MONITORING,
                {
                    "id": incident,
                    "source": MONITORING,
                    "content": {
                        "description": f"Error rate of {app} above 5% after deploy",
                        "environment": {"id": "prod", "source": CD},
                        "service": {"id": app, "source": CD},
                        "artifactId": artifact,
                    },
                },
                [prev],
            )
            t = _whole_second(t + self._gap(60, 300))
            prev = chain.event(
                SERVICE_ROLLEDBACK,
                t,
                CD,
                {
                    "id": app,
                    "source": CD,
                    "content": {
                        "environment": {"id": "prod", "source": CD},
                        "artifactId": self._last_good(app, prod_deployed),
                    },
                },
                [prev],
                trigger=started,
            )
            finished["outcome"] = "failure"
            finished["errors"] = f"prod deployment of {app} rolled back after {incident}"
        else:
            self.prod_candidate = (app, prod_deployed, artifact, prev)
            finished["outcome"] = "success"
        t += self._gap(5, 30)
        chain.event(
            PIPELINERUN_FINISHED, t, CI, {"id": run, "source": CI, "content": finished}, [prev]
        )
        return chain

    def _fan_out(self, t0: int, count_style: bool) -> _Chain:
        """Build a release: static analysis fans out to 3 platform builds that promote joins."""
        rng = self.rng
        chain = _Chain(self.bits)
        product = PRODUCTS[rng.randrange(len(PRODUCTS))]
        number = self._next(f"release:{product}", 10, 90)
        run = f"{product}-release-{number}"
        run_uri = f"https://jenkins.example.com/job/{product}-release/{number}/"
        version = f"{rng.randint(1, 4)}.{number}.{rng.randint(0, 9)}"
        # complete fan-outs cycle through the styles, so even 12 chains show all three
        style = _PROMOTE_STYLES[self.fanouts % len(_PROMOTE_STYLES)]
        self.fanouts += int(count_style)

        def task(name: str, finished: bool) -> Record:
            """Return the subject of a taskrun event of this release run."""
            content: Record = {
                "taskName": name,
                "uri": f"{run_uri}execution/node/{name}/",
                "pipelineRun": {"id": run, "source": RELEASE_CI},
            }
            if finished:
                content["outcome"] = "success"
            return {"id": f"{run}-{name}", "source": RELEASE_CI, "content": content}

        t = t0
        started = chain.event(
            PIPELINERUN_STARTED,
            t,
            RELEASE_CI,
            {
                "id": run,
                "source": RELEASE_CI,
                "content": {"pipelineName": f"{product}-release", "uri": run_uri},
            },
        )
        t += self._gap(2, 10)
        prev = chain.event(
            TASKRUN_STARTED, t, RELEASE_CI, task("static-analysis", False), [started]
        )
        t += self._gap(60, 300)
        fan = chain.event(TASKRUN_FINISHED, t, RELEASE_CI, task("static-analysis", True), [prev])

        joins: list[tuple[int, str]] = []
        for platform in PLATFORMS:
            bs = t + self._gap(1, 20)
            build_id = f"{product}-{platform}-build-{number}"
            b_started = chain.event(
                BUILD_STARTED,
                bs,
                RELEASE_CI,
                {"id": build_id, "source": RELEASE_CI, "content": {}},
                [fan],
            )
            bf = bs + self._gap(300, 1500)
            b_finished = chain.event(
                BUILD_FINISHED,
                bf,
                RELEASE_CI,
                {
                    "id": build_id,
                    "source": RELEASE_CI,
                    "content": {"artifactId": f"pkg:generic/{product}-{platform}@{version}"},
                },
                [b_started],
            )
            tf = bf + self._gap(60, 600)
            tested = chain.event(
                TESTSUITERUN_FINISHED,
                tf,
                RELEASE_CI,
                {
                    "id": f"{product}-{platform}-smoke-{number}",
                    "source": RELEASE_CI,
                    "content": {
                        "outcome": "success",
                        "environment": {"id": f"lab-{platform}", "source": RELEASE_CI},
                        "testSuite": {
                            "id": f"{product}-smoke-{platform}",
                            "name": f"{product} smoke tests on {platform}",
                        },
                    },
                },
                [b_finished],
            )
            joins.append((tf, tested))

        t = max(ms for ms, _ in joins) + self._gap(10, 60)
        join_ids = [eid for _, eid in sorted(joins)]
        embedded = {"embedded": join_ids, "standalone": [], "mixed": join_ids[:1]}[style]
        promote = chain.event(TASKRUN_STARTED, t, RELEASE_CI, task("promote", False), embedded)
        chain.preds[promote] = join_ids
        for offset, src in enumerate(eid for eid in join_ids if eid not in embedded):
            chain.path_link(t + 1 + offset, src, promote, "fan-in")

        release = f"pkg:generic/{product}@{version}"
        t += self._gap(30, 120)
        prev = chain.event(
            ARTIFACT_PUBLISHED,
            t,
            RELEASE_CI,
            {"id": release, "source": RELEASE_CI, "content": {"user": "jenkins-release"}},
            [promote],
        )
        t = _whole_second(t + self._gap(60, 300))
        prev = chain.event(
            self._service_type(product, "prod"),
            t,
            CD,
            {
                "id": product,
                "source": CD,
                "content": {"environment": {"id": "prod", "source": CD}, "artifactId": release},
            },
            [prev],
            trigger=started,
        )
        t += self._gap(5, 30)
        chain.event(
            PIPELINERUN_FINISHED,
            t,
            RELEASE_CI,
            {
                "id": run,
                "source": RELEASE_CI,
                "content": {
                    "pipelineName": f"{product}-release",
                    "uri": run_uri,
                    "outcome": "success",
                },
            },
            [prev],
        )
        chain.items.sort(key=lambda item: item[0])  # parallel branches: arrival is time order
        return chain


def demo_records(
    chains: int = 12, seed: int = 7, start: datetime | None = None
) -> Iterator[dict[str, Any]]:
    """Yield v0.5.1 CDEvents and standalone links for `chains` delivery chains, in arrival order."""
    gen = _Generator(seed)
    heap: list[tuple[int, int, int, Record]] = []
    t0 = _epoch_ms(DEFAULT_START if start is None else start)
    for index in range(chains):
        if index:
            t0 += gen.rng.randint(1 * _MINUTE, 5 * _MINUTE)
        while heap and heap[0][0] < t0:
            yield heapq.heappop(heap)[3]
        chain = gen.chain(index, t0)
        first_ms, first = chain.items[0]
        heapq.heappush(
            heap,
            (
                first_ms,
                index,
                0,
                {
                    "chainId": chain.chain_id,
                    "linkType": "START",
                    "timestamp": first["context"]["timestamp"],
                    "start": {"contextId": first["context"]["id"]},
                    "tags": {"producer": "demo"},
                },
            ),
        )
        for pos, (ms, record) in enumerate(chain.items, start=1):
            heapq.heappush(heap, (ms, index, pos, record))
    while heap:
        yield heapq.heappop(heap)[3]


@lru_cache(maxsize=1)
def events_per_chain_estimate() -> float:
    """Return the average number of events (not links) per chain, measured on a sample."""
    sample = 300
    events = sum(1 for rec in demo_records(chains=sample, seed=0) if "context" in rec)
    return events / sample


def demo_events(events: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """`demo_records` cut off after exactly `events` events (links among them included)."""
    chains = int(events / events_per_chain_estimate()) + 50  # enough chains, with room to spare
    counted = 0
    for record in demo_records(chains=chains, seed=seed):
        if "context" in record:
            if counted == events:
                return
            counted += 1
        yield record


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write records one per line and return how many were written."""
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, separators=(",", ":")))
            out.write("\n")
            count += 1
    return count


# --------------------------------------------------------------------------- sloppy producers

_UUID_RE: Final = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_TS_RE: Final = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?([Zz]|[+-]\d\d:\d\d)"
)
_TS_FORMS: Final = ("+00:00", "+02:00", "lowercase", "frac3", "frac6", "frac9", "nofrac")
_V03_VERSIONS: Final = {"change": "0.1.2", "testsuiterun": "0.1.0", "incident": "0.1.0"}
_V03_SUBJECT_TYPES: Final = {
    "pipelinerun": "pipelineRun",
    "taskrun": "taskRun",
    "testsuiterun": "testSuiteRun",
    "testcaserun": "testCaseRun",
    "testoutput": "testOutput",
}
_LINK_ENDS: Final = ("start", "from", "to", "end", "source", "target")


def _clone(value: Any) -> Any:
    """Copy a JSON-like value (dicts and lists) so transformations never touch the input."""
    if isinstance(value, dict):
        return {k: _clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clone(v) for v in value]
    return value


def _is_event(record: Record) -> bool:
    """Tell events (with a context) from standalone link records."""
    return isinstance(record.get("context"), dict)


def _retype(etype: str, version: str | None) -> str:
    """Replace the version of a dev.cdevents type; None picks the v0.3-era version."""
    parts = etype.split(".")
    if len(parts) < 6 or parts[0] != "dev" or parts[1] != "cdevents":
        return etype
    subject = parts[2]
    if version is None:
        version = _V03_VERSIONS.get(subject, "0.1.1")
    return ".".join([*parts[:4], version])


def _rewrite_old_spec(record: Record, rng: random.Random) -> Record:
    """Rewrite ~5% of events into v0.3 shape and ~5% into v0.4 shape.

    v0.3: `context.version: "0.3.0"` replaces `specversion`; `chainId`, `links` and
    `schemaUri` are dropped; the type gets its v0.3-era version (e.g.
    dev.cdevents.pipelinerun.started.0.1.1, change.* 0.1.2, testsuiterun/incident 0.1.0);
    the subject gains `"type"` (pipelineRun, taskRun, service, ...) and a content `uri` is
    renamed `url`.  v0.4: `specversion: "0.4.1"`, `links` dropped (chainId kept), type
    version 0.2.0.  Standalone links are left alone.
    """
    if not _is_event(record):
        return record
    roll = rng.random()
    if roll >= 0.10:
        return record
    ctx = record["context"]
    if roll < 0.05:
        etype = str(ctx.get("type", ""))
        parts = etype.split(".")
        token = parts[2] if len(parts) > 2 else ""
        new_ctx: Record = {"version": "0.3.0"}
        new_ctx.update(
            (k, v)
            for k, v in ctx.items()
            if k not in ("specversion", "chainId", "links", "schemaUri")
        )
        new_ctx["type"] = _retype(etype, None)
        subject = record.get("subject")
        if isinstance(subject, dict):
            new_subject: Record = {k: v for k, v in subject.items() if k != "content"}
            new_subject["type"] = _V03_SUBJECT_TYPES.get(token, token)
            content = subject.get("content")
            if isinstance(content, dict):
                new_subject["content"] = {
                    ("url" if k == "uri" else k): v for k, v in content.items()
                }
            record["subject"] = new_subject
    else:
        new_ctx = {k: v for k, v in ctx.items() if k != "links"}
        new_ctx["specversion"] = "0.4.1"
        new_ctx["type"] = _retype(str(ctx.get("type", "")), "0.2.0")
    record["context"] = new_ctx
    return record


def _drop_chain_id(record: Record, rng: random.Random) -> Record:
    """Remove `context.chainId` from ~5% of events.

    The event can still be placed in its chain through its embedded links, or through a
    standalone link that names it and carries the chainId.
    """
    if _is_event(record) and "chainId" in record["context"] and rng.random() < 0.05:
        del record["context"]["chainId"]
    return record


def _upper(value: str, rng: random.Random) -> str:
    """Upper-case a UUID string with probability 0.1."""
    if len(value) == 36 and rng.random() < 0.10 and _UUID_RE.fullmatch(value):
        return value.upper()
    return value


def _uppercase_ids(record: Record, rng: random.Random) -> Record:
    """Upper-case ~10% of UUIDs: event ids, chainIds and link contextIds, independently.

    Covers `context.id`, `context.chainId`, the contextIds of embedded links, and the
    chainId and start/from/to/end/source/target contextIds of standalone links.
    """
    holders: list[Record] = []
    if _is_event(record):
        ctx = record["context"]
        for key in ("id", "chainId"):
            if isinstance(ctx.get(key), str):
                ctx[key] = _upper(ctx[key], rng)
        for link in ctx.get("links") or ():
            if isinstance(link, dict):
                holders.append(link)
    else:
        if isinstance(record.get("chainId"), str):
            record["chainId"] = _upper(record["chainId"], rng)
        holders.append(record)
    for holder in holders:
        for end in _LINK_ENDS:
            ref = holder.get(end)
            if isinstance(ref, dict) and isinstance(ref.get("contextId"), str):
                ref["contextId"] = _upper(ref["contextId"], rng)
    return record


def _restamp(value: str, form: str) -> str:
    """Write an RFC 3339 timestamp in another form that denotes the same instant."""
    match = _TS_RE.fullmatch(value)
    if match is None:
        return value
    year, month, day, hh, mm, ss, frac, zone = match.groups()
    nanos = int((frac or "").ljust(9, "0"))
    if zone in ("Z", "z"):
        offset = timedelta(0)
    else:
        sign = -1 if zone[0] == "-" else 1
        offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    utc = datetime(int(year), int(month), int(day), int(hh), int(mm), int(ss)) - offset
    if form == "nofrac" and nanos:
        form = "frac9"  # dropping a non-zero fraction would change the instant
    if form == "frac3" and nanos % 1_000_000:
        form = "frac9"
    if form == "frac6" and nanos % 1_000:
        form = "frac9"
    digits = {"frac3": 3, "frac6": 6, "frac9": 9}.get(form)
    if form == "nofrac":
        fraction = ""
    elif digits is not None:
        fraction = "." + f"{nanos:09d}"[:digits]
    else:
        fraction = f".{frac}" if frac else ""  # offset/case forms keep the original digits
    if form == "+02:00":
        local = utc + timedelta(hours=2)
        return f"{local:%Y-%m-%dT%H:%M:%S}{fraction}+02:00"
    if form == "+00:00":
        return f"{utc:%Y-%m-%dT%H:%M:%S}{fraction}+00:00"
    if form == "lowercase":
        return f"{utc:%Y-%m-%dt%H:%M:%S}{fraction}z"
    return f"{utc:%Y-%m-%dT%H:%M:%S}{fraction}Z"


def _reformat_timestamps(record: Record, rng: random.Random) -> Record:
    """Re-write ~40% of timestamps (events and links) in another RFC 3339 form, same instant.

    Forms: a `+00:00` offset, a `+02:00` offset with the wall time shifted by two hours,
    lowercase `t` and `z`, 3, 6 or 9 fractional digits, or no fraction at all (only when
    the fraction is zero, so the instant never changes).
    """
    holder = record["context"] if _is_event(record) else record
    value = holder.get("timestamp")
    if isinstance(value, str) and rng.random() < 0.40:
        holder["timestamp"] = _restamp(value, _TS_FORMS[rng.randrange(len(_TS_FORMS))])
    return record


def _link_targets(record: Record) -> set[str]:
    """Return the lower-cased contextIds a standalone link record refers to."""
    targets: set[str] = set()
    for end in _LINK_ENDS:
        ref = record.get(end)
        if isinstance(ref, dict) and isinstance(ref.get("contextId"), str):
            targets.add(ref["contextId"].lower())
    return targets


def _move_links_early(
    records: Iterable[Record], rng: random.Random, window: int = 32
) -> Iterator[Record]:
    """Deliver ~30% of standalone links before the events they join.

    A chosen link is moved in front of the earliest still-buffered event it names (and up to
    three records further back), so consumers see a link whose events are not known yet.
    Links whose events already left the `window`-record buffer stay where they are.
    """
    buffer: list[Record] = []
    for record in records:
        position = len(buffer)
        if not _is_event(record) and "linkType" in record and rng.random() < 0.30:
            targets = _link_targets(record)
            for i, held in enumerate(buffer):
                if _is_event(held) and str(held["context"].get("id", "")).lower() in targets:
                    position = max(0, i - rng.randint(0, 3))
                    break
        buffer.insert(position, record)
        if len(buffer) > window:
            yield buffer.pop(0)
    yield from buffer


def _duplicate_events(records: Iterable[Record], rng: random.Random) -> Iterator[Record]:
    """Deliver ~5% of events twice: an exact copy arrives 1 to 40 records later."""
    pending: list[tuple[int, int, Record]] = []
    for seen, record in enumerate(records, start=1):
        yield record
        if _is_event(record) and rng.random() < 0.05:
            heapq.heappush(pending, (seen + rng.randint(1, 40), seen, _clone(record)))
        while pending and pending[0][0] <= seen:
            yield heapq.heappop(pending)[2]
    while pending:
        yield heapq.heappop(pending)[2]


def sloppy_records(records: Iterable[dict[str, Any]], seed: int = 7) -> Iterator[dict[str, Any]]:
    """Yield the same records the way sloppy real producers deliver them."""
    per_record: tuple[tuple[Callable[[Record, random.Random], Record], random.Random], ...] = (
        (_rewrite_old_spec, random.Random(f"{seed}:old-spec")),
        (_drop_chain_id, random.Random(f"{seed}:chain-id")),
        (_uppercase_ids, random.Random(f"{seed}:upper")),
        (_reformat_timestamps, random.Random(f"{seed}:timestamps")),
    )

    def transformed() -> Iterator[Record]:
        """Apply the per-record transformations to a copy of every record."""
        for record in records:
            out: Record = _clone(record)
            for transform, rng in per_record:
                out = transform(out, rng)
            yield out

    moved = _move_links_early(transformed(), random.Random(f"{seed}:move"))
    yield from _duplicate_events(moved, random.Random(f"{seed}:duplicate"))


# -- live state ------------------------------------------------------------------------------

_DEPLOYS: Final = frozenset({SERVICE_DEPLOYED, SERVICE_UPGRADED, SERVICE_ROLLEDBACK})
#: How long before `reported_at` the demo's stale deploy target last reported.
STALE_REPORT_AGE: Final = timedelta(hours=2)
#: How long before `reported_at` the drifted deploy target first reported its drifted version.
DRIFT_AGE: Final = timedelta(minutes=20)
#: The interval between the earlier reports of a target kept in history.
REPORT_INTERVAL: Final = timedelta(minutes=1)


def demo_live_states(records: Iterable[dict[str, Any]], reported_at: datetime) -> list[Record]:
    """`ApplicationLiveState` reports of the applications `records` deploy, as of `reported_at`.

    Every (application, environment) the records deploy to with `service.deployed|upgraded|
    rolledback` reports what its latest such deploy put there (an OCI artifact as the image
    reference a cluster reports, another package as its version), at `reported_at` and one
    `REPORT_INTERVAL` before, in sync. Then, in sorted (application, environment) order: the
    first staging target runs a hotfix image nobody deployed (drifted since `DRIFT_AGE` before
    `reported_at`), and the first dev target of another application last reported
    `STALE_REPORT_AGE` before `reported_at` (stale). Deterministic for given records and time.
    """
    latest: dict[tuple[str, str], tuple[str, str]] = {}
    for record in records:
        context = record.get("context")
        if not isinstance(context, dict) or context.get("type") not in _DEPLOYS:
            continue
        subject = record["subject"]
        content = subject.get("content", {})
        env, artifact = content.get("environment", {}).get("id"), content.get("artifactId")
        if not isinstance(env, str) or not isinstance(artifact, str):
            continue
        key = (subject["id"], env)
        seen = latest.get(key)
        if seen is None or context["timestamp"] >= seen[0]:
            latest[key] = (context["timestamp"], artifact)
    targets = sorted(latest)
    drifted = next((t for t in targets if t[1] == "staging"), None)
    stale = next(
        (t for t in targets if t[1] == "dev" and (drifted is None or t[0] != drifted[0])), None
    )
    reports: list[Record] = []
    for app, env in targets:
        running = _live_version(latest[(app, env)][1])
        if (app, env) == stale:
            reports.append(_live_report(app, env, reported_at - STALE_REPORT_AGE, running))
        elif (app, env) == drifted:
            hotfix = f"{REGISTRY}/{app}@sha256:{'f' * 8}{'0' * 56}"
            reports += [
                _live_report(app, env, reported_at - DRIFT_AGE - REPORT_INTERVAL, running),
                _live_report(app, env, reported_at - DRIFT_AGE, hotfix, health="Degraded"),
                _live_report(app, env, reported_at, hotfix, health="Degraded"),
            ]
        else:
            reports += [
                _live_report(app, env, reported_at - REPORT_INTERVAL, running),
                _live_report(app, env, reported_at, running),
            ]
    return reports


def _live_version(artifact: str) -> str:
    """What a cluster reports running for an artifact: an OCI image reference by digest, or the
    package version of any other package URL."""
    match = re.fullmatch(r"pkg:oci/([^@]+)@sha256%3A([0-9a-f]+)\?repository_url=(.+)", artifact)
    if match is not None:
        name, digest, registry = match.groups()
        return f"{registry}/{name}@sha256:{digest}"
    return artifact.split("?", 1)[0].rsplit("@", 1)[-1]


def _live_report(
    app: str, env: str, moment: datetime, version: str, health: str = "Healthy"
) -> Record:
    """One `ApplicationLiveState` report: the application's Deployment and its ConfigMap."""
    namespace = f"{app}-{env}"
    return {
        "kind": "ApplicationLiveState",
        "applicationId": app,
        "applicationName": app,
        "deployTarget": env,
        "reportedAt": moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resources": [
            {"kind": "Deployment", "name": app, "namespace": namespace, "health": health,
             "version": version},
            {"kind": "ConfigMap", "name": f"{app}-config", "namespace": namespace,
             "health": "Healthy"},
        ],
    }  # fmt: skip
