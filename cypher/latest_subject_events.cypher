// latest_subject_events: the newest stored events about one subject id, of any of the given
// subject types, by (timestamp, id) descending.
// Parameters: $subjectId: STRING; $subjectTypes: list of STRING; $limit: INTEGER.
// Returns: the event record columns id, type, subjectType, predicate, typeVersion, specVersion,
//   source, timestamp, chainId, subjectId, digest, body.
MATCH (e:Event {subjectId: $subjectId})
USING INDEX SEEK e:Event(subjectId)
WHERE NOT e:Placeholder AND e.subjectType IN $subjectTypes
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
ORDER BY timestamp DESC, id DESC
LIMIT $limit
