"""Inferred edges: what the CDEvents schemas say events refer to, turned into links.

Most producers send no links, but their events name each other's subjects: an
`artifact.packaged` names the change it packages (`content.change.id`), a `build.finished` the
artifact it built and a `service.*` the artifact it runs (`content.artifactId`, a PURL), task
runs their pipeline run (`content.pipelineRun.id`), many events their environment
(`content.environment.id`). Every such subject is a shared point with a *story*: the events about
it in causal stages. An event mentions a subject either as its own subject or by reference:

    subject       stage 0                          stage 1                     stage 2
    change        change.* (own subject)           artifact.packaged (ref)
    artifact      build.finished (ref)             artifact.packaged /         service.* (ref)
                                                   published / signed (own)
    environment   environment.created / modified   any event with
                  (own subject)                    content.environment (ref)
    pipelineRun   pipelinerun.queued / started     taskrun.* (ref)
                  (own subject)

An inferred edge goes from every event at an earlier stage of a subject to every event at a
later stage (cause -> effect), so a DOWNSTREAM traversal from a change reaches what was built
from it and where that was deployed. Inferred edges are `PATH` links with `inferred=True`, no
chain, and the subject's kind (`INFERRED_KINDS`) as `kind`: producers' PATH links never carry a
kind, so an inferred link's identity never equals a producer link's. Their tags name the subject
and the two stages (`subject`, `fromStage`, `toStage`); their timestamp is the later of their two
events' timestamps, so they come out the same in any arrival order.

Everything here is pure; `lineage.ingest.inferred_edges` applies it against a store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lineage.model import Event, Link, LinkType
from lineage.model.link import link_id, stored_link, tags_digest
from lineage.model.mention import Mention, stage_slot

#: Link kind of the inferred edges through each subject type.
INFERRED_KINDS: Mapping[str, str] = {
    "change": "CHANGE",
    "artifact": "ARTIFACT",
    "environment": "ENVIRONMENT",
    "pipelineRun": "PIPELINE_RUN",
}

#: How many stages each subject's story has.
STAGE_COUNTS: Mapping[str, int] = {"change": 2, "artifact": 3, "environment": 2, "pipelineRun": 2}

#: (subject type, predicate) of events that are a stage of their own subject's story.
_OWN_STAGES: Mapping[tuple[str, str], int] = {
    **{("change", p): 0 for p in ("created", "updated", "reviewed", "merged", "abandoned")},
    **{("artifact", p): 1 for p in ("packaged", "published", "signed")},
    ("environment", "created"): 0,
    ("environment", "modified"): 0,
    ("pipelineRun", "queued"): 0,
    ("pipelineRun", "started"): 0,
}


def other_slots(mention: Mention) -> list[str]:
    """Slots of the other stages of the mention's subject: where its edge partners are."""
    return [
        stage_slot(mention.subject_type, mention.subject_id, stage)
        for stage in range(STAGE_COUNTS[mention.subject_type])
        if stage != mention.stage
    ]


def event_mentions(event: Event) -> list[Mention]:
    """Every subject story `event` takes part in, as its own subject or by reference."""
    subject_type, predicate = event.subject_type, event.predicate
    found: list[tuple[str, str, int]] = []
    own = _OWN_STAGES.get((subject_type, predicate))
    if own is not None:
        found.append((subject_type, event.subject_id, own))
    content = event.subject_content
    if content:
        found.extend(_references(subject_type, predicate, content))
    return [Mention(t, i, s, event.id, event.timestamp) for t, i, s in dict.fromkeys(found)]


def _references(
    subject_type: str, predicate: str, content: Mapping[str, Any]
) -> list[tuple[str, str, int]]:
    """The subjects `content` refers to, with the stage the referring event takes in each."""
    found: list[tuple[str, str, int]] = []
    if subject_type == "artifact" and predicate == "packaged":
        change = _ref_id(content.get("change"))
        if change is not None:
            found.append(("change", change, 1))
    elif (subject_type == "build" and predicate == "finished") or subject_type == "service":
        artifact = content.get("artifactId")
        if isinstance(artifact, str) and artifact:
            found.append(("artifact", artifact, 0 if subject_type == "build" else 2))
    elif subject_type == "taskRun":
        run = _ref_id(content.get("pipelineRun"))
        if run is not None:
            found.append(("pipelineRun", run, 1))
    if subject_type != "environment":
        environment = _ref_id(content.get("environment"))
        if environment is not None:
            found.append(("environment", environment, 1))
    return found


def _ref_id(value: Any) -> str | None:
    """The `id` of a CDEvents subject reference `{"id": ..., "source": ...}`."""
    if isinstance(value, Mapping):
        ref = value.get("id")
        if isinstance(ref, str) and ref:
            return ref
    return None


def inferred_links(new: Iterable[Mention], known: Iterable[Mention] = ()) -> list[Link]:
    """The inferred edges between `new` mentions and between `new` and `known` ones.

    Edges among `known` mentions alone are not made again (they were made when those arrived).
    Work is proportional to the edges made: stages are paired, not mentions.
    """
    # subject -> stage -> event id -> (mention, is new); a new mention wins over a known one.
    stories: dict[tuple[str, str], dict[int, dict[str, tuple[Mention, bool]]]] = {}
    for mentions, is_new in ((known, False), (new, True)):
        for mention in mentions:
            stages = stories.setdefault((mention.subject_type, mention.subject_id), {})
            stages.setdefault(mention.stage, {})[mention.event_id] = (mention, is_new)
    links: dict[str, Link] = {}
    for stages in stories.values():
        if len(stages) < 2:
            continue
        ordered = sorted(stages)
        for position, cause_stage in enumerate(ordered):
            causes = stages[cause_stage].values()
            for effect_stage in ordered[position + 1 :]:
                effects = stages[effect_stage].values()
                new_causes = [c for c, fresh in causes if fresh]
                new_effects = [e for e, fresh in effects if fresh]
                pairs = [(c, e) for c in new_causes for e, _ in effects]
                pairs += [(c, e) for c, fresh in causes if not fresh for e in new_effects]
                if not pairs:
                    continue
                tags = _tags(pairs[0][0], pairs[0][1])
                digest = tags_digest(tags)  # one per stage pair: every edge has these tags
                for cause, effect in pairs:
                    if cause.event_id != effect.event_id:
                        link = _edge(cause, effect, tags, digest)
                        links.setdefault(link.id, link)
    return list(links.values())


def inferred_link(cause: Mention, effect: Mention) -> Link:
    """The inferred edge `cause -> effect` through their shared subject."""
    tags = _tags(cause, effect)
    return _edge(cause, effect, tags, tags_digest(tags))


def _tags(cause: Mention, effect: Mention) -> dict[str, str]:
    """What an inferred edge's tags say: the subject and the two stages it joins."""
    return {
        "subject": cause.subject_id,
        "fromStage": str(cause.stage),
        "toStage": str(effect.stage),
    }


def _edge(cause: Mention, effect: Mention, tags: dict[str, str], digest: str) -> Link:
    """An inferred edge; built like a stored link, its tags' digest computed once by the caller."""
    kind = INFERRED_KINDS[cause.subject_type]
    from_id, to_id = cause.event_id, effect.event_id
    return stored_link(
        LinkType.PATH,
        None,
        from_id,
        to_id,
        kind,
        max(cause.timestamp, effect.timestamp),
        tags,
        True,
        link_id(LinkType.PATH, None, from_id, to_id, kind),
        digest,
    )


def is_inferred_kind(kind: str | None) -> bool:
    """Whether a link kind is one inferred edges carry."""
    return kind in _KIND_VALUES


_KIND_VALUES = frozenset(INFERRED_KINDS.values())
