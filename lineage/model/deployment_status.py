"""The normalized deployment status vocabulary, and how PipeCD and CDEvents map onto it."""

from __future__ import annotations

from enum import StrEnum


class DeploymentStatus(StrEnum):
    """Where a deployment stands, whatever tool reported it."""

    PENDING = "PENDING"
    PLANNED = "PLANNED"
    RUNNING = "RUNNING"
    ROLLING_BACK = "ROLLING_BACK"
    SUCCESS = "SUCCESS"
    FAILURE = "FAILURE"
    CANCELLED = "CANCELLED"
    ROLLED_BACK = "ROLLED_BACK"


#: PipeCD's `DeploymentStatus` names (model/deployment.proto) and their normalized status.
PIPECD_STATUSES: dict[str, DeploymentStatus] = {
    "DEPLOYMENT_PENDING": DeploymentStatus.PENDING,
    "DEPLOYMENT_PLANNED": DeploymentStatus.PLANNED,
    "DEPLOYMENT_RUNNING": DeploymentStatus.RUNNING,
    "DEPLOYMENT_ROLLING_BACK": DeploymentStatus.ROLLING_BACK,
    "DEPLOYMENT_SUCCESS": DeploymentStatus.SUCCESS,
    "DEPLOYMENT_FAILURE": DeploymentStatus.FAILURE,
    "DEPLOYMENT_CANCELLED": DeploymentStatus.CANCELLED,
}

#: The `service.*` predicates that are deployments, and the status each reports.
SERVICE_DEPLOYMENT_PREDICATES: dict[str, DeploymentStatus] = {
    "deployed": DeploymentStatus.SUCCESS,
    "upgraded": DeploymentStatus.SUCCESS,
    "rolledback": DeploymentStatus.ROLLED_BACK,
}

#: Statuses after which nothing more happens to a deployment.
FINAL_STATUSES = frozenset(
    {
        DeploymentStatus.SUCCESS,
        DeploymentStatus.FAILURE,
        DeploymentStatus.CANCELLED,
        DeploymentStatus.ROLLED_BACK,
    }
)


def pipecd_status(name: str) -> DeploymentStatus:
    """The normalized status of a PipeCD status name; `ValueError` naming the known ones."""
    status = PIPECD_STATUSES.get(name)
    if status is None:
        raise ValueError(
            f"unknown PipeCD deployment status {name!r} (expected one of "
            f"{', '.join(PIPECD_STATUSES)})"
        )
    return status


def service_deployment_status(subject_type: str, predicate: str) -> DeploymentStatus | None:
    """The status a CDEvent reports if it is a deployment (`service.deployed` …), else None."""
    if subject_type != "service":
        return None
    return SERVICE_DEPLOYMENT_PREDICATES.get(predicate)


class DeploymentOrigin(StrEnum):
    """Where a deployment comes from: a record saying so, or derived from the event graph."""

    EXPLICIT = "EXPLICIT"
    DERIVED = "DERIVED"
