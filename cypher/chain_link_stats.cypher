// Per chain, aggregate the links carrying its chainId: the first START target and the first END
// target by (timestamp, target id) with missing timestamps first, and the latest link timestamp.
// Each branch reads another relationship type, so UNION ALL repeats nothing. Chains without
// links return no row.
// Parameters: $chainIds: list of STRING chain ids.
// Returns: chainId, startId, endId (null when absent), lastLinkTs ('' when no link has one).
// Plan exception (DirectedRelationshipIndexScan): on the test suite's small graphs the planner
//   at times reads a relationship chainId index whole instead of seeking it, hint or not.
CALL () {
  MATCH ()-[r:PATH]->()
  USING INDEX SEEK r:PATH(chainId)
  WHERE r.chainId IN $chainIds
  RETURN r
  UNION ALL
  MATCH ()-[r:RELATION]->()
  USING INDEX SEEK r:RELATION(chainId)
  WHERE r.chainId IN $chainIds
  RETURN r
  UNION ALL
  MATCH ()-[r:END]->()
  USING INDEX SEEK r:END(chainId)
  WHERE r.chainId IN $chainIds
  RETURN r
  UNION ALL
  MATCH (c:Chain)-[r:STARTS_WITH]->()
  USING INDEX SEEK c:Chain(id)
  WHERE c.id IN $chainIds
  RETURN r
}
WITH r.chainId AS chainId, type(r) AS relType, coalesce(r.timestamp, '') AS ts, endNode(r).id AS toId
ORDER BY ts, toId
RETURN
  chainId,
  collect(CASE relType WHEN 'STARTS_WITH' THEN toId END)[0] AS startId,
  collect(CASE relType WHEN 'END' THEN toId END)[0] AS endId,
  max(ts) AS lastLinkTs
