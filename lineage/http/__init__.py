"""HTTP: the Starlette app serving GraphQL and receiving CDEvents and links."""

from lineage.http.app import DEFAULT_MAX_BODY_BYTES, create_app

__all__ = ["DEFAULT_MAX_BODY_BYTES", "create_app"]
