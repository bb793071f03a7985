// Store new PATH links as (from)-[:PATH]->(to); links already stored (same id) are left as they
// are. Both endpoints exist: events or placeholders written earlier in the transaction.
// Parameters: $rows: list of {id, fromId, toId: STRING, props: MAP} where props holds the
//   relationship properties id, chainId, timestamp, tags (JSON text), inferred, digest, kind.
// Returns: id of each link that was stored already (another writer stored it first).
UNWIND $rows AS row
MATCH (a:Event)
USING INDEX SEEK a:Event(id)
WHERE a.id = row.fromId
MATCH (b:Event)
USING INDEX SEEK b:Event(id)
WHERE b.id = row.toId
MERGE (a)-[r:PATH {id: row.id}]->(b)
ON CREATE SET r += row.props, r._new = true
WITH r, r._new IS NULL AS existed
REMOVE r._new
WITH r, existed
WHERE existed
RETURN r.id AS id
