// The manifest commits among the given hashes.
// Parameters: $ids: list of STRING hashes.
// Returns: the manifest commit record (lineage.store.trace_codec.manifest_record) as `record`.
UNWIND $ids AS hash
MATCH (m:ManifestCommit {hash: hash})
USING INDEX SEEK m:ManifestCommit(hash)
RETURN DISTINCT properties(m) AS record
