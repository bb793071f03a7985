// Per chain, aggregate its stored member events: events carrying the chainId UNION endpoints of
// links carrying the chainId (placeholders excluded). An event reached by several branches counts
// once (count DISTINCT; min, max and the first id do not mind repeats). Chains without stored
// members return no row.
// Parameters: $chainIds: list of STRING chain ids.
// Returns: chainId, eventCount, startedAt (earliest timestamp), endedAt (latest timestamp),
//   earliestId (id of the first event by timestamp, id), eventTypes (distinct event types).
// Plan exception (DirectedRelationshipIndexScan): on the test suite's small graphs the planner
//   at times reads a relationship chainId index whole instead of seeking it, hint or not.
CALL () {
  MATCH (e:Event)
  USING INDEX SEEK e:Event(chainId)
  WHERE e.chainId IN $chainIds
  RETURN e.chainId AS chainId, e
  UNION ALL
  MATCH (a:Event)-[r:PATH]->(b:Event)
  USING INDEX SEEK r:PATH(chainId)
  WHERE r.chainId IN $chainIds
  UNWIND [a, b] AS e
  RETURN r.chainId AS chainId, e
  UNION ALL
  MATCH (a:Event)-[r:RELATION]->(b:Event)
  USING INDEX SEEK r:RELATION(chainId)
  WHERE r.chainId IN $chainIds
  UNWIND [a, b] AS e
  RETURN r.chainId AS chainId, e
  UNION ALL
  MATCH (a:Event)-[r:END]->(b:Event)
  USING INDEX SEEK r:END(chainId)
  WHERE r.chainId IN $chainIds
  UNWIND [a, b] AS e
  RETURN r.chainId AS chainId, e
  UNION ALL
  MATCH (c:Chain)-[:STARTS_WITH]->(e:Event)
  USING INDEX SEEK c:Chain(id)
  WHERE c.id IN $chainIds
  RETURN c.id AS chainId, e
}
WITH chainId, e
WHERE NOT e:Placeholder
WITH chainId, e
ORDER BY e.timestamp, e.id
RETURN
  chainId,
  count(DISTINCT e) AS eventCount,
  min(e.timestamp) AS startedAt,
  max(e.timestamp) AS endedAt,
  collect(e.id)[0] AS earliestId,
  collect(DISTINCT e.type) AS eventTypes
