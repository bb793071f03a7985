// Schema: END relationships by the chainId they carry (chain membership, chain_links).
// Parameters: none.
CREATE INDEX end_chain_id IF NOT EXISTS FOR ()-[r:END]-() ON (r.chainId)
