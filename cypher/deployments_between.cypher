// PipeCD deployments created in a time window (the DORA metrics' explicit deployments), anchored
// on the createdAt range index.
// Parameters: $since, $until: STRING fixed-width UTC timestamps; createdAt >= $since, < $until.
// Returns: the deployment record (lineage.store.trace_codec.deployment_record) as `record`,
//   ordered by (createdAt, id).
MATCH (d:Deployment)
WHERE d.createdAt >= $since AND d.createdAt < $until
RETURN properties(d) AS record, d.createdAt AS createdAt, d.id AS id
ORDER BY createdAt, id
