"""The normalized deployment status vocabulary and its PipeCD / CDEvents mappings."""

from __future__ import annotations

import pytest

from lineage.model.deployment_status import (
    PIPECD_STATUSES,
    DeploymentStatus,
    pipecd_status,
    service_deployment_status,
)


def test_every_pipecd_status_maps_to_its_normalized_name() -> None:
    for name, status in PIPECD_STATUSES.items():
        assert pipecd_status(name) is status
        assert name == f"DEPLOYMENT_{status.value}"


def test_unknown_pipecd_status_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="DEPLOYMENT_SUCCESS"):
        pipecd_status("DONE")


@pytest.mark.parametrize(
    ("subject", "predicate", "status"),
    [
        ("service", "deployed", DeploymentStatus.SUCCESS),
        ("service", "upgraded", DeploymentStatus.SUCCESS),
        ("service", "rolledback", DeploymentStatus.ROLLED_BACK),
        ("service", "removed", None),
        ("service", "published", None),
        ("artifact", "deployed", None),
    ],
)
def test_service_events_that_are_deployments(
    subject: str, predicate: str, status: DeploymentStatus | None
) -> None:
    assert service_deployment_status(subject, predicate) == status
