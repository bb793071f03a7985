// The time and id of the deployments (given kinds) in the given environments downstream of the
// events naming any of the given commits: a commit's first production deployment, without the
// other environments' deployments, the rollbacks, or the rest of each upstream commit.
// Parameters: $ids: list of STRING commit hashes; $environments: list of STRING environment
//   ids; $kinds: list of STRING delivery kinds.
// Returns: hash, at (STRING fixed-width UTC timestamp), deploymentId per upstream commit.
UNWIND $ids AS hash
MATCH (u:UpstreamCommit {hash: hash})
USING INDEX SEEK u:UpstreamCommit(hash)
WHERE u.environment IN $environments AND u.what IN $kinds
RETURN u.hash AS hash, u.at AS at, u.deploymentId AS deploymentId
