// Digest of each stored link among the given ids, whatever its relationship type
// (an END link's ENDS_WITH mirror is not counted twice).
// Parameters: $ids: list of STRING link ids.
// Returns: id, digest.
CALL () {
  MATCH ()-[r:PATH]->()
  USING INDEX SEEK r:PATH(id)
  WHERE r.id IN $ids
  RETURN r
  UNION
  MATCH ()-[r:RELATION]->()
  USING INDEX SEEK r:RELATION(id)
  WHERE r.id IN $ids
  RETURN r
  UNION
  MATCH ()-[r:END]->()
  USING INDEX SEEK r:END(id)
  WHERE r.id IN $ids
  RETURN r
  UNION
  MATCH (:Chain)-[r:STARTS_WITH]->()
  USING INDEX SEEK r:STARTS_WITH(id)
  WHERE r.id IN $ids
  RETURN r
}
RETURN DISTINCT r.id AS id, r.digest AS digest
