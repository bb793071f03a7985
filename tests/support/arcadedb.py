"""A Bolt + Cypher server for tests: ArcadeDB from PyPI (`arcadedb-embedded`), in this process.

No Neo4j server exists on our machines, so the Neo4j backend's behavioural tests run through the
official `neo4j` driver against ArcadeDB's Bolt plugin. The server binds to 127.0.0.1 on free
ports; its files, logs and JVM crash reports go under the given root folder, and its INFO log
lines are silenced (warnings and errors still reach the console).

The JVM (and so the server) lives inside the Python process: start it once per test session.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

USERNAME = "root"
PASSWORD = "lineage-standin"  # ArcadeDB wants at least 8 characters
DATABASE = "lineage"
HEAP = "1g"

_LOGGING = """\
handlers = java.util.logging.ConsoleHandler
.level = WARNING
com.arcadedb.level = WARNING
java.util.logging.ConsoleHandler.level = WARNING
java.util.logging.ConsoleHandler.formatter = java.util.logging.SimpleFormatter
java.util.logging.SimpleFormatter.format = [arcadedb] %4$s %3$s: %5$s%6$s%n
"""


@dataclass(frozen=True)
class BoltServer:
    """Where a Bolt server listens and how to log in."""

    uri: str
    username: str
    password: str
    database: str


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ArcadeDBStandIn:
    """ArcadeDB's server with the Bolt plugin, holding one database, on 127.0.0.1."""

    def __init__(self, root: Path, database: str = DATABASE, password: str = PASSWORD) -> None:
        self.root = root
        self.database = database
        self.password = password
        self._server: Any = None
        self.bolt_port = 0

    def start(self) -> BoltServer:
        """Start the JVM (quietly) and the server, create the database, say where it listens."""
        import arcadedb_embedded as arcadedb
        import jpype.config
        from arcadedb_embedded.jvm import start_jvm

        self.root.mkdir(parents=True, exist_ok=True)
        logging_config = self.root / "logging.properties"
        logging_config.write_text(_LOGGING, encoding="utf-8")
        # Crash reports default to ./log/ under the working directory (the checkout): not there.
        os.environ.setdefault("ARCADEDB_JVM_ERROR_FILE", str(self.root / "hs_err_pid%p.log"))
        start_jvm(
            heap_size=HEAP,
            jvm_args=[f"-Djava.util.logging.config.file={logging_config}"],
        )
        # Destroying the JVM at exit can wait forever on a Bolt connection a test left open;
        # the server is stopped by then and holds nothing worth a clean JVM shutdown.
        jpype.config.destroy_jvm = False
        self.bolt_port = free_port()
        self._server = arcadedb.create_server(
            str(self.root / "server"),
            self.password,
            config={
                "host": "127.0.0.1",
                "http_port": free_port(),
                "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
                "bolt_port": self.bolt_port,
            },
        )
        self._server.start()
        self._server.create_database(self.database)
        return BoltServer(
            uri=f"bolt://127.0.0.1:{self.bolt_port}",
            username=USERNAME,
            password=self.password,
            database=self.database,
        )

    def stop(self) -> None:
        """Stop the server (the JVM stays up until the process ends)."""
        if self._server is not None:
            self._server.stop()
            self._server = None


@contextmanager
def arcadedb_bolt_server(root: Path, database: str = DATABASE) -> Iterator[BoltServer]:
    """Run an ArcadeDB Bolt server for the duration of the `with` block."""
    stand_in = ArcadeDBStandIn(root, database)
    try:
        yield stand_in.start()
    finally:
        stand_in.stop()
