// Schema: upstream commits by environment and time (what a window's production deployments and
// their predecessors shipped: one range seek per production environment).
// Parameters: none.
CREATE INDEX upstream_commit_environment IF NOT EXISTS
FOR (u:UpstreamCommit) ON (u.environment, u.at)
