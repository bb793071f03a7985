// Which of the given ids are placeholders: referenced by a link, with no stored event.
// Parameters: $ids: list of STRING event ids.
// Returns: id.
MATCH (p:Event:Placeholder)
USING INDEX SEEK p:Event(id)
WHERE p.id IN $ids
RETURN p.id AS id
