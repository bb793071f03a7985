// How many events match a filter (the total of find_events_by_chain.cypher, all pages),
// anchored on the chainId index ($chainId is set).
// Parameters: $since, $until: STRING bounds on timestamp (inclusive; '' and '\uffff' when open);
//   $types, $subjectTypes, $sources: lists of STRING (empty: any); $chainId, $subjectId: STRING or
//   null (any).
// Returns: total.
MATCH (e:Event {chainId: $chainId})
USING INDEX SEEK e:Event(chainId)
WHERE NOT e:Placeholder
  AND e.timestamp >= $since AND e.timestamp <= $until
  AND (size($types) = 0 OR e.type IN $types)
  AND (size($subjectTypes) = 0 OR e.subjectType IN $subjectTypes)
  AND (size($sources) = 0 OR e.source IN $sources)
  AND ($chainId IS NULL OR e.chainId = $chainId)
  AND ($subjectId IS NULL OR e.subjectId = $subjectId)
RETURN count(e) AS total
