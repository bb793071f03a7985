// Make sure a (:Chain {id}) node exists for every chain a START or END link hangs from
// ('' is the anchor of START links that carry no chainId).
// Parameters: $ids: list of STRING chain ids.
UNWIND $ids AS id
MERGE (c:Chain {id: id})
