// The stored events among the given ids, as flat records (placeholders are absent).
// Parameters: $ids: list of STRING event ids.
// Returns: the event record columns id, type, subjectType, predicate, typeVersion, specVersion,
//   source, timestamp, chainId, subjectId, digest, body.
MATCH (e:Event)
USING INDEX SEEK e:Event(id)
WHERE e.id IN $ids AND NOT e:Placeholder
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
