// Schema: PipeCD deployment traces by commit hash.
// Parameters: none.
CREATE INDEX deployment_trace_commit_hash IF NOT EXISTS FOR (t:DeploymentTrace) ON (t.commitHash)
