// The latest PipeCD deployments of an application, all environments: (createdAt, id) descending.
// Parameters: $applicationId: STRING; $limit: INTEGER.
// Returns: the deployment record (lineage.store.trace_codec.deployment_record) as `record`.
MATCH (d:Deployment {applicationId: $applicationId})
USING INDEX SEEK d:Deployment(applicationId)
RETURN properties(d) AS record, d.createdAt AS createdAt, d.id AS id
ORDER BY createdAt DESC, id DESC
LIMIT $limit
