// The other ends of the links leaving the given events: where a walk goes, without reading
// the links themselves. Optionally only some relationship types, no inferred links, or no
// inferred links of some kinds.
// Parameters: $ids: list of STRING event ids; $relTypes: list of STRING relationship types to
//   keep (PATH, RELATION, END); $includeInferred: BOOLEAN; $skippedKinds: list of STRING kinds
//   of inferred links to leave out.
// Returns: one row per (id, other end): id, otherId.
MATCH (e:Event)-[r:PATH|RELATION|END]->(o)
USING INDEX SEEK e:Event(id)
WHERE e.id IN $ids
  AND type(r) IN $relTypes
  AND ($includeInferred OR NOT r.inferred)
  AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
RETURN DISTINCT e.id AS id, o.id AS otherId
