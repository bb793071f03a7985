// index_live_state_target: a target's report history by time (history pages, pruning).
// Parameters: none.
CREATE INDEX live_state_target IF NOT EXISTS
FOR (s:LiveState) ON (s.applicationId, s.deployTarget, s.reportedAt)
