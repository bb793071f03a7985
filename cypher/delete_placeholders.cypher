// Remove the placeholders of events that are arriving now, with their relationships; the caller
// read those links first (placeholder_links.cypher) and writes them again onto the new event
// node in the same transaction. Stored events with these ids are not touched.
// Parameters: $ids: list of STRING ids of placeholders whose event is being written.
MATCH (p:Event:Placeholder)
USING INDEX p:Event(id)
WHERE p.id IN $ids
DETACH DELETE p
