// index_pipeline_execution_sort_ts: executions newest first (the listing order).
// Parameters: none.
CREATE INDEX pipeline_execution_sort_ts IF NOT EXISTS FOR (x:PipelineExecution) ON (x.sortTs)
