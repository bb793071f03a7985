// The latest PipeCD deployment of an application to an environment before a given one:
// (createdAt, id) descending below (createdAt, id) of that deployment.
// Parameters: $applicationId: STRING; $envId: STRING or null; $createdAt, $id: STRING.
// Returns: the deployment record (lineage.store.trace_codec.deployment_record) as `record`.
MATCH (d:Deployment {applicationId: $applicationId})
USING INDEX SEEK d:Deployment(applicationId)
WHERE (d.envId = $envId OR (d.envId IS NULL AND $envId IS NULL))
  AND d.createdAt <= $createdAt
  AND (d.createdAt < $createdAt OR (d.createdAt = $createdAt AND d.id < $id))
RETURN properties(d) AS record, d.createdAt AS createdAt, d.id AS id
ORDER BY createdAt DESC, id DESC
LIMIT 1
