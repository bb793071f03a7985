// How many chains match a filter (the total of find_chains.cypher, all pages).
// Parameters: $complete: BOOLEAN or null (any); $since: STRING or null, keeps chains whose last
//   event is at or after it; $until: STRING or null, keeps chains whose first event is at or
//   before it; $eventType: STRING or null, keeps chains with an event of that type.
// Returns: total.
// Plan exception (NodeIndexScan): every filter is optional, so the count reads the chain_sort_ts
//   index whole (chains with a summary); it is one index read per page request, no node scan.
MATCH (c:Chain)
WHERE c.sortTs IS NOT NULL
  AND ($complete IS NULL OR c.complete = $complete)
  AND ($since IS NULL OR c.endedAt >= $since)
  AND ($until IS NULL OR c.startedAt <= $until)
  AND ($eventType IS NULL OR $eventType IN c.eventTypes)
RETURN count(c) AS total
