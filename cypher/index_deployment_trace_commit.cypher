// Schema: PipeCD deployments by the commit they trace (a source or a manifest commit).
// Parameters: none.
CREATE INDEX deployment_trace_commit IF NOT EXISTS FOR (d:Deployment) ON (d.traceCommitHash)
