// The other ends of the producer links (not inferred) touching the given events, either way
// (the deployments an incident's events are linked to). START links have one end: left out.
// Parameters: $ids: list of STRING event ids.
// Returns: one row per (id, other end): id, otherId.
MATCH (e:Event)-[r:PATH|RELATION|END]-(o)
WHERE e.id IN $ids AND NOT r.inferred
RETURN DISTINCT e.id AS id, o.id AS otherId
