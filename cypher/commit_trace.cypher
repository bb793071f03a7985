// A commit's trace in one round trip: the commit a hash prefix names, what every source told
// about it (as commit_facts), where its deployments come from (as deployment_sources) and up to
// ten levels of the walk downstream from the events naming it or a manifest commit naming it
// (as walk_downstream, whose levels are repeated here), for `TraceStore.commit_trace`.
// Parameters: $prefix: STRING hash or prefix (lower case); $candidates: INTEGER, how many hashes
//   starting with the prefix to list; $abbreviations: list of STRING, the prefix's own
//   abbreviations of at least $minLength characters (itself included); $minLength: INTEGER,
//   the shortest stored abbreviation; $deployments: BOOLEAN, also fetch the sources and walk;
//   $levels: INTEGER walk levels to take (0 to 10); $maxEvents: INTEGER, no further level once
//   more ids than this (or than the roots) are reached; $relTypes: list of STRING relationship
//   types to follow (PATH, RELATION, END); $includeInferred: BOOLEAN; $skippedKinds: list of
//   STRING kinds of inferred links not to follow.
// Returns one row: longer (up to $candidates of the longest hashes starting with $prefix, those
//   no other stored hash extends, hash order), shorter
//   (stored hashes among $abbreviations), aliases (the longest of both, ties the lowest, and its
//   stored abbreviations, unless one of longer does not abbreviate it; unordered), entries,
//   traces and mentions (as commit_facts, of aliases), manifests, deployments and
//   sourceMentions (as deployment_sources, of aliases, if $deployments), links and nodes (as
//   walk_downstream with $withStart, from the events of sourceMentions).
// Every lookup is anchored on a constraint or index: Commit hash (a range seek for the prefix),
// DeploymentTrace commitHash, Deployment traceCommitHash, then the nodes already in hand.
CALL () {
  MATCH (c:Commit)
  WHERE c.hash STARTS WITH $prefix
    AND NOT EXISTS {
      MATCH (d:Commit)
      WHERE d.hash STARTS WITH c.hash AND d.hash <> c.hash
    }
  WITH c.hash AS hash
  ORDER BY hash
  LIMIT $candidates
  RETURN collect(hash) AS longer
}
CALL () {
  UNWIND $abbreviations AS hash
  MATCH (c:Commit {hash: hash})
  USING INDEX SEEK c:Commit(hash)
  RETURN collect(DISTINCT c.hash) AS shorter
}
// The longest hash (ties: the lowest), over longer then shorter (a reduce over their
// concatenation would do, but Neo4j's linter takes the elements of `a + b` for booleans).
WITH longer, shorter, reduce(best = '', h IN longer |
    CASE WHEN size(h) > size(best) OR (size(h) = size(best) AND h < best) THEN h ELSE best END
  ) AS best
WITH longer, shorter, reduce(best = best, h IN shorter |
    CASE WHEN size(h) > size(best) OR (size(h) = size(best) AND h < best) THEN h ELSE best END
  ) AS longest
WITH longer, shorter,
  CASE WHEN longest <> '' AND all(h IN longer WHERE longest STARTS WITH h)
    THEN longest END AS canonical
CALL (canonical) {
  UNWIND CASE WHEN canonical IS NULL THEN [] ELSE
    [n IN range($minLength, size(canonical)) | substring(canonical, 0, n)] END AS hash
  MATCH (c:Commit {hash: hash})
  USING INDEX SEEK c:Commit(hash)
  RETURN collect(DISTINCT c) AS commits
}
WITH longer, shorter, commits, [c IN commits | c.hash] AS aliases
CALL (aliases) {
  UNWIND aliases AS hash
  MATCH (t:DeploymentTrace {commitHash: hash})
  USING INDEX SEEK t:DeploymentTrace(commitHash)
  RETURN collect(DISTINCT t) AS traces
}
CALL (commits) {
  UNWIND commits AS c
  MATCH (c)<-[n:NAMES_COMMIT]-(:Event)
  RETURN collect(DISTINCT n) AS mentions
}
CALL (aliases) {
  UNWIND CASE WHEN $deployments THEN aliases ELSE [] END AS hash
  MATCH (:Commit {hash: hash})<-[:NAMES_SOURCE]-(m:ManifestCommit)
  RETURN collect(DISTINCT m) AS manifests
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests,
  CASE WHEN $deployments THEN aliases + [m IN manifests | m.hash] ELSE [] END AS tracing
CALL (tracing) {
  UNWIND tracing AS hash
  MATCH (d:Deployment {traceCommitHash: hash})
  USING INDEX SEEK d:Deployment(traceCommitHash)
  RETURN collect(DISTINCT d) AS deployments
}
CALL (tracing) {
  UNWIND tracing AS hash
  MATCH (:Commit {hash: hash})<-[n:NAMES_COMMIT]-(e:Event)
  RETURN collect(DISTINCT n) AS sourceMentions, collect(DISTINCT e) AS roots
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, roots AS seen, roots AS frontier, size(roots) AS known, [] AS links
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, frontier, known, links,
  CASE WHEN $maxEvents > known THEN $maxEvents ELSE known END AS maxSeen
// level 1
CALL (seen, frontier, maxSeen) {
  UNWIND CASE WHEN $levels >= 1 AND size(seen) <= maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]->(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, maxSeen, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen + frontier AS seen, frontier, maxSeen, links
// level 2
CALL (seen, frontier, maxSeen) {
  UNWIND CASE WHEN $levels >= 2 AND size(seen) <= maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]->(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, maxSeen, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen + frontier AS seen, frontier, maxSeen, links
// level 3
CALL (seen, frontier, maxSeen) {
  UNWIND CASE WHEN $levels >= 3 AND size(seen) <= maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]->(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, maxSeen, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen + frontier AS seen, frontier, maxSeen, links
// level 4
CALL (seen, frontier, maxSeen) {
  UNWIND CASE WHEN $levels >= 4 AND size(seen) <= maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]->(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, maxSeen, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen + frontier AS seen, frontier, maxSeen, links
// level 5
CALL (seen, frontier, maxSeen) {
  UNWIND CASE WHEN $levels >= 5 AND size(seen) <= maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]->(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, maxSeen, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen + frontier AS seen, frontier, maxSeen, links
// level 6
CALL (seen, frontier, maxSeen) {
  UNWIND CASE WHEN $levels >= 6 AND size(seen) <= maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]->(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, maxSeen, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen + frontier AS seen, frontier, maxSeen, links
// level 7
CALL (seen, frontier, maxSeen) {
  UNWIND CASE WHEN $levels >= 7 AND size(seen) <= maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]->(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, maxSeen, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen + frontier AS seen, frontier, maxSeen, links
// level 8
CALL (seen, frontier, maxSeen) {
  UNWIND CASE WHEN $levels >= 8 AND size(seen) <= maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]->(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, maxSeen, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen + frontier AS seen, frontier, maxSeen, links
// level 9
CALL (seen, frontier, maxSeen) {
  UNWIND CASE WHEN $levels >= 9 AND size(seen) <= maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]->(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, maxSeen, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen + frontier AS seen, frontier, maxSeen, links
// level 10
CALL (seen, frontier, maxSeen) {
  UNWIND CASE WHEN $levels >= 10 AND size(seen) <= maxSeen THEN frontier ELSE [] END AS f
  MATCH (f)-[r:PATH|RELATION|END]->(n)
  WHERE type(r) IN $relTypes AND ($includeInferred OR NOT r.inferred)
    AND NOT (r.inferred AND coalesce(r.kind, '') IN $skippedKinds)
  RETURN collect(DISTINCT r) AS found, collect(DISTINCT n) AS next
}
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen, maxSeen, links + found AS links, [n IN next WHERE NOT n IN seen] AS frontier
WITH longer, shorter, commits, aliases, traces, mentions, manifests, deployments,
  sourceMentions, seen + frontier AS seen, frontier, maxSeen, links
RETURN
  longer,
  shorter,
  aliases,
  [c IN commits | {
    hash: c.hash,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    projectId: c.projectId,
    listed: c.listed
  }] AS entries,
  [t IN traces | properties(t)] AS traces,
  [n IN mentions | {
    hash: n.hash,
    eventId: n.eventId,
    eventTimestamp: n.eventTimestamp,
    url: n.url,
    title: n.title,
    message: n.message,
    author: n.author,
    commitTimestamp: n.commitTimestamp,
    eventKind: n.eventKind
  }] AS mentions,
  [m IN manifests | properties(m)] AS manifests,
  [d IN deployments | properties(d)] AS deployments,
  [n IN sourceMentions | {
    hash: n.hash,
    eventId: n.eventId,
    eventTimestamp: n.eventTimestamp,
    url: n.url,
    title: n.title,
    message: n.message,
    author: n.author,
    commitTimestamp: n.commitTimestamp,
    eventKind: n.eventKind
  }] AS sourceMentions,
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
  [n IN seen | {
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
