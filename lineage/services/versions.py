"""Whether a live resource version names the same build as a deployed artifact.

Artifacts arrive as package URLs (`pkg:oci/payments@sha256%3Aab12...?repository_url=...`),
live versions as image references (`registry.example.com/myorg/payments@sha256:ab12...`,
`ghcr.io/org/app:1.4.2`), tags (`v1.4.2`) or commit hashes. Each is reduced to the version
keys it carries: the PURL version (percent-decoded), an image reference's digest and tag, or the
whole text; a leading `v` of a dotted version is dropped. Two match when they share a key, or
when both are hex commit hashes (7+ characters) and one is a prefix of the other.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

_HEX = re.compile(r"^[0-9a-f]{7,64}$")
_DIGEST = re.compile(r"^[a-z0-9]+:[0-9a-f]{32,}$", re.IGNORECASE)
_DOTTED = re.compile(r"^v\d+(\.\d+)*([-+].*)?$")


@lru_cache(maxsize=16384)
def version_keys(text: str) -> frozenset[str]:
    """The version keys a version or artifact text carries (see the module docstring)."""
    value = text.strip()
    keys: set[str] = set()
    if value.lower().startswith("pkg:"):
        keys.update(_purl_keys(value))
    else:
        keys.update(_image_keys(value))
    return frozenset(_normal(key) for key in keys if key)


def versions_match(expected: str, actual: str) -> bool:
    """Whether live version `actual` is the build of artifact (or version) `expected`."""
    if expected.strip() == actual.strip():
        return True
    wanted, seen = version_keys(expected), version_keys(actual)
    if wanted & seen:
        return True
    return any(
        _HEX.match(a) and _HEX.match(b) and (a.startswith(b) or b.startswith(a))
        for a in wanted
        for b in seen
    )


def _purl_keys(purl: str) -> list[str]:
    """`pkg:type/namespace/name@version?qualifiers#subpath` -> its decoded version."""
    body = purl.split("#", 1)[0].split("?", 1)[0]
    if "@" not in body:
        return [purl]
    version = unquote(body.rsplit("@", 1)[1])
    return [version]


def _image_keys(reference: str) -> list[str]:
    """An image reference's digest and tag; any other text (a bare digest too) is its own key."""
    if _DIGEST.match(reference):
        return [reference]
    keys: list[str] = []
    rest = reference
    if "@" in rest:
        rest, digest = rest.rsplit("@", 1)
        keys.append(digest)
    last = rest.rsplit("/", 1)[-1]
    if ":" in last:
        keys.append(last.rsplit(":", 1)[1])
    return keys or [reference]


def _normal(key: str) -> str:
    lowered = key.lower()
    return lowered[1:] if _DOTTED.match(lowered) else lowered
