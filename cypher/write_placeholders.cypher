// Create a placeholder (:Event:Placeholder {id}) for each link endpoint that has no node yet, so
// links always join two nodes. The caller sends only ids without a node in this transaction
// (existing_nodes.cypher); should a concurrent writer create one of them first, the event_id
// constraint refuses this write and the caller retries it. (CREATE rather than MERGE for the
// reason given in write_events_build.cypher.)
// Parameters: $ids: list of STRING event ids referenced by links.
UNWIND $ids AS id
CREATE (p:Event:Placeholder {id: id})
