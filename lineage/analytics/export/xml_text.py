"""XML text for the streaming GraphML and GEXF writers: escaped attribute values and text."""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

#: Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_value(value: Any) -> str:
    """A scalar attribute value as XML text (booleans as `true`/`false`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def text(value: Any) -> str:
    """Escaped element text; raises ValueError for characters XML cannot carry."""
    return escape(checked(xml_value(value)))


def attr(value: Any) -> str:
    """A quoted, escaped attribute value (newlines and tabs kept as character references)."""
    quoted = quoteattr(checked(xml_value(value)), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
    return quoted


def checked(value: str) -> str:
    """`value` if XML 1.0 can hold it, else a ValueError naming the character."""
    bad = _NOT_XML.search(value)
    if bad is not None:
        raise ValueError(f"character {bad.group()!r} cannot be written to XML (in {value[:60]!r})")
    return value
