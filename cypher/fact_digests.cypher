// fact_digests: the digest of each stored fact of one kind among the given ids.
// Parameters: $kind (string), $ids (list of strings).
UNWIND $ids AS id
MATCH (f:Fact {kind: $kind, id: id})
USING INDEX SEEK f:Fact(kind, id)
RETURN f.id AS id, f.digest AS digest
