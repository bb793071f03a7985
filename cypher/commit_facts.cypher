// What every source told about some commits, in one round trip: their commit-index entries,
// PipeCD deployment traces of them, and the events naming them.
// Parameters: $ids: list of STRING commit hashes.
// Returns one row: entries (one map per entry: hash, createdAt, updatedAt, projectId, listed),
//   traces (trace records, lineage.store.trace_codec.trace_record), and mentions (one map per
//   mention: hash, eventId, eventTimestamp, url, title, message, author, commitTimestamp,
//   eventKind).
// Every lookup is anchored on a constraint or index: Commit hash, DeploymentTrace commitHash.
CALL () {
  UNWIND $ids AS hash
  MATCH (c:Commit {hash: hash})
  USING INDEX SEEK c:Commit(hash)
  RETURN collect(DISTINCT c) AS commits
}
CALL () {
  UNWIND $ids AS hash
  MATCH (t:DeploymentTrace {commitHash: hash})
  USING INDEX SEEK t:DeploymentTrace(commitHash)
  RETURN collect(DISTINCT t) AS traces
}
CALL (commits) {
  UNWIND commits AS c
  MATCH (c)<-[n:NAMES_COMMIT]-(:Event)
  RETURN collect(DISTINCT n) AS mentions
}
RETURN
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
  }] AS mentions
