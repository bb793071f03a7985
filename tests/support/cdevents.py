"""Hand-written CDEvents and links that read like producer data, for tests."""

from __future__ import annotations

from typing import Any

TYPES = {
    "change.merged": "dev.cdevents.change.merged.0.3.0",
    "pipelinerun.queued": "dev.cdevents.pipelinerun.queued.0.3.0",
    "pipelinerun.started": "dev.cdevents.pipelinerun.started.0.3.0",
    "pipelinerun.finished": "dev.cdevents.pipelinerun.finished.0.3.0",
    "taskrun.started": "dev.cdevents.taskrun.started.0.3.0",
    "taskrun.finished": "dev.cdevents.taskrun.finished.0.3.0",
    "build.started": "dev.cdevents.build.started.0.3.0",
    "build.finished": "dev.cdevents.build.finished.0.3.0",
    "artifact.packaged": "dev.cdevents.artifact.packaged.0.3.0",
    "artifact.published": "dev.cdevents.artifact.published.0.3.0",
    "testsuiterun.finished": "dev.cdevents.testsuiterun.finished.0.3.0",
    "service.deployed": "dev.cdevents.service.deployed.0.3.0",
    "service.upgraded": "dev.cdevents.service.upgraded.0.3.0",
    "service.rolledback": "dev.cdevents.service.rolledback.0.3.0",
    "incident.detected": "dev.cdevents.incident.detected.0.3.0",
    "incident.reported": "dev.cdevents.incident.reported.0.3.0",
    "incident.resolved": "dev.cdevents.incident.resolved.0.3.0",
    "environment.created": "dev.cdevents.environment.created.0.3.0",
}


def cdevent(
    kind: str,
    event_id: str,
    *,
    chain: str | None = None,
    ts: str = "2026-01-05T09:00:00Z",
    subject_id: str | None = None,
    content: dict[str, Any] | None = None,
    after: list[str] | tuple[str, ...] = (),
    relations: list[tuple[str, str]] | tuple[tuple[str, str], ...] = (),
    end_after: str | None = None,
    custom_data: Any = None,
) -> dict[str, Any]:
    """A v0.5.1 CDEvent of `kind` (e.g. "build.finished") with embedded PATH/RELATION/END links."""
    links: list[dict[str, Any]] = [
        {"linkType": "PATH", "from": {"contextId": prior}} for prior in after
    ]
    links += [
        {"linkType": "RELATION", "linkKind": kind_, "target": {"contextId": target}}
        for kind_, target in relations
    ]
    if end_after is not None:
        links.append({"linkType": "END", "from": {"contextId": end_after}})
    context: dict[str, Any] = {
        "specversion": "0.5.1",
        "id": event_id,
        "source": "/ci/test",
        "type": TYPES[kind],
        "timestamp": ts,
    }
    if chain is not None:
        context["chainId"] = chain
    if links:
        context["links"] = links
    event: dict[str, Any] = {
        "context": context,
        "subject": {"id": subject_id or f"{kind.split('.')[0]}-1", "source": "/ci/test",
                    "content": content or {}},
    }
    if custom_data is not None:
        event["customData"] = custom_data
    return event


def link(
    link_type: str,
    *,
    chain: str,
    ts: str = "2026-01-05T09:00:00Z",
    start: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    end: str | None = None,
    source: str | None = None,
    target: str | None = None,
    kind: str | None = None,
    tags: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A standalone CDEvents link record."""
    record: dict[str, Any] = {"chainId": chain, "linkType": link_type, "timestamp": ts}
    for key, value in (
        ("start", start), ("from", from_), ("to", to), ("end", end),
        ("source", source), ("target", target),
    ):  # fmt: skip
        if value is not None:
            record[key] = {"contextId": value}
    if kind is not None:
        record["linkKind"] = kind
    if tags is not None:
        record["tags"] = tags
    return record
