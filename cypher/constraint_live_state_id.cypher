// constraint_live_state_id: one live-state report node per report id.
// Parameters: none.
CREATE CONSTRAINT live_state_id IF NOT EXISTS FOR (s:LiveState) REQUIRE s.id IS UNIQUE
