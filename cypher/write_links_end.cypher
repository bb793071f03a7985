// Store new END links as (from)-[:END]->(end) and, when they carry a chainId, also as
// (:Chain {id: chainId})-[:ENDS_WITH]->(end) with the same properties. Links already stored
// (same id) are left as they are. Endpoints and chain nodes exist already.
// Parameters: $rows: list of {id, fromId, toId: STRING, chainId: STRING or null, props: MAP}
//   where props holds id, chainId, timestamp, tags (JSON text), inferred, digest, kind.
// Returns: id of each link that was stored already (another writer stored it first).
UNWIND $rows AS row
MATCH (a:Event)
USING INDEX SEEK a:Event(id)
WHERE a.id = row.fromId
MATCH (b:Event)
USING INDEX SEEK b:Event(id)
WHERE b.id = row.toId
MERGE (a)-[r:END {id: row.id}]->(b)
ON CREATE SET r += row.props, r._new = true
WITH row, b, r, r._new IS NULL AS existed
REMOVE r._new
WITH row, b, existed
CALL (row, b) {
  WITH row, b
  WHERE row.chainId IS NOT NULL
  MATCH (c:Chain)
  USING INDEX SEEK c:Chain(id)
  WHERE c.id = row.chainId
  MERGE (c)-[m:ENDS_WITH {id: row.id}]->(b)
  ON CREATE SET m += row.props
}
WITH row, existed
WHERE existed
RETURN row.id AS id
