// PATH links carrying any of the given chainIds (the step graphs of many chains at once).
// Parameters: $ids: list of STRING chain ids.
// Returns one row per link: id, type, kind, chainId, fromId, toId, timestamp, tags, inferred,
//   digest.
// Anchored on the PATH chainId index (index_path_chain_id) once per given chainId.
// Plan exception (DirectedRelationshipIndexScan): on the test suite's small graphs the planner
//   at times reads a relationship chainId index whole instead of seeking it, hint or not.
UNWIND $ids AS chainId
MATCH (a)-[r:PATH]->(b)
USING INDEX SEEK r:PATH(chainId)
WHERE r.chainId = chainId
RETURN
  r.id AS id,
  'PATH' AS type,
  r.kind AS kind,
  r.chainId AS chainId,
  a.id AS fromId,
  b.id AS toId,
  r.timestamp AS timestamp,
  r.tags AS tags,
  r.inferred AS inferred,
  r.digest AS digest
