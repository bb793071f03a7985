// Up to ten levels of a breadth-first walk in one round trip: from the frontier, the links
// touching, either direction, it, then from the events they reach for the first time, and so on, as
// `lineage.store.walk` takes them (which replays these levels in link order and decides depths,
// the limit and which links are followed). STARTS_WITH never leads from one event to another,
// so it is left out.
// Parameters: $frontier: list of STRING ids to walk from (all already reached); $seen: list of
//   STRING ids reached so far (the frontier included); $levels: INTEGER levels to take (0 to 10);
//   $maxSeen: INTEGER, no further level once more ids than this are reached; $relTypes: list of
//   STRING relationship types to follow (PATH, RELATION, END); $includeInferred: BOOLEAN;
//   $skippedKinds: list of STRING kinds of inferred links not to follow; $withStart: BOOLEAN,
//   also return the records of the ids in $seen.
// Returns one row: links (every link taken: id, type, kind, chainId, fromId, toId, timestamp,
//   tags, inferred, digest) and nodes (the ids reached in this statement, and those of $seen if
//   $withStart: a placeholder flag and the event record columns id, type, subjectType,
//   predicate, typeVersion, specVersion, source, timestamp, chainId, subjectId, digest, body).
// Why ten written-out levels and no variable-length pattern: a walk stops after the first level
// that reaches more than the limit, and only level by level does the work stay bounded by what
// the walk reads; `(a)-[*1..n]-(b)` would expand the whole ball of radius n first (its bound
// must be a literal anyway). Each level expands only ids reached for the first time at the
// level before (the seen list prunes), and is anchored on nodes already in hand; the walk
// itself is anchored on the event id constraint. Ten is MAX_TRAVERSE_DEPTH (a test holds
// them equal), so a traverse is one statement; a deeper walk (a trace reach, up to 64 levels)
// sends this again from where it stopped, one statement per ten levels.
MATCH (s:Event)
USING INDEX SEEK s:Event(id)
WHERE s.id IN $seen
WITH collect(s) AS seen
WITH seen, [s IN seen WHERE s.id IN $frontier] AS frontier, size(seen) AS known, [] AS links
// level 1
CALL (seen, frontier) {
  UNWIND CASE WHEN $levels >= 1 AND size(seen) <= $maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]-(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH seen, known, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH seen + frontier AS seen, frontier, known, links
// level 2
CALL (seen, frontier) {
  UNWIND CASE WHEN $levels >= 2 AND size(seen) <= $maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]-(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH seen, known, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH seen + frontier AS seen, frontier, known, links
// level 3
CALL (seen, frontier) {
  UNWIND CASE WHEN $levels >= 3 AND size(seen) <= $maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]-(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH seen, known, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH seen + frontier AS seen, frontier, known, links
// level 4
CALL (seen, frontier) {
  UNWIND CASE WHEN $levels >= 4 AND size(seen) <= $maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]-(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH seen, known, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH seen + frontier AS seen, frontier, known, links
// level 5
CALL (seen, frontier) {
  UNWIND CASE WHEN $levels >= 5 AND size(seen) <= $maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]-(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH seen, known, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH seen + frontier AS seen, frontier, known, links
// level 6
CALL (seen, frontier) {
  UNWIND CASE WHEN $levels >= 6 AND size(seen) <= $maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]-(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH seen, known, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH seen + frontier AS seen, frontier, known, links
// level 7
CALL (seen, frontier) {
  UNWIND CASE WHEN $levels >= 7 AND size(seen) <= $maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]-(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH seen, known, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH seen + frontier AS seen, frontier, known, links
// level 8
CALL (seen, frontier) {
  UNWIND CASE WHEN $levels >= 8 AND size(seen) <= $maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]-(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH seen, known, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH seen + frontier AS seen, frontier, known, links
// level 9
CALL (seen, frontier) {
  UNWIND CASE WHEN $levels >= 9 AND size(seen) <= $maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]-(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH seen, known, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH seen + frontier AS seen, frontier, known, links
// level 10
CALL (seen, frontier) {
  UNWIND CASE WHEN $levels >= 10 AND size(seen) <= $maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]-(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH seen, known, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH seen + frontier AS seen, frontier, known, links
RETURN
  [r IN links | {
    id: r.id,
    type: type(r),
    kind: r.kind,
    chainId: r.chainId,
    fromId: startNode(r).id,
    toId: endNode(r).id,
    timestamp: r.timestamp,
    tags: r.tags,
    inferred: r.inferred,
    digest: r.digest
  }] AS links,
  [n IN CASE WHEN $withStart THEN seen ELSE seen[known..] END | {
    placeholder: n:Placeholder,
    id: n.id,
    type: n.type,
    subjectType: n.subjectType,
    predicate: n.predicate,
    typeVersion: n.typeVersion,
    specVersion: n.specVersion,
    source: n.source,
    timestamp: n.timestamp,
    chainId: n.chainId,
    subjectId: n.subjectId,
    digest: n.digest,
    body: n.body
  }] AS nodes
