// Set the summary of touched chains on their (:Chain) node, creating it when needed.
// Parameters: $rows: list of {id: STRING, summary: MAP} where summary holds eventCount,
//   startedAt, endedAt, complete, startId, endId, sortTs, eventTypes (null values unset a key).
UNWIND $rows AS row
MERGE (c:Chain {id: row.id})
SET c += row.summary
