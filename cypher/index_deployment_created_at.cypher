// Schema: PipeCD deployments by creation time (deployments_between, for DORA metrics).
// Parameters: none.
CREATE INDEX deployment_created_at IF NOT EXISTS FOR (d:Deployment) ON (d.createdAt)
