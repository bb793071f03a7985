// Links entering (to) any of the given events, START links included,
// optionally only of some types and without inferred links. Each link is returned once.
// Parameters: $ids: list of STRING event ids; $relTypes: list of STRING relationship types to
//   keep (PATH, RELATION, END, STARTS_WITH); $includeInferred: BOOLEAN.
// Returns one row per link: id, type (START for STARTS_WITH), kind, chainId, fromId (null for
//   START), toId, timestamp, tags, inferred, digest.
MATCH ()-[r:PATH|RELATION|END|STARTS_WITH]->(e:Event)
USING INDEX SEEK e:Event(id)
WHERE e.id IN $ids
  AND type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
RETURN DISTINCT
  r.id AS id,
  CASE type(r) WHEN 'STARTS_WITH' THEN 'START' ELSE type(r) END AS type,
  r.kind AS kind,
  r.chainId AS chainId,
  CASE type(r) WHEN 'STARTS_WITH' THEN null ELSE startNode(r).id END AS fromId,
  endNode(r).id AS toId,
  r.timestamp AS timestamp,
  r.tags AS tags,
  r.inferred AS inferred,
  r.digest AS digest
