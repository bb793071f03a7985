// count_live_state_history: how many reports of one target history holds.
// Parameters: $applicationId, $deployTarget: STRING.
// Returns: total.
// (reportedAt IS NOT NULL, true of every report, lets the planner seek the composite
// live_state_target index, which wants a predicate on each of its properties.)
MATCH (s:LiveState {applicationId: $applicationId, deployTarget: $deployTarget})
USING INDEX SEEK s:LiveState(applicationId, deployTarget, reportedAt)
WHERE s.reportedAt IS NOT NULL
RETURN count(s) AS total
