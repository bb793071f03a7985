// Schema: RELATION relationships by link id (link_digests).
// Parameters: none.
CREATE INDEX relation_id IF NOT EXISTS FOR ()-[r:RELATION]-() ON (r.id)
