"""XML text for the streaming GraphML and GEXF writers: escaped attribute values and text."""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

#: Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Characters that need escaping (or refusing); most values have none and pass as they are.
_SPECIAL = re.compile("[&<>\"'\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTRIBUTE_ENTITIES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def xml_value(value: Any) -> str:
    """A scalar attribute value as XML text (booleans as `true`/`false`)."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return value if isinstance(value, str) else str(value)


def text(value: Any) -> str:
    """Escaped element text; raises ValueError for characters XML cannot carry."""
    plain = xml_value(value)
    if _SPECIAL.search(plain) is None:
        return plain
    return escape(checked(plain))


def attr(value: Any) -> str:
    """A quoted, escaped attribute value (newlines and tabs kept as character references)."""
    plain = xml_value(value)
    if _SPECIAL.search(plain) is None:
        return f'"{plain}"'
    return quoteattr(checked(plain), _ATTRIBUTE_ENTITIES)


def checked(value: str) -> str:
    """`value` if XML 1.0 can hold it, else a ValueError naming the character."""
    bad = _NOT_XML.search(value)
    if bad is not None:
        raise ValueError(f"character {bad.group()!r} cannot be written to XML (in {value[:60]!r})")
    return value
