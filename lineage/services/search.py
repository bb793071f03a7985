"""Search by id: what a chain, event, commit, subject, pipeline run or application id names.

The explorer's search box takes any id a user has at hand and jumps to its view. Each hit says
what it is (`kind`), the id its view is addressed by (`id`: the chain, event, commit hash,
execution or application id; for a subject, its latest event) and a readable `label`. Ids that
are UUIDs match whatever their case; other ids match as sent. A commit matches by its full hash
or a prefix of at least 7 hex digits (every commit the prefix names is a hit). Hits naming the
text exactly come first, then prefix hits; within each, by kind in `SearchHitKind` order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from lineage.model import Event, normalize_id
from lineage.model.commit import is_commit_hash
from lineage.model.pipeline import PipelineExecution
from lineage.services.applications import find_application
from lineage.services.commits import commit_views
from lineage.services.limits import check_range
from lineage.store.protocol import Store

DEFAULT_SEARCH_HITS = 10
MAX_SEARCH_HITS = 100
#: Longest text searched for (no stored id a user would paste is longer).
MAX_SEARCH_TEXT = 1_000


class SearchHitKind(Enum):
    """What a search hit is, in the order hits of equal exactness are listed."""

    CHAIN = "CHAIN"
    EVENT = "EVENT"
    COMMIT = "COMMIT"
    PIPELINE_RUN = "PIPELINE_RUN"
    APPLICATION = "APPLICATION"
    SUBJECT = "SUBJECT"


_KIND_ORDER = {kind: place for place, kind in enumerate(SearchHitKind)}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One thing the searched text names: its kind, the id of its view, a label, its chain."""

    kind: SearchHitKind
    id: str
    label: str
    chain_id: str | None = None
    exact: bool = True


def search(store: Store, text: str, first: int | None = None) -> list[SearchHit]:
    """Up to `first` things `text` names by id: exact hits first, then commit-prefix hits."""
    size = check_range("first", DEFAULT_SEARCH_HITS if first is None else first, 0, MAX_SEARCH_HITS)
    check_range("text length", len(text), 0, MAX_SEARCH_TEXT)
    wanted = text.strip()
    if not wanted or size == 0:
        return []
    keys = id_forms(wanted)
    hits = [
        *_chains(store, keys),
        *_events(store, keys),
        *_commits(store, wanted, size),
        *_pipeline_runs(store, keys),
        *_applications(store, keys),
        *_subjects(store, keys),
    ]
    hits.sort(key=lambda hit: (not hit.exact, _KIND_ORDER[hit.kind]))
    return list(_distinct(hits))[:size]


def id_forms(text: str) -> list[str]:
    """The stored forms an id may take: as given and canonical (UUIDs lower-case), plus the
    upper-case form of a UUID (subject ids are kept as producers sent them)."""
    forms = [text, normalize_id(text)]
    upper = text.upper()
    if normalize_id(upper) != upper:  # a UUID
        forms.append(upper)
    return list(dict.fromkeys(forms))


def _chains(store: Store, keys: list[str]) -> list[SearchHit]:
    found = store.chain_summaries(keys)
    return [
        SearchHit(
            SearchHitKind.CHAIN,
            summary.id,
            f"chain {summary.id} · {summary.event_count} events · "
            f"{'complete' if summary.complete else 'incomplete'}",
            summary.id,
        )
        for summary in found.values()
    ]


def _events(store: Store, keys: list[str]) -> list[SearchHit]:
    found = store.get_events(keys)
    hits = [
        SearchHit(SearchHitKind.EVENT, event.id, f"event {_describe(event)}", event.chain_id)
        for event in found.values()
    ]
    missing = [key for key in keys if key not in found]
    for key in sorted(store.placeholder_ids(missing)) if missing else ():
        hits.append(SearchHit(SearchHitKind.EVENT, key, f"placeholder {key} (not arrived yet)"))
    return hits


def _commits(store: Store, text: str, size: int) -> list[SearchHit]:
    if not is_commit_hash(text):
        return []
    prefix = text.lower()
    hashes = store.commit_hashes(prefix, size)
    views = commit_views(store, [[h] for h in hashes])
    return [
        SearchHit(
            SearchHitKind.COMMIT,
            view.hash,
            _commit_label(view.hash, view.commit.headline),
            exact=view.hash == prefix,
        )
        for view in views
    ]


def _commit_label(commit_hash: str, headline: str | None) -> str:
    return f"commit {commit_hash[:12]}" + (f" · {headline}" if headline else "")


def _pipeline_runs(store: Store, keys: list[str]) -> list[SearchHit]:
    return [
        SearchHit(
            SearchHitKind.PIPELINE_RUN, execution.id, _run_label(execution), execution.chain_id
        )
        for execution in store.get_pipeline_executions(keys)
    ]


def _run_label(execution: PipelineExecution) -> str:
    name = execution.pipeline_name or execution.name
    return f"pipeline run {execution.id} · {name} ({execution.origin.value})"


def _applications(store: Store, keys: list[str]) -> list[SearchHit]:
    hits = []
    for key in keys:
        application = find_application(store, key)
        if application is not None:
            label = f"application {application.name}"
            if application.name != application.id:
                label += f" ({application.id})"
            hits.append(SearchHit(SearchHitKind.APPLICATION, application.id, label))
    return hits


def _subjects(store: Store, keys: list[str]) -> list[SearchHit]:
    return [
        SearchHit(
            SearchHitKind.SUBJECT,
            event.id,
            f"{event.subject_type} {subject_id} · latest: {_describe(event)}",
            event.chain_id,
        )
        for subject_id, event in store.latest_events_about(keys).items()
    ]


def _describe(event: Event) -> str:
    when = f"{event.timestamp:%Y-%m-%d %H:%M:%S}Z"
    return f"{event.subject_type}.{event.predicate} {event.subject_id} at {when}"


def _distinct(hits: list[SearchHit]) -> list[SearchHit]:
    seen: set[tuple[SearchHitKind, str]] = set()
    kept = []
    for hit in hits:
        if (hit.kind, hit.id) not in seen:
            seen.add((hit.kind, hit.id))
            kept.append(hit)
    return kept
