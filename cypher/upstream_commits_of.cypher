// The upstream commits of the given deployment events.
// Parameters: $ids: list of STRING deployment event ids.
// Returns: the record (lineage.store.delivery.upstream_records) as `record`.
UNWIND $ids AS id
MATCH (u:UpstreamCommit {deploymentId: id})
USING INDEX SEEK u:UpstreamCommit(deploymentId)
RETURN properties(u) AS record
