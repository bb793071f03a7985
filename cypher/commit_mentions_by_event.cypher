// The commits the given events name, with the details each gave.
// Parameters: $ids: list of STRING event ids.
// Returns one row per mention: hash, eventId, eventTimestamp, url, title, message, author,
//   commitTimestamp, eventKind (the naming event's `subject.predicate`; null when stored
//   before it was recorded).
UNWIND $ids AS id
MATCH (e:Event {id: id})-[m:NAMES_COMMIT]->(:Commit)
  USING INDEX SEEK e:Event(id)
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
