// Store new PipeCD deployment traces; ids already stored are left as they are.
// Parameters: $rows: list of {id: STRING, props: MAP} where props is
//   lineage.store.trace_codec.trace_record.
UNWIND $rows AS row
MERGE (t:DeploymentTrace {id: row.id})
ON CREATE SET t += row.props
