// Links attached to placeholders whose event is arriving now, read back so they can be written
// again onto the event node once the placeholder is replaced (delete_placeholders.cypher).
// ENDS_WITH is left out: it mirrors an END link and is rebuilt with it.
// Parameters: $ids: list of STRING ids of placeholders whose event is being written.
// Returns one row per link: id, type (START for STARTS_WITH), kind, chainId, fromId (null for
//   START), toId, timestamp, tags, inferred, digest.
MATCH (p:Event:Placeholder)-[r:PATH|RELATION|END|STARTS_WITH]-()
USING INDEX p:Event(id)
WHERE p.id IN $ids
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
