// Make sure every link endpoint has a node, so links always join two nodes: an id with no node
// yet gets a placeholder (:Event:Placeholder {id}) until its event arrives; an event or
// placeholder already there is left as it is. MERGE on the event_id uniqueness constraint, so
// concurrent writers create one placeholder per id.
// Parameters: $ids: list of STRING event ids referenced by links.
UNWIND $ids AS id
MERGE (p:Event {id: id})
ON CREATE SET p:Placeholder
