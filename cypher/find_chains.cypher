// One page of chains matching a filter, most recently active first: (sortTs, id) descending,
// after the keyset cursor (afterSortTs, afterId).
// Parameters: $complete: BOOLEAN or null (any); $since: STRING or null, keeps chains whose last
//   event is at or after it; $until: STRING or null, keeps chains whose first event is at or
//   before it; $eventType: STRING or null, keeps chains with an event of that type;
//   $afterSortTs, $afterId: STRING keyset of the last chain of the previous page
//   ('\uffff' and '' for the first page); $limit: INTEGER page size plus one.
// Returns: id, eventCount, startedAt, endedAt, complete, startId, endId, sortTs.
MATCH (c:Chain)
WHERE c.sortTs IS NOT NULL
  AND ($complete IS NULL OR c.complete = $complete)
  AND ($since IS NULL OR c.endedAt >= $since)
  AND ($until IS NULL OR c.startedAt <= $until)
  AND ($eventType IS NULL OR $eventType IN c.eventTypes)
  AND c.sortTs <= $afterSortTs
  AND (c.sortTs < $afterSortTs OR (c.sortTs = $afterSortTs AND c.id < $afterId))
RETURN
  c.id AS id,
  c.eventCount AS eventCount,
  c.startedAt AS startedAt,
  c.endedAt AS endedAt,
  c.complete AS complete,
  c.startId AS startId,
  c.endId AS endId,
  c.sortTs AS sortTs
ORDER BY sortTs DESC, id DESC
LIMIT $limit
