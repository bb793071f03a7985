"""Turn PipeCD records (`DeploymentTrace`, `Deployment`, `ManifestCommit`) into the model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from lineage.config import TraceSettings, trace_settings
from lineage.ingest.errors import RecordError, describe_validation_error
from lineage.ingest.pipecd_wire import WireDeployment, WireDeploymentTrace, WireManifestCommit
from lineage.ingest.trailers import source_commit_hashes
from lineage.model.deployment_status import pipecd_status
from lineage.model.digest import digest_of
from lineage.model.pipecd import Deployment, DeploymentTrace, ManifestCommit

PipeCDRecord = DeploymentTrace | Deployment | ManifestCommit
W = TypeVar("W", bound=BaseModel)


def parse_deployment_trace(raw: Any) -> DeploymentTrace:
    """Validate a `DeploymentTrace` record; timestamps become UTC instants, the hash lower-case."""
    wire = _validate(WireDeploymentTrace, raw)
    return DeploymentTrace(
        id=wire.id,
        commit_hash=wire.commit_hash,
        created_at=wire.created_at,
        updated_at=wire.updated_at,
        project_id=wire.project_id or None,
        title=wire.title or None,
        commit_message=wire.commit_message or None,
        commit_url=wire.commit_url or None,
        commit_timestamp=wire.commit_timestamp,
        author=wire.author or None,
        digest=_digest(wire),
    )


def parse_deployment(raw: Any) -> Deployment:
    """Validate a PipeCD `Deployment` record; its status is normalized (PipeCD's name is kept)."""
    wire = _validate(WireDeployment, raw)
    try:
        status = pipecd_status(wire.status)
    except ValueError as exc:
        raise RecordError(f"status: {exc}") from None
    return Deployment(
        id=wire.id,
        application_id=wire.application_id,
        status=status,
        pipecd_status=wire.status,
        created_at=wire.created_at,
        application_name=wire.application_name or None,
        project_id=wire.project_id or None,
        env_id=wire.env_id or None,
        trace_commit_hash=wire.deployment_trace_commit_hash,
        completed_at=wire.completed_at,
        digest=_digest(wire),
    )


def parse_manifest_commit(raw: Any, settings: TraceSettings | None = None) -> ManifestCommit:
    """Validate a `ManifestCommit`; its trailers (keys from `settings`) name the source commits."""
    wire = _validate(WireManifestCommit, raw)
    keys = (settings or trace_settings()).trailer_keys
    return ManifestCommit(
        hash=wire.hash,
        message=wire.message,
        source_hashes=source_commit_hashes(wire.message, keys),
        digest=_digest(wire),
    )


#: The parser of each PipeCD record kind.
PIPECD_PARSERS: dict[str, Callable[[Any], PipeCDRecord]] = {
    DeploymentTrace.kind: parse_deployment_trace,
    Deployment.kind: parse_deployment,
    ManifestCommit.kind: parse_manifest_commit,
}


def parse_pipecd_record(raw: Any) -> PipeCDRecord:
    """Parse a record of any PipeCD kind (by its `kind`)."""
    kind = raw.get("kind") if isinstance(raw, dict) else None
    parser = PIPECD_PARSERS.get(kind) if isinstance(kind, str) else None
    if parser is None:
        raise RecordError(
            f"kind: unknown PipeCD record kind {kind!r} (expected one of "
            f"{', '.join(PIPECD_PARSERS)})"
        )
    return parser(raw)


def _validate(model: type[W], raw: Any) -> W:
    if not isinstance(raw, dict):
        raise RecordError(f"expected a JSON object, got {type(raw).__name__}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise RecordError(describe_validation_error(exc)) from None


def _digest(wire: BaseModel) -> str:
    """Digest of the validated content (normalized values), so equal records agree on it."""
    return digest_of(wire.model_dump(mode="json", by_alias=True, exclude_none=True))
