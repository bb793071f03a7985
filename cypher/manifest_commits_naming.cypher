// Manifest commits whose trailers name any of the given source commits.
// Parameters: $ids: list of STRING source commit hashes.
// Returns: the manifest commit record (lineage.store.trace_codec.manifest_record) as `record`.
UNWIND $ids AS hash
MATCH (:Commit {hash: hash})<-[:NAMES_SOURCE]-(m:ManifestCommit)
RETURN DISTINCT properties(m) AS record
