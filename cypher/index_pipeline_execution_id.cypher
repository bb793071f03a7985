// index_pipeline_execution_id: executions by id alone (get_pipeline_executions looks up both
// origins of an id; the (id, origin) key constraint's index needs both properties to seek).
// Parameters: none.
CREATE INDEX pipeline_execution_id IF NOT EXISTS FOR (x:PipelineExecution) ON (x.id)
