// count_pipeline_executions: how many executions match the optional filters.
// Parameters: $pipelineName, $namespace: STRING or null (no filter); $statuses: list of STRING
//   (empty: no filter).
// Returns: total.
// Plan exception (NodeByLabelScan): every filter is optional, so the total of an unfiltered
//   listing counts every execution; one plan serves all filter combinations.
MATCH (x:PipelineExecution)
WHERE ($pipelineName IS NULL OR x.pipelineName = $pipelineName)
  AND ($namespace IS NULL OR x.namespace = $namespace)
  AND (size($statuses) = 0 OR x.status IN $statuses)
RETURN count(x) AS total
