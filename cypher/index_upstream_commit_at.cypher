// Schema: upstream commits by their deployment's time (the commits a window's deployments ship).
// Parameters: none.
CREATE INDEX upstream_commit_at IF NOT EXISTS FOR (u:UpstreamCommit) ON (u.at)
