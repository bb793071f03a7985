// Links carrying one chainId (START links hang from its chain node), in (timestamp, id) order
// with missing timestamps first.
// Parameters: $chainId: STRING.
// Returns one row per link: id, type (START for STARTS_WITH), kind, chainId, fromId (null for
//   START), toId, timestamp, tags, inferred, digest.
// (DISTINCT after the UNION is redundant in Neo4j; the ArcadeDB stand-in's UNION inside CALL
// can let a node reached by two branches through twice.)
// Plan exception (DirectedRelationshipIndexScan): on the test suite's small graphs the planner
//   at times reads a relationship chainId index whole instead of seeking it, hint or not.
CALL () {
  MATCH ()-[r:PATH]->()
  USING INDEX SEEK r:PATH(chainId)
  WHERE r.chainId = $chainId
  RETURN r
  UNION
  MATCH ()-[r:RELATION]->()
  USING INDEX SEEK r:RELATION(chainId)
  WHERE r.chainId = $chainId
  RETURN r
  UNION
  MATCH ()-[r:END]->()
  USING INDEX SEEK r:END(chainId)
  WHERE r.chainId = $chainId
  RETURN r
  UNION
  MATCH (c:Chain)-[r:STARTS_WITH]->()
  USING INDEX SEEK c:Chain(id)
  WHERE c.id = $chainId
  RETURN r
}
WITH DISTINCT r
RETURN
  r.id AS id,
  CASE type(r) WHEN 'STARTS_WITH' THEN 'START' ELSE type(r) END AS type,
  r.kind AS kind,
  r.chainId AS chainId,
  CASE type(r) WHEN 'STARTS_WITH' THEN null ELSE startNode(r).id END AS fromId,
  endNode(r).id AS toId,
  r.timestamp AS timestamp,
  r.tags AS tags,
  r.inferred AS inferred,
  r.digest AS digest
ORDER BY coalesce(timestamp, ''), id
