// get_pipeline_executions: stored executions with any of the given ids (both origins).
// Parameters: $ids: list of STRING execution ids.
// Returns: the execution record columns id, origin, name, pipelineName, namespace, status,
//   startedAt, finishedAt, updatedAt, sortTs, chainId, body.
UNWIND $ids AS id
MATCH (x:PipelineExecution {id: id})
USING INDEX SEEK x:PipelineExecution(id)
RETURN
  x.id AS id,
  x.origin AS origin,
  x.name AS name,
  x.pipelineName AS pipelineName,
  x.namespace AS namespace,
  x.status AS status,
  x.startedAt AS startedAt,
  x.finishedAt AS finishedAt,
  x.updatedAt AS updatedAt,
  x.sortTs AS sortTs,
  x.chainId AS chainId,
  x.body AS body
ORDER BY id, origin
