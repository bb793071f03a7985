// Store new PipeCD deployments; ids already stored are left as they are.
// Parameters: $rows: list of {id: STRING, props: MAP} where props is
//   lineage.store.trace_codec.deployment_record.
UNWIND $rows AS row
MERGE (d:Deployment {id: row.id})
ON CREATE SET d += row.props
