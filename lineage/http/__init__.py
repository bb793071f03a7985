"""HTTP: the Starlette app serving GraphQL and receiving CDEvents and links."""

from lineage.config import DEFAULT_MAX_BODY_BYTES
from lineage.http.app import create_app

__all__ = ["DEFAULT_MAX_BODY_BYTES", "create_app"]
