"""GraphQL enums: the model's own enums, registered with strawberry under their model names.

Import the enums from here (not from the model) in GraphQL code, so registration has happened.
"""

from __future__ import annotations

import strawberry

from lineage.ingest import Status
from lineage.model import Direction, LinkType

strawberry.enum(LinkType, description="The four CDEvents link types.")
strawberry.enum(Direction, description="Which way to follow links: towards causes, effects, both.")
strawberry.enum(Status, name="IngestStatus", description="What happened to one ingested record.")

__all__ = ["Direction", "LinkType", "Status"]
