// Digest of each stored link among the given ids, whatever its relationship type
// (an END link's ENDS_WITH mirror is not counted twice).
// Parameters: $ids: list of STRING link ids.
// Returns: id, digest.
CALL () {
  MATCH ()-[r:PATH]->()
  WHERE r.id IN $ids
  RETURN r
  UNION
  MATCH ()-[r:RELATION]->()
  WHERE r.id IN $ids
  RETURN r
  UNION
  MATCH ()-[r:END]->()
  WHERE r.id IN $ids
  RETURN r
  UNION
  MATCH (:Chain)-[r:STARTS_WITH]->()
  USING INDEX r:STARTS_WITH(id)
  WHERE r.id IN $ids
  RETURN r
}
RETURN DISTINCT r.id AS id, r.digest AS digest
