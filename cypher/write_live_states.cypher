// write_live_states: store new live-state reports in history; a stored report is left as it is.
// Parameters: $rows: list of {id: STRING, props: MAP} where props is
//   lineage.store.pipeline_codec.report_record.
UNWIND $rows AS row
MERGE (s:LiveState {id: row.id})
ON CREATE SET s += row.props
