"""Applications: what is known of one application (live state, deployments) by its id.

An application is known when it has reported live state or has been deployed: a PipeCD
`Deployment` record naming it (`applicationId`), or a `service.*` deploy event whose subject id
is the application id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lineage.model.livestate import LiveStateReport
from lineage.services.deployments import DeploymentView, derived_view, explicit_view
from lineage.services.limits import check_range
from lineage.services.pipeline_runs import SERVICE_SUBJECT, is_deploy
from lineage.store.protocol import Store

DEFAULT_DEPLOYMENTS = 20
MAX_DEPLOYMENTS = 500


@dataclass(frozen=True, slots=True)
class Application:
    """An application by id; `name` from its live-state reports or PipeCD records, else its id."""

    id: str
    name: str
    latest: tuple[LiveStateReport, ...] = ()


def find_application(store: Store, application_id: str) -> Application | None:
    """The application with this id, or None when nothing reported or deployed it."""
    latest = tuple(store.latest_live_states(application_id))
    names = [r.application_name for r in latest if r.application_name]
    if not names:
        records = store.deployments_of_application(application_id, 1)
        names = [r.application_name for r in records if r.application_name]
        if (
            not latest
            and not records
            and not store.latest_subject_events(application_id, [SERVICE_SUBJECT], 1)
        ):
            return None
    return Application(application_id, names[0] if names else application_id, latest)


def application_deployments(
    store: Store, application_id: str, first: int | None = None
) -> list[DeploymentView]:
    """The application's latest deployments of both origins, newest (start, id) first.

    Explicit: its PipeCD `Deployment` records, traced to their source commit (through the
    manifest commit when the trace goes through one). Derived: its `service.*` deploy events
    among its latest `first` service events, traced to the commit the event itself names, if
    any (the trace through upstream events is `deployment(id)`'s). Four store calls.
    """
    size = check_range("first", DEFAULT_DEPLOYMENTS if first is None else first, 0, MAX_DEPLOYMENTS)
    if size == 0:
        return []
    records = store.deployments_of_application(application_id, size)
    events = [
        event
        for event in store.latest_subject_events(application_id, [SERVICE_SUBJECT], size)
        if is_deploy(event)
    ]
    named: dict[str, str] = {}
    for mention in store.event_commit_mentions([event.id for event in events]):
        known = named.get(mention.event_id)
        if known is None or mention.commit.hash < known:
            named[mention.event_id] = mention.commit.hash
    hashes = [r.trace_commit_hash for r in records if r.trace_commit_hash] + list(named.values())
    sources = _source_commits(store, hashes)
    views = [
        explicit_view(record, *_traced(sources, record.trace_commit_hash)) for record in records
    ]
    for event in events:
        source, manifest = _traced(sources, named.get(event.id))
        views.append(derived_view(event, source, [event], manifest))
    views.sort(key=_start_and_id, reverse=True)
    return views[:size]


def _source_commits(store: Store, hashes: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """Per hash, (source commit, manifest commit it went through or None), in one store call."""
    wanted = list(dict.fromkeys(hashes))
    manifests = store.manifest_commits(wanted) if wanted else {}
    resolved: dict[str, tuple[str, str | None]] = {}
    for commit_hash in wanted:
        manifest = manifests.get(commit_hash)
        if manifest is not None and manifest.source_hashes:
            resolved[commit_hash] = (manifest.source_hashes[0], commit_hash)
        else:
            resolved[commit_hash] = (commit_hash, None)
    return resolved


def _traced(
    sources: dict[str, tuple[str, str | None]], commit_hash: str | None
) -> tuple[str | None, str | None]:
    """(source commit, manifest commit) of a traced hash, or (None, None) without one."""
    return sources[commit_hash] if commit_hash is not None else (None, None)


def _start_and_id(view: DeploymentView) -> tuple[float, str]:
    return (view.started_at.timestamp() if view.started_at else float("-inf"), view.id)
