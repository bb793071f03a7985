// PipeCD deployments whose trace commit is one of the given hashes.
// Parameters: $ids: list of STRING hashes.
// Returns: the deployment record (lineage.store.trace_codec.deployment_record) as `record`.
UNWIND $ids AS hash
MATCH (d:Deployment {traceCommitHash: hash})
USING INDEX SEEK d:Deployment(traceCommitHash)
RETURN DISTINCT properties(d) AS record
