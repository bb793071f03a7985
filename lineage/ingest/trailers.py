"""Git trailers (`Key: value` lines closing a commit message) and the source commits they name.

Follows `git interpret-trailers`: the trailer block is the message's last paragraph; a line
starting with whitespace continues the previous trailer; keys compare case-insensitively. A
paragraph counts as a trailer block when all its lines are trailers, or (git's rule for blocks
mixing trailers and other text) when at least a quarter are and one has a key we look for.
Leniently, a message of one paragraph is read as a subject line followed by trailers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lineage.model.commit import is_commit_hash

_TRAILER = re.compile(r"^(?P<key>[A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(?P<value>.*)$")


def trailers(message: str, known_keys: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The `(key, value)` trailers of a commit message, in order (empty when it has none).

    A last paragraph mixing trailers with other lines counts when `known_keys` names one of them.
    """
    paragraphs = re.split(r"\n[ \t]*\n", message.replace("\r\n", "\n").strip())
    lines = paragraphs[-1].split("\n")
    if len(paragraphs) == 1 and len(lines) > 1:
        lines = lines[1:]  # the subject line of a one-paragraph message is no trailer
    found: list[tuple[str, str]] = []
    trailer_lines = 0
    for line in lines:
        if line[:1] in (" ", "\t") and found:
            key, value = found[-1]
            found[-1] = (key, f"{value} {line.strip()}".strip())
            trailer_lines += 1
            continue
        match = _TRAILER.match(line)
        if match is not None:
            found.append((match["key"], match["value"].strip()))
            trailer_lines += 1
    if not found:
        return []
    if trailer_lines == len(lines):
        return found
    known = {key.lower() for key in known_keys}
    if trailer_lines * 4 >= len(lines) and any(key.lower() in known for key, _ in found):
        return found
    return []


def source_commit_hashes(message: str, keys: Iterable[str]) -> tuple[str, ...]:
    """Hashes (lower-case, in order, once each) named by the trailers with any of `keys`."""
    wanted = {key.lower() for key in keys}
    hashes: dict[str, None] = {}
    for key, value in trailers(message, wanted):
        if key.lower() not in wanted:
            continue
        token = value.split()[0] if value.split() else ""
        if is_commit_hash(token):
            hashes.setdefault(token.lower(), None)
    return tuple(hashes)
