// constraint_live_state_latest_key: one latest-report node per (application, deploy target).
// Parameters: none.
CREATE CONSTRAINT live_state_latest_key IF NOT EXISTS
FOR (l:LiveStateLatest) REQUIRE l.key IS UNIQUE
