"""Wire shapes of CDEvents (v0.3, v0.4, v0.5) and standalone links, as producers send them."""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired, cast

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class WireRef(_Wire):
    """A reference to another event: `{"contextId": ...}`."""

    context_id: str = Field(alias="contextId", min_length=1)


class WireEmbeddedLink(_Wire):
    """A link carried in `context.links` (v0.5): PATH `from`, RELATION `linkKind`+`target`, END.

    The spec makes `from` optional on an embedded END: the event then just marks the chain's end.
    """

    link_type: Literal["PATH", "RELATION", "END"] = Field(alias="linkType")
    from_: WireRef | None = Field(default=None, alias="from")
    target: WireRef | None = None
    link_kind: str | None = Field(default=None, alias="linkKind", min_length=1)
    tags: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _endpoints_present(self) -> WireEmbeddedLink:
        if self.link_type == "PATH" and self.from_ is None:
            raise ValueError("embedded PATH link needs 'from'")
        if self.link_type == "RELATION" and (self.target is None or self.link_kind is None):
            raise ValueError("embedded RELATION link needs 'linkKind' and 'target'")
        return self


class WireContext(_Wire):
    """`context`: v0.3 says `version`, v0.4+ say `specversion`; chainId and links arrived later."""

    specversion: str | None = Field(default=None, min_length=1)
    version: str | None = Field(default=None, min_length=1)
    id: str = Field(min_length=1)
    source: str = Field(min_length=1)
    type: str = Field(min_length=1)
    timestamp: str = Field(min_length=1)
    schema_uri: str | None = Field(default=None, alias="schemaUri")
    chain_id: str | None = Field(default=None, alias="chainId", min_length=1)
    links: list[WireEmbeddedLink] | None = None

    @model_validator(mode="after")
    def _has_spec_version(self) -> WireContext:
        if self.specversion is None and self.version is None:
            raise ValueError("context needs 'specversion' (v0.4+) or 'version' (v0.3)")
        return self


class WireSubject(_Wire):
    """`subject`: v0.3 also carries `type`."""

    id: str = Field(min_length=1)
    source: str | None = None
    type: str | None = None
    content: dict[str, Any] = {}


class WireEvent(_Wire):
    """A whole CDEvent."""

    context: WireContext
    subject: WireSubject
    custom_data: Any = Field(default=None, alias="customData")
    custom_data_content_type: str | None = Field(default=None, alias="customDataContentType")


class WireLink(_Wire):
    """A standalone link (CDEvents links spec): START, END, PATH or RELATION."""

    chain_id: str | None = Field(default=None, alias="chainId", min_length=1)
    link_type: Literal["START", "END", "PATH", "RELATION"] = Field(alias="linkType")
    link_kind: str | None = Field(default=None, alias="linkKind", min_length=1)
    timestamp: str | None = None
    start: WireRef | None = None
    from_: WireRef | None = Field(default=None, alias="from")
    to: WireRef | None = None
    end: WireRef | None = None
    source: WireRef | None = None
    target: WireRef | None = None
    tags: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _endpoints_present(self) -> WireLink:
        needed = {
            "START": ("start",),
            "END": ("from_", "end"),
            "PATH": ("from_", "to"),
            "RELATION": ("link_kind", "source", "target"),
        }[self.link_type]
        missing = [n.rstrip("_") for n in needed if getattr(self, n) is None]
        if missing:
            names = ", ".join(repr("linkKind" if m == "link_kind" else m) for m in missing)
            raise ValueError(f"{self.link_type} link needs {names}")
        return self


# -- the same rules, compiled for speed ------------------------------------------------------
#
# Validating into the models above builds five to eight model instances per event; validating into
# TypedDicts checks exactly the same fields and constraints but builds only plain dicts, at about
# half the cost. `validate_event` uses this shape, checks the models' cross-field rules itself,
# and on any failure re-validates with the models so that errors read exactly as they always have.
# Keys accept the producer's name and the Python field name, as `populate_by_name` does above;
# unknown keys are ignored (pydantic's default, as `extra="ignore"` above).
# tests/ingest/test_wire_shapes.py keeps the two definitions in step.


_NonEmpty = Annotated[str, Field(min_length=1)]

RefShape = TypedDict(  # noqa: UP013 -- keys are wire names
    "RefShape",
    {
        "contextId": Annotated[
            str, Field(min_length=1, validation_alias=AliasChoices("contextId", "context_id"))
        ]
    },
)
EmbeddedLinkShape = TypedDict(
    "EmbeddedLinkShape",
    {
        "linkType": Annotated[
            Literal["PATH", "RELATION", "END"],
            Field(validation_alias=AliasChoices("linkType", "link_type")),
        ],
        "from": NotRequired[
            Annotated[RefShape | None, Field(validation_alias=AliasChoices("from", "from_"))]
        ],
        "target": NotRequired[RefShape | None],
        "linkKind": NotRequired[
            Annotated[
                str | None,
                Field(min_length=1, validation_alias=AliasChoices("linkKind", "link_kind")),
            ]
        ],
        "tags": NotRequired[dict[str, Any] | None],
    },
)
ContextShape = TypedDict(  # noqa: UP013 -- keys are wire names
    "ContextShape",
    {
        "specversion": NotRequired[Annotated[str | None, Field(min_length=1)]],
        "version": NotRequired[Annotated[str | None, Field(min_length=1)]],
        "id": _NonEmpty,
        "source": _NonEmpty,
        "type": _NonEmpty,
        "timestamp": _NonEmpty,
        "schemaUri": NotRequired[
            Annotated[str | None, Field(validation_alias=AliasChoices("schemaUri", "schema_uri"))]
        ],
        "chainId": NotRequired[
            Annotated[
                str | None,
                Field(min_length=1, validation_alias=AliasChoices("chainId", "chain_id")),
            ]
        ],
        "links": NotRequired[list[EmbeddedLinkShape] | None],
    },
)
SubjectShape = TypedDict(  # noqa: UP013 -- keys are wire names
    "SubjectShape",
    {
        "id": _NonEmpty,
        "source": NotRequired[str | None],
        "type": NotRequired[str | None],
        "content": NotRequired[dict[str, Any]],
    },
)
EventShape = TypedDict(  # noqa: UP013 -- keys are wire names
    "EventShape",
    {
        "context": ContextShape,
        "subject": SubjectShape,
        "customData": NotRequired[
            Annotated[Any, Field(validation_alias=AliasChoices("customData", "custom_data"))]
        ],
        "customDataContentType": NotRequired[
            Annotated[
                str | None,
                Field(
                    validation_alias=AliasChoices(
                        "customDataContentType", "custom_data_content_type"
                    )
                ),
            ]
        ],
    },
)
_EVENT_SHAPE: TypeAdapter[EventShape] = TypeAdapter(EventShape)


def validate_event(raw: Any) -> EventShape:
    """Validate a CDEvent's wire form into plain dicts; errors are worded by `WireEvent`."""
    try:
        shape = _EVENT_SHAPE.validate_python(raw)
    except ValidationError:
        pass
    else:
        if _consistent(shape):
            return shape
    # Rare: let the models raise their error (or, should the shapes ever be stricter, accept).
    return cast(EventShape, WireEvent.model_validate(raw).model_dump(by_alias=True))


def _consistent(shape: EventShape) -> bool:
    """The cross-field rules of `WireContext` and `WireEmbeddedLink`."""
    context = shape["context"]
    if context.get("specversion") is None and context.get("version") is None:
        return False
    for link in context.get("links") or ():
        link_type = link["linkType"]
        if link_type == "PATH" and link.get("from") is None:
            return False
        if link_type == "RELATION" and (link.get("target") is None or link.get("linkKind") is None):
            return False
    return True
