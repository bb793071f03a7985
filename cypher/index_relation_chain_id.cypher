// Schema: RELATION relationships by the chainId they carry (chain membership, chain_links).
// Parameters: none.
CREATE INDEX relation_chain_id IF NOT EXISTS FOR ()-[r:RELATION]-() ON (r.chainId)
