"""A real Neo4j 5.26 Community with Bolt on 127.0.0.1, for tests, benchmarks and `make neo4j`.

The server is `tests/neo4j_server` (a small Java launcher around Neo4j's embedded
`DatabaseManagementServiceBuilder`, built by Maven from its pom.xml; the jars come from Maven
Central once and are cached in ~/.m2). It runs in a child JVM, prints `READY bolt://…` when it
accepts logins, and stops when its stdin closes, so a test run that dies takes it along.

    python -m tests.support.neo4j_server [--port 7687] [--data .neo4j] [--heap 1g]

starts it in the foreground for a user and prints the Bolt URI and the login.
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

LAUNCHER_DIR = Path(__file__).resolve().parents[1] / "neo4j_server"
TARGET = LAUNCHER_DIR / "target"
CLASSPATH_FILE = TARGET / "classpath.txt"
LAUNCHER_JAR = TARGET / "neo4j-test-server-1.jar"
MAIN_CLASS = "dev.cdevents.lineage.testserver.Neo4jLauncher"
USERNAME = "neo4j"
PASSWORD = "lineage-test"
DATABASE = "neo4j"
BUILD_TIMEOUT_S = 900
START_TIMEOUT_S = 600  # a loaded 2-core machine can take minutes to start the JVM
STOP_TIMEOUT_S = 60
# What Neo4j's own start script gives the JVM on Java 17 (netty and the page cache reach inside).
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


class Neo4jServerError(RuntimeError):
    """The Neo4j launcher could not be built or started."""


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


def _which(tool: str, why: str) -> str:
    """The full path of `tool`, or a Neo4jServerError saying what needs it."""
    found = shutil.which(tool)
    if found is None:
        raise Neo4jServerError(
            f"`{tool}` was not found on PATH; {why} (install Java 17+ and Maven, or set NEO4J_URI "
            f"to a running Neo4j 5)"
        )
    return found


def _sources() -> list[Path]:
    """The files the launcher build depends on."""
    return [LAUNCHER_DIR / "pom.xml", *sorted((LAUNCHER_DIR / "src").rglob("*.java"))]


def _is_built() -> bool:
    """Whether the jar and the classpath file exist, the latter newer than pom and sources."""
    if not (CLASSPATH_FILE.is_file() and LAUNCHER_JAR.is_file()):
        return False
    built = CLASSPATH_FILE.stat().st_mtime
    return all(source.stat().st_mtime <= built for source in _sources())


def build_launcher() -> str:
    """Build the launcher with Maven unless it is up to date; return the Java classpath."""
    if not _is_built():
        mvn = _which("mvn", "the real Neo4j of the tests is built by Maven")
        command = [mvn, "-q", "-B", "package", "-DskipTests"]
        # Offline first (cached jars, no network); online when something is not cached yet.
        for attempt in (["-o"], []):
            try:
                done = subprocess.run(
                    command + attempt, cwd=LAUNCHER_DIR, capture_output=True, text=True,
                    timeout=BUILD_TIMEOUT_S, check=False,
                )
            except subprocess.TimeoutExpired as exc:
                raise Neo4jServerError(
                    f"building {LAUNCHER_DIR} with Maven took over {BUILD_TIMEOUT_S} s"
                ) from exc
            if done.returncode == 0:
                CLASSPATH_FILE.touch()  # the stamp `_is_built` (and the Makefile) go by
                break
        else:
            raise Neo4jServerError(
                f"`{' '.join(command)}` failed in {LAUNCHER_DIR}:\n{done.stdout[-3000:]}"
                f"{done.stderr[-3000:]}"
            )
    jars = CLASSPATH_FILE.read_text(encoding="utf-8").strip()
    return os.pathsep.join([str(LAUNCHER_JAR), jars])


def launcher_command(
    password: str, *, port: int = 0, data: Path | None = None, heap: str = "1g",
    page_cache: str = "64m",
) -> list[str]:
    """The `java …` command line that starts the launcher (building it first if needed)."""
    java = _which("java", "the real Neo4j of the tests runs in a JVM")
    classpath = build_launcher()
    command = [java, f"-Xmx{heap}", *JVM_FLAGS, "-cp", classpath, MAIN_CLASS,
               "--password", password, "--port", str(port), "--page-cache", page_cache]
    if data is not None:
        command += ["--data", str(data.resolve())]  # the JVM runs in another folder
    return command


def _read_ready_line(process: subprocess.Popen[str], timeout: float, log: Path) -> str:
    """Wait for the launcher's `READY bolt://…` line; raise with the log tail if it never comes."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if line.startswith("READY "):
                return line.split()[1]
            if line:
                seen.append(line)
                continue
        if process.poll() is not None:
            break
    tail = log.read_text(encoding="utf-8", errors="replace")[-4000:] if log.exists() else ""
    state = (f"exited with {process.returncode}" if process.poll() is not None
             else f"was not ready after {timeout:.0f} s")
    raise Neo4jServerError(f"Neo4j {state}; output:\n{''.join(seen)[-2000:]}{tail}")


def _stop(process: subprocess.Popen[str]) -> None:
    """Close the launcher's stdin (it shuts Neo4j down), then wait; kill only if it hangs."""
    stdin: IO[str] | None = process.stdin
    if stdin is not None:
        with suppress(BrokenPipeError):
            stdin.close()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


@contextmanager
def neo4j_server(
    *, password: str = PASSWORD, port: int = 0, data: Path | None = None, heap: str = "1g",
    page_cache: str = "64m", timeout: float = START_TIMEOUT_S,
) -> Iterator[BoltServer]:
    """Run a real Neo4j (child JVM) for the duration of the `with` block."""
    command = launcher_command(password, port=port, data=data, heap=heap, page_cache=page_cache)
    with tempfile.TemporaryDirectory(prefix="lineage-neo4j-log-") as logs:
        log = Path(logs) / "neo4j.stderr"
        with log.open("w", encoding="utf-8") as stderr:
            process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True,
                cwd=logs,  # JVM crash reports land here, not in the checkout
            )
            try:
                uri = _read_ready_line(process, timeout, log)
                yield BoltServer(uri=uri, username=USERNAME, password=password, database=DATABASE)
            finally:
                _stop(process)


def main(argv: list[str] | None = None) -> int:
    """Run Neo4j in the foreground until Ctrl-C; print where it listens and how to log in."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.neo4j_server",
                                     description=main.__doc__)
    parser.add_argument("--port", type=int, default=7687, help="Bolt port (0: any free one)")
    parser.add_argument("--data", type=Path, default=None,
                        help="data folder kept between runs (default: a temporary one)")
    parser.add_argument("--password", default="lineage-dev", help="password of user neo4j")
    parser.add_argument("--heap", default="1g", help="JVM heap, e.g. 1g or 4g")
    parser.add_argument("--page-cache", default="256m", help="Neo4j page cache size")
    args = parser.parse_args(argv)
    try:
        with neo4j_server(password=args.password, port=args.port, data=args.data,
                          heap=args.heap, page_cache=args.page_cache) as server:
            print(f"Neo4j 5.26 Community is listening on {server.uri}\n"
                  f"  export NEO4J_USERNAME={server.username} NEO4J_PASSWORD={server.password}\n"
                  f"  lineage db init --store {server.uri}\n"
                  f"  lineage serve --store {server.uri}\n"
                  f"Ctrl-C stops it.", flush=True)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                print("stopping Neo4j …", flush=True)
    except Neo4jServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
