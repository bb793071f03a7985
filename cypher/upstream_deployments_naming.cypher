// The upstream commits with one of the given hashes of the deployments (given kinds) in the
// given environments: a commit's first production deployment, without the other environments'
// deployments or the rollbacks.
// Parameters: $ids: list of STRING commit hashes; $environments: list of STRING environment
//   ids; $kinds: list of STRING delivery kinds.
// Returns: the record (lineage.store.delivery.upstream_records) as `record`.
UNWIND $ids AS hash
MATCH (u:UpstreamCommit {hash: hash})
USING INDEX SEEK u:UpstreamCommit(hash)
WHERE u.environment IN $environments AND u.what IN $kinds
RETURN properties(u) AS record
