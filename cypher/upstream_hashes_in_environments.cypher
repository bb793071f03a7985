// The upstream commits of the deployment events (any kind: deployed, upgraded, rolled back) of
// the given environments in a time window, anchored on the (environment, at) index: one range
// seek per environment (what a window's deployments and their predecessors shipped).
// Parameters: $environments: list of STRING environment ids; $since, $until: STRING fixed-width
//   UTC timestamps; at >= $since, < $until.
// Returns: deploymentId, hash (STRING) per upstream commit (unordered).
UNWIND $environments AS environment
MATCH (u:UpstreamCommit)
USING INDEX SEEK u:UpstreamCommit(environment, at)
WHERE u.environment = environment AND u.at >= $since AND u.at < $until
RETURN u.deploymentId AS deploymentId, u.hash AS hash
