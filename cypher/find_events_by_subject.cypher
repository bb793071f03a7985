// One page of events matching a filter, anchored on the subjectId index ($subjectId is set),
// in (timestamp, id) order after the keyset cursor (afterTs, afterId).
// Parameters: $since, $until: STRING bounds on timestamp (inclusive; '' and '\uffff' when open);
//   $types, $subjectTypes, $sources: lists of STRING (empty: any); $chainId, $subjectId: STRING or
//   null (any);
//   $afterTs, $afterId: STRING keyset of the last event of the previous page ('' for the first);
//   $limit: INTEGER page size plus one.
// Returns: the event record columns id, type, subjectType, predicate, typeVersion, specVersion,
//   source, timestamp, chainId, subjectId, digest, body.
MATCH (e:Event {subjectId: $subjectId})
USING INDEX SEEK e:Event(subjectId)
WHERE NOT e:Placeholder
  AND e.timestamp >= $since AND e.timestamp <= $until
  AND (size($types) = 0 OR e.type IN $types)
  AND (size($subjectTypes) = 0 OR e.subjectType IN $subjectTypes)
  AND (size($sources) = 0 OR e.source IN $sources)
  AND ($chainId IS NULL OR e.chainId = $chainId)
  AND ($subjectId IS NULL OR e.subjectId = $subjectId)
  AND e.timestamp >= $afterTs
  AND (e.timestamp > $afterTs OR (e.timestamp = $afterTs AND e.id > $afterId))
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
ORDER BY timestamp, id
LIMIT $limit
