// constraint_pipeline_execution_key: one execution node per (id, origin); a Weave resource and a
// CDEvents pipeline run may share an id.
// Parameters: none.
CREATE CONSTRAINT pipeline_execution_key IF NOT EXISTS
FOR (x:PipelineExecution) REQUIRE (x.id, x.origin) IS UNIQUE
