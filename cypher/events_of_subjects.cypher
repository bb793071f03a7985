// events_of_subjects: stored events about any of the given subject ids, of any of the given
// subject types.
// Parameters: $ids: list of STRING subject ids; $subjectTypes: list of STRING.
// Returns: the event record columns id, type, subjectType, predicate, typeVersion, specVersion,
//   source, timestamp, chainId, subjectId, digest, body.
UNWIND $ids AS subjectId
MATCH (e:Event {subjectId: subjectId})
USING INDEX SEEK e:Event(subjectId)
WHERE NOT e:Placeholder AND e.subjectType IN $subjectTypes
RETURN DISTINCT
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
