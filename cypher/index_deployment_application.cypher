// Schema: PipeCD deployments by application (the previous deployment of an application).
// Parameters: none.
CREATE INDEX deployment_application IF NOT EXISTS FOR (d:Deployment) ON (d.applicationId)
