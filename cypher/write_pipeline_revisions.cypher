// write_pipeline_revisions: store Weave PipelineExecution revisions; a stored execution is
// replaced only by a greater revision.
// Parameters: $rows: list of {id: STRING, props: MAP} where props is
//   lineage.store.pipeline_codec.execution_record plus revision, labelKey, chainKey, firstAt.
UNWIND $rows AS row
MERGE (x:PipelineExecution {id: row.id, origin: 'weave'})
ON CREATE SET x += row.props
WITH x, row
WHERE row.props.revision > x.revision
SET x += row.props
