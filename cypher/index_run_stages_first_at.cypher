// index_run_stages_first_at: stage rows by their pipeline run's first time (the window seek).
// Parameters: none.
CREATE INDEX run_stages_first_at IF NOT EXISTS FOR (r:RunStages) ON (r.firstAt)
