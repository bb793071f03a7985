// write_facts: create the identity node of each new fact; an existing fact is never changed.
// Parameters: $rows (list of {kind, id, digest}).
// Returns: id of each fact that was stored already (another writer stored it first).
UNWIND $rows AS row
MERGE (f:Fact {kind: row.kind, id: row.id})
ON CREATE SET f.digest = row.digest, f._new = true
WITH f, f._new IS NULL AS existed
REMOVE f._new
WITH f, existed
WHERE existed
RETURN f.id AS id
