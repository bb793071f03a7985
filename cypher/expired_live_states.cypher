// expired_live_states: ids of the reports of each target made before its cutoff.
// Parameters: $rows: list of {applicationId: STRING, deployTarget: STRING, cutoff: STRING}.
// Returns: id.
UNWIND $rows AS row
MATCH (s:LiveState {applicationId: row.applicationId, deployTarget: row.deployTarget})
USING INDEX SEEK s:LiveState(applicationId, deployTarget, reportedAt)
WHERE s.reportedAt < row.cutoff
RETURN s.id AS id
