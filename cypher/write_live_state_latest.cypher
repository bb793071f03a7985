// write_live_state_latest: make each report the latest of its (application, deploy target)
// unless a later one is already there.
// Parameters: $rows: list of {key: STRING, props: MAP} where key joins application and deploy
//   target and props is lineage.store.pipeline_codec.report_record (reportedAt fixed-width UTC).
UNWIND $rows AS row
MERGE (l:LiveStateLatest {key: row.key})
ON CREATE SET l += row.props
WITH l, row
WHERE l.reportedAt < row.props.reportedAt
SET l += row.props
