// Schema: PATH relationships by the chainId they carry (chain membership, chain_links).
// Parameters: none.
CREATE INDEX path_chain_id IF NOT EXISTS FOR ()-[r:PATH]-() ON (r.chainId)
