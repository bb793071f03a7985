"""Live versions against deployed artifacts: PURLs, image references, tags, commits."""

from __future__ import annotations

import pytest

from lineage.services.versions import versions_match
from tests.support.pipelines import IMAGE_6, IMAGE_7, LIVE_6, LIVE_7


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        (IMAGE_7, LIVE_7),
        (IMAGE_7, "sha256:7777777777777777777777777777777777777777777777777777777777777777"),
        ("pkg:generic/edge-agent@2.4.0", "2.4.0"),
        ("pkg:generic/edge-agent@2.4.0", "v2.4.0"),
        ("pkg:oci/podinfo@6.5.4", "ghcr.io/stefanprodan/podinfo:6.5.4"),
        ("ghcr.io/stefanprodan/podinfo:6.5.4", "ghcr.io/stefanprodan/podinfo:6.5.4"),
        ("a1b2c3d4e5f60718293a4b5c6d7e8f9001122334", "a1b2c3d"),
        ("payments:1.2", "payments:1.2"),
    ],
)
def test_matching(expected: str, actual: str) -> None:
    assert versions_match(expected, actual)


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        (IMAGE_7, LIVE_6),
        (IMAGE_6, LIVE_7),
        ("pkg:generic/edge-agent@2.4.0", "2.4.1"),
        ("pkg:oci/podinfo@6.5.4", "ghcr.io/stefanprodan/podinfo:6.5.3"),
        ("a1b2c3d4e5f60718293a4b5c6d7e8f9001122334", "b1b2c3d"),
        ("localhost:5000/app", "localhost:5001/app"),
    ],
)
def test_not_matching(expected: str, actual: str) -> None:
    assert not versions_match(expected, actual)
