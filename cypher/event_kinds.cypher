// The subject type and predicate of each stored event among the given ids, without its body
// (which of a commit's mentions are merges).
// Parameters: $ids: list of STRING event ids.
// Returns: id, subjectType, predicate.
MATCH (e:Event)
USING INDEX SEEK e:Event(id)
WHERE e.id IN $ids AND NOT e:Placeholder
RETURN e.id AS id, e.subjectType AS subjectType, e.predicate AS predicate
