// index_pipeline_execution_pipeline_name: the executions of one pipeline.
// Parameters: none.
CREATE INDEX pipeline_execution_pipeline_name IF NOT EXISTS
FOR (x:PipelineExecution) ON (x.pipelineName)
