// How many events match a filter (the total of find_events_by_type.cypher, all pages),
// anchored on the type index ($types is not empty).
// Parameters: $since, $until: STRING bounds on timestamp (inclusive; '' and '\uffff' when open);
//   $types, $subjectTypes, $sources: lists of STRING (empty: any); $chainId, $subjectId: STRING or
//   null (any).
// Returns: total.
// Plan exception (NodeIndexScan): a count reads every entry in range of the type index; on
//   the test suite's small graphs the planner may read the whole type index instead of
//   seeking it (it still never scans a label or all nodes).
MATCH (e:Event)
USING INDEX SEEK e:Event(type)
WHERE e.type IN $types
  AND NOT e:Placeholder
  AND e.timestamp >= $since AND e.timestamp <= $until
  AND (size($types) = 0 OR e.type IN $types)
  AND (size($subjectTypes) = 0 OR e.subjectType IN $subjectTypes)
  AND (size($sources) = 0 OR e.source IN $sources)
  AND ($chainId IS NULL OR e.chainId = $chainId)
  AND ($subjectId IS NULL OR e.subjectId = $subjectId)
RETURN count(e) AS total
