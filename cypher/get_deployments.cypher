// The PipeCD deployments among the given ids.
// Parameters: $ids: list of STRING deployment ids.
// Returns: the deployment record (lineage.store.trace_codec.deployment_record) as `record`.
UNWIND $ids AS id
MATCH (d:Deployment {id: id})
USING INDEX SEEK d:Deployment(id)
RETURN DISTINCT properties(d) AS record
