// The newest PipeCD deployment of an application to an environment whose status is one of the
// given (normalized) statuses: (createdAt, id) descending.
// Parameters: $applicationId: STRING; $envId: STRING or null; $statuses: list of STRING.
// Returns: the deployment record (lineage.store.trace_codec.deployment_record) as `record`.
MATCH (d:Deployment {applicationId: $applicationId})
USING INDEX SEEK d:Deployment(applicationId)
WHERE (d.envId = $envId OR (d.envId IS NULL AND $envId IS NULL))
  AND d.status IN $statuses
RETURN properties(d) AS record, d.createdAt AS createdAt, d.id AS id
ORDER BY createdAt DESC, id DESC
LIMIT 1
