// Schema: END relationships by link id (link_digests).
// Parameters: none.
CREATE INDEX end_id IF NOT EXISTS FOR ()-[r:END]-() ON (r.id)
