// Events of one chain: events carrying its chainId UNION endpoints of links carrying it
// (placeholders excluded), in (timestamp, id) order.
// Parameters: $chainId: STRING.
// Returns: the event record columns id, type, subjectType, predicate, typeVersion, specVersion,
//   source, timestamp, chainId, subjectId, digest, body.
// (DISTINCT after the UNION is redundant in Neo4j; the ArcadeDB stand-in's UNION inside CALL
// can let a node reached by two branches through twice.)
// Plan exception (DirectedRelationshipIndexScan): on the test suite's small graphs the planner
//   at times reads a relationship chainId index whole instead of seeking it, hint or not.
CALL () {
  MATCH (e:Event)
  USING INDEX SEEK e:Event(chainId)
  WHERE e.chainId = $chainId
  RETURN e
  UNION
  MATCH (a:Event)-[r:PATH]->(b:Event)
  USING INDEX SEEK r:PATH(chainId)
  WHERE r.chainId = $chainId
  UNWIND [a, b] AS e
  RETURN e
  UNION
  MATCH (a:Event)-[r:RELATION]->(b:Event)
  USING INDEX SEEK r:RELATION(chainId)
  WHERE r.chainId = $chainId
  UNWIND [a, b] AS e
  RETURN e
  UNION
  MATCH (a:Event)-[r:END]->(b:Event)
  USING INDEX SEEK r:END(chainId)
  WHERE r.chainId = $chainId
  UNWIND [a, b] AS e
  RETURN e
  UNION
  MATCH (c:Chain)-[:STARTS_WITH]->(e:Event)
  USING INDEX SEEK c:Chain(id)
  WHERE c.id = $chainId
  RETURN e
}
WITH DISTINCT e
WHERE NOT e:Placeholder
RETURN
  e.id AS id,
  e.type AS type,
  e.subjectType AS subjectType,
  e.predicate AS predicate,
  e.typeVersion AS typeVersion,
  e.specVersion AS specVersion,
  e.source AS source,
  e.timestamp AS timestamp,
  e.chainId AS chainId,
  e.subjectId AS subjectId,
  e.digest AS digest,
  e.body AS body
ORDER BY timestamp, id
