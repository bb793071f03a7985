// index_live_state_latest_application: the latest reports of one application.
// Parameters: none.
CREATE INDEX live_state_latest_application IF NOT EXISTS
FOR (l:LiveStateLatest) ON (l.applicationId)
