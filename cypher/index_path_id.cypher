// Schema: PATH relationships by link id (link_digests).
// Parameters: none.
CREATE INDEX path_id IF NOT EXISTS FOR ()-[r:PATH]-() ON (r.id)
