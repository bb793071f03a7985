// What events naming any of the given commits tell of their time: no other detail.
// Parameters: $ids: list of STRING hashes.
// Returns one row per mention: hash, eventId, eventTimestamp, commitTimestamp (null when the
//   event gave none), eventKind (the naming event's `subject.predicate`; null when stored
//   before it was recorded).
UNWIND $ids AS hash
MATCH (c:Commit {hash: hash})<-[m:NAMES_COMMIT]-(:Event)
  USING INDEX SEEK c:Commit(hash)
RETURN DISTINCT
  m.hash AS hash,
  m.eventId AS eventId,
  m.eventTimestamp AS eventTimestamp,
  m.commitTimestamp AS commitTimestamp,
  m.eventKind AS eventKind
