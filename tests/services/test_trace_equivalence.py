"""`commit_trace` (one store call) answers what the separate store calls it replaced answered.

The reference below is the trace as it was before `TraceStore.commit_trace` existed: the hash
resolved with `commit_hashes` and `commit_entries` (then the canonical's own abbreviations), the
view from `commit_facts`, the deployments from `deployment_sources` and a `reach`. Both
backends, every kind of commit and prefix: full and abbreviated hashes, PipeCD's and derived
deployments, a manifest hop, an ambiguous prefix, more hashes sharing a prefix than are listed,
an unknown commit, text that is no hash, and a reach deeper than one walk statement takes.
"""

from __future__ import annotations

from lineage.model.commit import MIN_HASH_LENGTH
from lineage.services.commits import (
    AMBIGUOUS_SHOWN,
    AmbiguousCommitError,
    CommitView,
    check_hash_text,
    commit_views,
)
from lineage.services.deployments import DeploymentView
from lineage.services.errors import ServiceError
from lineage.services.traces import commit_trace, trace_deployments
from lineage.store import Store
from tests.support.cdevents import cdevent
from tests.support.scenarios import ingest
from tests.support.trace_scenarios import (
    DEEP_SHA,
    DEEP_STEPS,
    IDLE_SHA,
    MANIFEST_SHA,
    PIPECD_SHA,
    PURL,
    SHA,
    SOURCE_SHA,
    Record,
    deep_chain,
    idle_commit,
    manifest_hop,
    pipecd_trace,
    promotion,
)

#: A commit stored under eight abbreviations (more than a prefix lookup lists).
MANY = "fedcba9876543210fedcba9876543210fedcba98"
#: Eight commits sharing a 7-digit prefix.
CROWD = [f"beefcaf{i}" + "0" * 32 for i in range(8)]


def _prefixes(hash_text: str) -> list[str]:
    return [hash_text[:n] for n in range(MIN_HASH_LENGTH, len(hash_text) + 1)]


def reference_resolve(store: Store, text: str) -> tuple[str, ...] | None:
    """`resolve_commit` as it was: two lookups, a third when more hashes share the prefix."""
    prefix = check_hash_text(text)
    longer = store.commit_hashes(prefix, AMBIGUOUS_SHOWN + 1)
    shorter = [h for h in store.commit_entries(_prefixes(prefix)) if prefix.startswith(h)]
    known = sorted({*longer, *shorter}, key=lambda h: (-len(h), h))
    if not known:
        return None
    canonical = known[0]
    strays = [h for h in longer if not canonical.startswith(h)]
    if strays:
        shown = sorted(longer)[:AMBIGUOUS_SHOWN]
        more = ", …" if len(longer) > AMBIGUOUS_SHOWN else ""
        raise AmbiguousCommitError(
            f"commit prefix {prefix!r} is ambiguous: it matches {', '.join(shown)}{more}; "
            "give more digits"
        )
    found = store.commit_entries(_prefixes(canonical))
    abbreviations = sorted(found, key=lambda h: (-len(h), h))
    aliases = [canonical, *(h for h in abbreviations if h != canonical)]
    return tuple(dict.fromkeys(aliases))


def reference_trace(
    store: Store, text: str
) -> tuple[CommitView, list[DeploymentView]] | str | None:
    """The view and deployments by the separate calls, None, or the error raised."""
    try:
        aliases = reference_resolve(store, text)
    except ServiceError as error:
        return f"{type(error).__name__}: {error}"
    if aliases is None:
        return None
    view = commit_views(store, [aliases])[0]
    return view, trace_deployments(store, view)


def one_call_trace(store: Store, text: str) -> tuple[CommitView, list[DeploymentView]] | str | None:
    """The view and deployments by `commit_trace`, None, or the error raised."""
    try:
        trace = commit_trace(store, text)
        bare = commit_trace(store, text, deployments=False)
    except ServiceError as error:
        return f"{type(error).__name__}: {error}"
    assert (trace is None) is (bare is None)
    if trace is None or bare is None:
        return None
    assert bare.view == trace.view and bare.deployments is None
    assert trace.deployments is not None
    return trace.view, trace.deployments


def naming(event_id: str, sha: str, ts: str = "2026-01-10T09:00:00Z") -> Record:
    """A merged change naming `sha`."""
    return cdevent(
        "change.merged", event_id, ts=ts, subject_id=f"acme/x/pull/{event_id}",
        custom_data={"commitHash": sha, "title": f"Change {event_id}"},
    )  # fmt: skip


def loaded(store: Store) -> None:
    """Every trace scenario in one store."""
    ingest(store, [*promotion(), *pipecd_trace(), *manifest_hop(), *idle_commit()])
    twin = SHA[:8] + "f" * 32
    ingest(store, promotion(sha=twin, purl=PURL + "2", tag="-2"))
    ingest(
        store,
        [
            cdevent(
                "service.deployed", "hotfix", ts="2026-01-09T09:00:00Z", subject_id="payments",
                content={"environment": {"id": "qa"}}, custom_data={"revision": SHA[:10]},
            ),
            *(naming(f"many-{n}", MANY[:n]) for n in range(MIN_HASH_LENGTH, 15)),
            naming("many-full", MANY),
            *(naming(f"crowd-{i}", sha) for i, sha in enumerate(CROWD)),
            *deep_chain(),
        ],
    )  # fmt: skip


TEXTS = [
    SHA, SHA[:7], SHA[:9], SHA[:10].upper(), SHA[:12], SHA[:8] + "f" * 32,
    PIPECD_SHA, PIPECD_SHA[:8], SOURCE_SHA, SOURCE_SHA[:7], MANIFEST_SHA, IDLE_SHA,
    MANY, MANY[:7], MANY[:9], MANY[:20], CROWD[0][:7], CROWD[3][:8], CROWD[5],
    DEEP_SHA, DEEP_SHA[:7], "0123456789abcdef", "abc123", "main", SHA + "0",
]  # fmt: skip


def test_commit_trace_answers_what_the_separate_calls_answered(store: Store) -> None:
    loaded(store)

    outcomes: set[str] = set()
    for text in TEXTS:
        expected = reference_trace(store, text)
        assert one_call_trace(store, text) == expected, text
        if isinstance(expected, tuple):
            outcomes.add("derived" if any(d.path for d in expected[1]) else "found")
            outcomes.update(d.origin.value for d in expected[1])
        else:
            outcomes.add(expected.split(":")[0] if expected else "none")
    assert outcomes == {
        "derived", "found", "EXPLICIT", "DERIVED", "none", "AmbiguousCommitError", "ServiceError"
    }  # fmt: skip


def test_a_reach_deeper_than_one_walk_statement_finds_the_deployment(store: Store) -> None:
    loaded(store)

    trace = commit_trace(store, DEEP_SHA[:8])

    assert trace is not None and trace.deployments is not None
    [deployment] = trace.deployments
    assert deployment.id == "deep-deploy"
    assert len(deployment.path) == DEEP_STEPS + 1
