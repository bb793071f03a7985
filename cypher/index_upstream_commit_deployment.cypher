// Schema: the upstream commits of one deployment event (replaced when ingest recomputes them).
// Parameters: none.
CREATE INDEX upstream_commit_deployment IF NOT EXISTS
FOR (u:UpstreamCommit) ON (u.deploymentId)
