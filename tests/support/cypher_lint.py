"""Lint Cypher files with Neo4j's own Cypher front end (npm `@neo4j-cypher/language-support`).

All files go to one Node process running `tests/cypher_lint/lint.mjs`; the npm package is
installed there with `npm ci` on first use. Diagnostics use 1-based lines and columns.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Literal, cast

LINT_DIR = pathlib.Path(__file__).resolve().parent.parent / "cypher_lint"
LINT_SCRIPT = LINT_DIR / "lint.mjs"
PACKAGE = "@neo4j-cypher/language-support"
MIN_NODE_VERSION = (18, 18, 2)  # the `engines` field of the pinned package version
NPM_CI_TIMEOUT_S = 600
LINT_TIMEOUT_S = 300

Severity = Literal["error", "warning"]


class CypherLintError(RuntimeError):
    """The Cypher linter could not be installed or run."""


@dataclass(frozen=True)
class Diagnostic:
    """One finding of the linter; `line` and `column` are 1-based."""

    severity: Severity
    message: str
    line: int
    column: int

    @property
    def is_error(self) -> bool:
        """Whether this diagnostic is an error (not a warning)."""
        return self.severity == "error"


def _which(tool: str) -> str:
    """Return the full path of `tool` on PATH or raise CypherLintError."""
    found = shutil.which(tool)
    if found is None:
        raise CypherLintError(
            f"`{tool}` was not found on PATH; the Cypher linter needs Node.js "
            f">= {'.'.join(map(str, MIN_NODE_VERSION))} with npm "
            f"(it runs {LINT_SCRIPT.relative_to(LINT_DIR.parent.parent)})"
        )
    return found


def _check_node_version(node: str) -> None:
    """Raise CypherLintError when `node` is older than the package requires."""
    out = subprocess.run(
        [node, "--version"], capture_output=True, text=True, check=False, timeout=60
    ).stdout.strip()
    match = re.match(r"v(\d+)\.(\d+)\.(\d+)", out)
    if match is None:
        raise CypherLintError(f"cannot tell the version of {node} (it printed {out!r})")
    version = tuple(int(part) for part in match.groups())
    if version < MIN_NODE_VERSION:
        wanted = ".".join(map(str, MIN_NODE_VERSION))
        raise CypherLintError(f"{PACKAGE} needs Node.js >= {wanted}, found {out} at {node}")


def _load_json(path: pathlib.Path) -> dict[str, object]:
    """Return the JSON object stored in `path`, or an empty dict if it is missing or invalid."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _is_installed() -> bool:
    """Whether node_modules holds exactly the package version pinned in package.json."""
    dependencies = _load_json(LINT_DIR / "package.json").get("dependencies")
    pinned = dependencies.get(PACKAGE) if isinstance(dependencies, dict) else None
    installed = _load_json(LINT_DIR / "node_modules" / PACKAGE / "package.json").get("version")
    return isinstance(pinned, str) and installed == pinned


def ensure_installed() -> None:
    """Install the pinned npm package with `npm ci` unless it is already installed."""
    if _is_installed():
        return
    npm = _which("npm")
    proc = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"],
        cwd=LINT_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=NPM_CI_TIMEOUT_S,
    )
    if proc.returncode != 0 or not _is_installed():
        raise CypherLintError(
            f"`npm ci` in {LINT_DIR} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        )


def _parse_diagnostic(raw: dict[str, object]) -> Diagnostic:
    """Build a Diagnostic from one JSON object printed by lint.mjs."""
    severity = raw["severity"]
    if severity not in ("error", "warning"):
        raise CypherLintError(f"lint.mjs printed an unknown severity: {raw!r}")
    return Diagnostic(
        severity=severity,
        message=str(raw["message"]),
        line=int(cast(int, raw["line"])),
        column=int(cast(int, raw["column"])),
    )


def lint_cypher_files(paths: list[pathlib.Path]) -> dict[pathlib.Path, list[Diagnostic]]:
    """Lint each Cypher file (one statement each) and map every given path to its diagnostics."""
    if not paths:
        return {}
    missing = [path for path in paths if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"no such Cypher file(s): {', '.join(map(str, missing))}")
    node = _which("node")
    _check_node_version(node)
    ensure_installed()
    absolute = [str(path.resolve()) for path in paths]
    proc = subprocess.run(
        [node, str(LINT_SCRIPT), json.dumps(absolute)],
        cwd=LINT_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=LINT_TIMEOUT_S,
    )
    if proc.returncode != 0:
        raise CypherLintError(f"lint.mjs failed (exit {proc.returncode}):\n{proc.stderr}")
    try:
        files = json.loads(proc.stdout)["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise CypherLintError(f"lint.mjs printed no valid result ({exc}):\n{proc.stdout}") from exc
    if [entry["path"] for entry in files] != absolute:
        raise CypherLintError("lint.mjs answered for other files than it was given")
    return {
        path: [_parse_diagnostic(raw) for raw in entry["diagnostics"]]
        for path, entry in zip(paths, files, strict=True)
    }
