// Schema: chain membership of events by their own chainId.
// Parameters: none.
CREATE INDEX event_chain_id IF NOT EXISTS FOR (e:Event) ON (e.chainId)
