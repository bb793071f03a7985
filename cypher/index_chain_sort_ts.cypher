// Schema: chains by recent activity (find_chains orders by sortTs DESC).
// Parameters: none.
CREATE INDEX chain_sort_ts IF NOT EXISTS FOR (c:Chain) ON (c.sortTs)
