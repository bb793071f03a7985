"""Canonical content digests: equal content gives equal digests, whatever the key order."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson


def digest_of(value: Any) -> str:
    """Hash a JSON-able value canonically (sorted keys)."""
    payload = orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    return hashlib.blake2b(payload, digest_size=16).hexdigest()
