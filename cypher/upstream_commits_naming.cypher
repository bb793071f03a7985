// The upstream commits with one of the given hashes: the deployment events downstream of the
// events naming those commits (a commit's first production deployment).
// Parameters: $ids: list of STRING commit hashes.
// Returns: the record (lineage.store.delivery.upstream_records) as `record`.
UNWIND $ids AS hash
MATCH (u:UpstreamCommit {hash: hash})
USING INDEX SEEK u:UpstreamCommit(hash)
RETURN properties(u) AS record
