// count_pipeline_executions: how many executions match the optional filters.
// Parameters: $pipelineName, $namespace: STRING or null (no filter); $statuses: list of STRING
//   (empty: no filter).
// Returns: total.
MATCH (x:PipelineExecution)
WHERE ($pipelineName IS NULL OR x.pipelineName = $pipelineName)
  AND ($namespace IS NULL OR x.namespace = $namespace)
  AND (size($statuses) = 0 OR x.status IN $statuses)
RETURN count(x) AS total
