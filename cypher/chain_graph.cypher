// Everything a chain view needs, in one round trip: the links carrying one chainId (START links
// hang from its chain node), the chain's members (events carrying the chainId, and both ends of
// those links; placeholders included), and every link touching a member, either direction, of
// every type, inferred ones included. The chain's own links touch members, so they are among
// `links`: the caller keeps those whose chainId is $chainId.
// With $maxEvents >= 0, a chain with more stored members than that returns no links and no
// events, only its eventCount (nothing large crosses the wire).
// Parameters: $chainId: STRING; $maxEvents: INTEGER (-1: no cap).
// Returns one row: eventCount (stored members, placeholders left out), links (one map per link: id, type (START for STARTS_WITH), kind, chainId,
//   fromId (null for START), toId, timestamp, tags, inferred, digest), and events (one map per
//   stored member, placeholders left out: the event record columns id, type, subjectType,
//   predicate, typeVersion, specVersion, source, timestamp, chainId, subjectId, digest, body).
// Each branch of the first subquery is anchored on the chainId index of its relationship type
// (or the Chain id constraint); members are expanded from, never searched for.
// (The DISTINCTs after each UNION are redundant in Neo4j; the ArcadeDB stand-in's UNION inside
// CALL can let a row reached by two branches through twice.)
// Plan exception (DirectedRelationshipIndexScan): on the test suite's small graphs the planner
//   at times reads a relationship chainId index whole instead of seeking it, hint or not.
CALL () {
  MATCH ()-[r:PATH]->()
  USING INDEX SEEK r:PATH(chainId)
  WHERE r.chainId = $chainId
  RETURN r
  UNION
  MATCH ()-[r:RELATION]->()
  USING INDEX SEEK r:RELATION(chainId)
  WHERE r.chainId = $chainId
  RETURN r
  UNION
  MATCH ()-[r:END]->()
  USING INDEX SEEK r:END(chainId)
  WHERE r.chainId = $chainId
  RETURN r
  UNION
  MATCH (c:Chain)-[r:STARTS_WITH]->()
  USING INDEX SEEK c:Chain(id)
  WHERE c.id = $chainId
  RETURN r
}
WITH collect(DISTINCT r) AS own
CALL (own) {
  MATCH (e:Event)
  USING INDEX SEEK e:Event(chainId)
  WHERE e.chainId = $chainId
  RETURN e AS m
  UNION
  UNWIND own AS r
  UNWIND [startNode(r), endNode(r)] AS m
  WITH m
  WHERE m:Event
  RETURN m
}
WITH collect(DISTINCT m) AS members
WITH members, size([m IN members WHERE NOT m:Placeholder]) AS eventCount
WITH members, eventCount, $maxEvents >= 0 AND eventCount > $maxEvents AS oversized
CALL (members, oversized) {
  UNWIND CASE WHEN oversized THEN [] ELSE members END AS m
  MATCH (m)-[t:PATH|RELATION|END|STARTS_WITH]-()
  RETURN collect(DISTINCT t) AS touching
}
RETURN
  eventCount,
  [t IN touching | {
    id: t.id,
    type: CASE type(t) WHEN 'STARTS_WITH' THEN 'START' ELSE type(t) END,
    kind: t.kind,
    chainId: t.chainId,
    fromId: CASE type(t) WHEN 'STARTS_WITH' THEN null ELSE startNode(t).id END,
    toId: endNode(t).id,
    timestamp: t.timestamp,
    tags: t.tags,
    inferred: t.inferred,
    digest: t.digest
  }] AS links,
  [e IN members WHERE NOT oversized AND NOT e:Placeholder | {
    id: e.id,
    type: e.type,
    subjectType: e.subjectType,
    predicate: e.predicate,
    typeVersion: e.typeVersion,
    specVersion: e.specVersion,
    source: e.source,
    timestamp: e.timestamp,
    chainId: e.chainId,
    subjectId: e.subjectId,
    digest: e.digest,
    body: e.body
  }] AS events
