// index_run_stages_chain_id: stage rows by chain (a chain's rows are replaced whole).
// Parameters: none.
CREATE INDEX run_stages_chain_id IF NOT EXISTS FOR (r:RunStages) ON (r.chainId)
