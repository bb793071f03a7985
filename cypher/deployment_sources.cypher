// Where the deployments of a commit come from, in one round trip: the manifest commits whose
// trailers name any of the given hashes, the PipeCD deployments whose trace commit is one of
// the hashes or of those manifest commits, and the events naming any of them.
// Parameters: $ids: list of STRING commit hashes (a commit's stored hashes).
// Returns one row: manifests (manifest commit records, lineage.store.trace_codec.manifest_record),
//   deployments (deployment records, trace_codec.deployment_record), and mentions (one map per
//   mention: hash, eventId, eventTimestamp, url, title, message, author, commitTimestamp,
//   eventKind).
// Every lookup is anchored on a constraint or index: Commit hash, Deployment traceCommitHash.
CALL () {
  UNWIND $ids AS hash
  MATCH (:Commit {hash: hash})<-[:NAMES_SOURCE]-(m:ManifestCommit)
  RETURN collect(DISTINCT m) AS manifests
}
WITH manifests, $ids + [m IN manifests | m.hash] AS tracing
CALL (tracing) {
  UNWIND tracing AS hash
  MATCH (d:Deployment {traceCommitHash: hash})
  USING INDEX SEEK d:Deployment(traceCommitHash)
  RETURN collect(DISTINCT d) AS deployments
}
CALL (tracing) {
  UNWIND tracing AS hash
  MATCH (:Commit {hash: hash})<-[n:NAMES_COMMIT]-(:Event)
  RETURN collect(DISTINCT n) AS mentions
}
RETURN
  [m IN manifests | properties(m)] AS manifests,
  [d IN deployments | properties(d)] AS deployments,
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
