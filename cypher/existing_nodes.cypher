// Which of the given ids already have a node, and whether that node is a placeholder: the write
// transaction decides from this which events and placeholders to create and which placeholders
// to replace.
// Parameters: $ids: list of STRING event ids (events being written and link endpoints).
// Returns: id, placeholder (BOOLEAN).
MATCH (e:Event)
WHERE e.id IN $ids
RETURN e.id AS id, e:Placeholder AS placeholder
