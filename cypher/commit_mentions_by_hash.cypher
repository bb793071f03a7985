// Events naming any of the given commits, with the details each gave.
// Parameters: $ids: list of STRING hashes.
// Returns one row per mention: hash, eventId, eventTimestamp, url, title, message, author,
//   commitTimestamp, eventKind (the naming event's `subject.predicate`; null when stored
//   before it was recorded).
UNWIND $ids AS hash
MATCH (:Commit {hash: hash})<-[m:NAMES_COMMIT]-(:Event)
RETURN DISTINCT
  m.hash AS hash,
  m.eventId AS eventId,
  m.eventTimestamp AS eventTimestamp,
  m.url AS url,
  m.title AS title,
  m.message AS message,
  m.author AS author,
  m.commitTimestamp AS commitTimestamp,
  m.eventKind AS eventKind
