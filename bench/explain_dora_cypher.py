"""The Neo4j plans of the statements `doraMetrics` sends, from EXPLAIN on a real Neo4j 5.26
(and `link_ends_upstream`, the walk ingest takes for upstream commits).

Run:  python bench/explain_dora_cypher.py [--weeks 6]

Starts Neo4j 5.26 Community (`tests.support.neo4j_server`), creates the store's schema, ingests
`--weeks` weeks of demo history (`lineage.demo.history_records`), then prints, for each Cypher
file the DORA service uses, the operators of its EXPLAIN plan (leaf first, as Neo4j's planner
chose them with the store's indexes and constraints in place).
"""

from __future__ import annotations

import argparse
from typing import Any

from lineage.demo import history_records
from lineage.ingest import Ingestor, SourceRecord
from lineage.store.neo4j import Neo4jStore, queries
from tests.support.neo4j_server import neo4j_server

#: Statement → parameters to EXPLAIN it with (values only shape the plan, not the rows).
STATEMENTS: dict[str, dict[str, Any]] = {
    "delivery_environment_after": {"after": ""},
    "delivery_events_in_environments": {"environments": ["prod"], "since": "2025-10-01",
                                        "until": "2026-01-01",
                                        "kinds": ["deployed", "upgraded", "rolledback"]},
    "delivery_events_of_kinds": {"kinds": ["detected", "reported", "resolved"],
                                 "since": "2025-10-01", "until": "2026-01-01"},
    "deployments_between": {"since": "2025-10-01", "until": "2026-01-01"},
    "incident_links_between": {"kinds": ["detected", "reported"], "since": "2025-10-01",
                               "until": "2026-01-01"},
    "delivery_events_by_id": {"ids": ["x"]},
    "get_deployments": {"ids": ["x"]},
    "upstream_commits_of": {"ids": ["x"]},
    "get_manifest_commits": {"ids": ["x"]},
    "upstream_hashes_in_environments": {"environments": ["prod"], "since": "2025-10-01",
                                       "until": "2026-01-01"},
    "deployment_times_naming": {"ids": ["x"], "environments": ["prod"],
                                "kinds": ["deployed", "upgraded"]},
    "manifest_commits_naming": {"ids": ["x"]},
    "deployments_by_trace_commit": {"ids": ["x"]},
    "commit_facts": {"ids": ["x"]},
    "commit_mentions_by_hash": {"ids": ["x"]},
    "mention_times_by_hash": {"ids": ["x"]},
    "fact_digests": {"kind": "Derivation", "ids": ["UpstreamCommits"]},
    "event_kinds": {"ids": ["x"]},
    "link_ends_upstream": {"ids": ["x"], "relTypes": ["PATH", "END"], "includeInferred": True,
                           "skippedKinds": ["ENVIRONMENT"]},
    "subject_delivery_events_before": {"subjectId": "payments", "at": "2026-01-01", "id": "x",
                                       "limit": 50},
    "previous_deployment": {"applicationId": "a", "envId": "prod", "createdAt": "2026-01-01",
                            "id": "x"},
    "find_events_by_subject": {
        "types": [], "subjectTypes": ["environment"], "sources": [], "chainId": None,
        "subjectId": "prod", "since": "", "until": "\uffff", "afterTs": "", "afterId": "",
        "limit": 21,
    },
}  # fmt: skip


def operators(plan: Any, depth: int = 0) -> list[str]:
    """The plan's operators, leaves first, with their details."""
    lines: list[str] = []
    for child in plan.get("children", []):
        lines.extend(operators(child, depth + 1))
    arguments = plan.get("args", {})
    details = arguments.get("Details", "")
    lines.append(f"{'  ' * depth}{plan['operatorType'].split('@')[0]}  {details}".rstrip())
    return lines


def main() -> None:
    """Start Neo4j, load the demo history, EXPLAIN each statement."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--weeks", type=int, default=6)
    args = parser.parse_args()
    with neo4j_server(timeout=900) as server:
        store = Neo4jStore(server.uri, server.username, server.password, server.database)
        store.init_schema()
        records = (SourceRecord(f"h:{i}", r) for i, r in enumerate(history_records(args.weeks)))
        Ingestor(store).ingest(records)
        with store._driver.session(database=server.database) as session:  # bench only
            for name, params in STATEMENTS.items():
                result = session.run("EXPLAIN " + queries.load(name), params)
                plan = result.consume().plan
                print(f"\n{name}.cypher")
                for line in operators(plan):
                    print(f"  {line}")
        store.close()


if __name__ == "__main__":
    main()
