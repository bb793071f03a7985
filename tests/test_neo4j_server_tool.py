"""The test tooling's Neo4j launcher: a clear error when Java or Maven is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import neo4j_server
from tests.support.neo4j_server import Neo4jServerError


def test_a_missing_java_is_named_not_a_traceback_from_subprocess(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no java, no mvn
    with pytest.raises(Neo4jServerError, match=r"`java` was not found on PATH.*NEO4J_URI"):
        neo4j_server.launcher_command("lineage-test")


def test_a_missing_maven_is_named_when_the_launcher_needs_building(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(neo4j_server, "_is_built", lambda: False)
    with pytest.raises(Neo4jServerError, match=r"`mvn` was not found on PATH"):
        neo4j_server.build_launcher()
