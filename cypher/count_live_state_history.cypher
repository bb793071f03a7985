// count_live_state_history: how many reports of one target history holds.
// Parameters: $applicationId, $deployTarget: STRING.
// Returns: total.
MATCH (s:LiveState {applicationId: $applicationId, deployTarget: $deployTarget})
RETURN count(s) AS total
