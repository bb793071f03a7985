// Digest of each stored event among the given ids (placeholders are not stored events).
// Parameters: $ids: list of STRING event ids.
// Returns: id, digest.
MATCH (e:Event)
USING INDEX SEEK e:Event(id)
WHERE e.id IN $ids AND NOT e:Placeholder
RETURN e.id AS id, e.digest AS digest
