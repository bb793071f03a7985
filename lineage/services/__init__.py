"""Services: the questions users ask of a lineage store, backend-agnostic (only `Store` is used)."""

from lineage.services.chains import ChainView, chain_islands, chain_view, list_chains
from lineage.services.errors import LimitExceededError, NotFoundError, ServiceError
from lineage.services.events import event_matches, links_by_event, list_events
from lineage.services.fans import FanBranch, FanGroup, fan_groups
from lineage.services.intake import ingest_payloads, ingest_submissions
from lineage.services.live import chain_updates, ingested_events
from lineage.services.nodes import Node, Placeholder, find_node, nodes_by_id
from lineage.services.notifications import Notifier, WriteNotice
from lineage.services.runtime import Runtime
from lineage.services.traversal import Reached, Subgraph, traverse

__all__ = [
    "ChainView",
    "FanBranch",
    "FanGroup",
    "LimitExceededError",
    "Node",
    "NotFoundError",
    "Notifier",
    "Placeholder",
    "Reached",
    "Runtime",
    "ServiceError",
    "Subgraph",
    "WriteNotice",
    "chain_islands",
    "chain_updates",
    "chain_view",
    "event_matches",
    "fan_groups",
    "find_node",
    "ingest_payloads",
    "ingest_submissions",
    "ingested_events",
    "links_by_event",
    "list_chains",
    "list_events",
    "nodes_by_id",
    "traverse",
]
