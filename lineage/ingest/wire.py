"""Wire shapes of CDEvents (v0.3, v0.4, v0.5) and standalone links, exactly as producers send them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


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
