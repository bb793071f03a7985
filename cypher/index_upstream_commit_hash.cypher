// Schema: upstream commits by hash (the deployments downstream of a commit).
// Parameters: none.
CREATE INDEX upstream_commit_hash IF NOT EXISTS FOR (u:UpstreamCommit) ON (u.hash)
