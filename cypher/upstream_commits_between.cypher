// The upstream commits of the deployment events of a time window, anchored on the `at` range
// index (what the window's deployments and their predecessors shipped).
// Parameters: $since, $until: STRING fixed-width UTC timestamps; at >= $since, < $until.
// Returns: the record (lineage.store.delivery.upstream_records) as `record`, ordered by (at,
//   deploymentId, hash).
MATCH (u:UpstreamCommit)
WHERE u.at >= $since AND u.at < $until
RETURN properties(u) AS record, u.at AS at, u.deploymentId AS deploymentId, u.hash AS hash
ORDER BY at, deploymentId, hash
