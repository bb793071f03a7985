// PipeCD deployment traces of any of the given commit hashes.
// Parameters: $ids: list of STRING hashes.
// Returns: the trace record (lineage.store.trace_codec.trace_record) as `record`.
UNWIND $ids AS hash
MATCH (t:DeploymentTrace {commitHash: hash})
USING INDEX SEEK t:DeploymentTrace(commitHash)
RETURN DISTINCT properties(t) AS record
