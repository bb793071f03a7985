// Store new START links, which have no from-event, as (:Chain)-[:STARTS_WITH]->(start) carrying
// the link's properties; the chain node is the link's chain ('' when it has none). Links already
// stored (same id) are left as they are.
// Returns: id of each link that was stored already (another writer stored it first).
// Parameters: $rows: list of {id, toId, anchor: STRING, props: MAP} where anchor is the chain id
//   (or '') and props holds id, chainId, timestamp, tags (JSON text), inferred, digest, kind.
UNWIND $rows AS row
MATCH (c:Chain)
USING INDEX SEEK c:Chain(id)
WHERE c.id = row.anchor
MATCH (b:Event)
USING INDEX SEEK b:Event(id)
WHERE b.id = row.toId
MERGE (c)-[r:STARTS_WITH {id: row.id}]->(b)
ON CREATE SET r += row.props, r._new = true
WITH r, r._new IS NULL AS existed
REMOVE r._new
WITH r, existed
WHERE existed
RETURN r.id AS id
