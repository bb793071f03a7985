// Summaries of the given chains that exist (the '' anchor of chainless START links has none).
// Parameters: $ids: list of STRING chain ids.
// Returns: id, eventCount, startedAt, endedAt, complete, startId, endId, sortTs.
MATCH (c:Chain)
USING INDEX SEEK c:Chain(id)
WHERE c.id IN $ids AND c.sortTs IS NOT NULL
RETURN
  c.id AS id,
  c.eventCount AS eventCount,
  c.startedAt AS startedAt,
  c.endedAt AS endedAt,
  c.complete AS complete,
  c.startId AS startId,
  c.endId AS endId,
  c.sortTs AS sortTs
