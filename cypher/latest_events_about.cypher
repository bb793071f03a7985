// latest_events_about: for each given subject id, the newest stored event about it (any subject
// type), by (timestamp, id) descending.
// Parameters: $ids: list of STRING subject ids.
// Returns: the event record columns id, type, subjectType, predicate, typeVersion, specVersion,
//   source, timestamp, chainId, subjectId, digest, body (one row per subject id found).
UNWIND $ids AS subjectId
MATCH (e:Event {subjectId: subjectId})
USING INDEX SEEK e:Event(subjectId)
WHERE NOT e:Placeholder
WITH subjectId, e
ORDER BY e.timestamp DESC, e.id DESC
WITH subjectId, collect(e)[0] AS e
RETURN
  e.id AS id,
  e.type AS type,
  e.subjectType AS subjectType,
  e.predicate AS predicate,
  e.typeVersion AS typeVersion,
  e.specVersion AS specVersion,
  e.source AS source,
  e.timestamp AS timestamp,
  e.chainId AS chainId,
  e.subjectId AS subjectId,
  e.digest AS digest,
  e.body AS body
