"""Stage rows derived at ingest: each chain a batch changes gets its rows computed again.

A chain's stage rows (`lineage.model.stages.ChainStages`: its pipeline runs, their stage runs
and its critical path) are a function of its `STAGE_SUBJECTS` events and the PATH links carrying
its chainId, computed by `lineage.services.stage_rows.chain_stages` (the stage definitions live
with the services; this module only decides when to apply them). A batch changes a chain when
one of its new events of those subjects, or one of its new PATH links, carries the chain's id;
the chain is then computed from what the store holds plus the batch, whatever the order in which
events and links arrive, and its fact replaces the chain's stored rows in the batch's own
transaction. Chains without a pipeline run have no rows and are not written.

`backfill_stage_rows` computes every chain of a store the same way (`lineage db derive`): for
stores written before stage rows were derived.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from lineage.ingest.run_summaries import RUN_SUBJECT
from lineage.model import Event, Link, LinkType, link_order
from lineage.model.derivation import Derivation
from lineage.model.fact import Fact
from lineage.model.stages import ChainStages
from lineage.store.protocol import ChainFilter, Store

#: Chains computed per pair of store reads.
CHAIN_BATCH = 2000
#: Chain summaries read per page when every chain is computed again.
CHAIN_PAGE = 10_000


def derive_stage_rows(
    store: Store, events: Sequence[Event], links: Sequence[Link], facts: Sequence[Fact]
) -> tuple[list[Link], list[Fact]]:
    """The deriver of stage rows (`lineage.ingest.derivations`): the rows of changed chains."""
    from lineage.services.stage_rows import STAGE_SUBJECTS  # services import ingest: not at the top

    stage_subjects = frozenset(STAGE_SUBJECTS)
    changed = {e.chain_id for e in events if e.chain_id is not None
               and e.subject_type in stage_subjects}  # fmt: skip
    changed |= {link.chain_id for link in links
                if link.chain_id is not None and link.type is LinkType.PATH}  # fmt: skip
    if not changed:
        return [], []
    return [], list(stage_rows(store, sorted(changed), events, links))


def stage_rows(
    store: Store,
    chain_ids: Sequence[str],
    events: Iterable[Event] = (),
    links: Iterable[Link] = (),
) -> list[ChainStages]:
    """The rows of `chain_ids` from the store plus new `events` and `links` not yet stored;
    chains without a pipeline run are left out."""
    # The definitions are the services' (`lineage.services` imports ingest, so not at the top).
    from lineage.services.stage_rows import STAGE_SUBJECTS, chain_stages

    stage_subjects = frozenset(STAGE_SUBJECTS)
    wanted = set(chain_ids)
    new_events: dict[str, list[Event]] = {}
    for event in events:
        if event.chain_id in wanted and event.subject_type in stage_subjects:
            new_events.setdefault(event.chain_id, []).append(event)
    new_links: dict[str, list[Link]] = {}
    for link in links:
        if link.chain_id in wanted and link.type is LinkType.PATH:
            new_links.setdefault(link.chain_id, []).append(link)
    found: list[ChainStages] = []
    for offset in range(0, len(chain_ids), CHAIN_BATCH):
        batch = chain_ids[offset : offset + CHAIN_BATCH]
        by_chain: dict[str, dict[str, Event]] = {c: {} for c in batch}
        for event in store.events_in_chains(batch, STAGE_SUBJECTS):
            if event.chain_id in by_chain:
                by_chain[event.chain_id][event.id] = event
        for chain_id in batch:
            for event in new_events.get(chain_id, ()):
                by_chain[chain_id].setdefault(event.id, event)
        with_runs = [c for c in batch if any(e.subject_type == RUN_SUBJECT
                                             for e in by_chain[c].values())]  # fmt: skip
        if not with_runs:
            continue
        links_by_chain: dict[str, dict[str, Link]] = {c: {} for c in with_runs}
        for link in store.chain_path_links(with_runs):
            if link.chain_id in links_by_chain:
                links_by_chain[link.chain_id][link.id] = link
        for chain_id in with_runs:
            for link in new_links.get(chain_id, ()):
                links_by_chain[chain_id].setdefault(link.id, link)
            chain_events = sorted(by_chain[chain_id].values(), key=lambda e: (e.timestamp, e.id))
            chain_links = sorted(links_by_chain[chain_id].values(), key=link_order)
            found.append(chain_stages(chain_id, chain_events, chain_links))
    return found


def backfill_stage_rows(store: Store, progress: Callable[[int], None] | None = None) -> int:
    """Compute and store the stage rows of every chain of the store, then mark them done there;
    the chains written."""
    written = 0
    after: str | None = None
    while True:
        page = store.find_chains(ChainFilter(), CHAIN_PAGE, after)
        rows = stage_rows(store, [summary.id for summary in page.items])
        if rows:
            store.write([], [], rows)
            written += len(rows)
        if progress is not None:
            progress(len(page.items))
        if not page.has_next:
            store.write([], [], [Derivation(ChainStages.kind)])  # readers may rely on the rows
            return written
        after = page.end_cursor
