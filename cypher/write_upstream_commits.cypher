// write_upstream_commits: store the commits named upstream of deployment events, one node each.
// Parameters: $rows: list of records (lineage.store.delivery.upstream_records): deploymentId,
//   hash, at, what, subjectId, environment.
UNWIND $rows AS row
CREATE (u:UpstreamCommit)
SET u = row
