// write_facts: create the identity node of each new fact; an existing fact is never changed.
// Parameters: $rows (list of {kind, id, digest}).
UNWIND $rows AS row
MERGE (f:Fact {kind: row.kind, id: row.id})
ON CREATE SET f.digest = row.digest
