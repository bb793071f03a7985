// Schema: PipeCD deployments are unique by id.
// Parameters: none.
CREATE CONSTRAINT deployment_id IF NOT EXISTS FOR (d:Deployment) REQUIRE d.id IS UNIQUE
