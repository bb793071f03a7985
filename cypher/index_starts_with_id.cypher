// Schema: STARTS_WITH relationships by link id (link_digests).
// Parameters: none.
CREATE INDEX starts_with_id IF NOT EXISTS FOR ()-[r:STARTS_WITH]-() ON (r.id)
