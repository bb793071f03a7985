// find_pipeline_executions: one page of executions, newest first by (sortTs, id, origin)
// descending, below the keyset cursor, matching the optional filters.
// Parameters: $pipelineName, $namespace: STRING or null (no filter); $statuses: list of STRING
//   (empty: no filter); $afterTs, $afterId, $afterOrigin: STRING; $limit: INTEGER.
// Returns: the execution record columns id, origin, name, pipelineName, namespace, status,
//   startedAt, finishedAt, updatedAt, sortTs, chainId, body.
MATCH (x:PipelineExecution)
WHERE ($pipelineName IS NULL OR x.pipelineName = $pipelineName)
  AND ($namespace IS NULL OR x.namespace = $namespace)
  AND (size($statuses) = 0 OR x.status IN $statuses)
  AND (
    x.sortTs < $afterTs
    OR (x.sortTs = $afterTs AND (x.id < $afterId OR (x.id = $afterId AND x.origin < $afterOrigin)))
  )
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
ORDER BY sortTs DESC, id DESC, origin DESC
LIMIT $limit
