// Schema: PipeCD deployment traces are unique by id.
// Parameters: none.
CREATE CONSTRAINT deployment_trace_id IF NOT EXISTS FOR (t:DeploymentTrace) REQUIRE t.id IS UNIQUE
