// delete_upstream_commits: drop the stored upstream commits of deployment events about to get
// their recomputed ones (write_upstream_commits, same transaction).
// Parameters: $ids: list of STRING deployment event ids.
UNWIND $ids AS id
MATCH (u:UpstreamCommit {deploymentId: id})
USING INDEX SEEK u:UpstreamCommit(deploymentId)
DELETE u
