// Store new manifest-repo commits and the source commits their trailers name:
// (:ManifestCommit)-[:NAMES_SOURCE]->(:Commit), the commit node made if missing (its index entry
// is merged into it by write_commits); stored manifest commits stay as they are.
// Parameters: $rows: list of {hash: STRING, sourceHashes: list of STRING, props: MAP} where props
//   is lineage.store.trace_codec.manifest_record.
UNWIND $rows AS row
MERGE (m:ManifestCommit {hash: row.hash})
ON CREATE SET m += row.props
WITH m, row
UNWIND row.sourceHashes AS source
MERGE (c:Commit {hash: source})
MERGE (m)-[:NAMES_SOURCE]->(c)
