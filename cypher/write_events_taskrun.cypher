// Store events whose subject label is :TaskRun (one static statement per whitelisted label,
// because a label cannot be a parameter). MERGE on the event_id uniqueness constraint: a new id
// gets its node; a placeholder of that id (a link endpoint that arrived first) becomes the event
// in place, keeping its relationships (REMOVE :Placeholder, SET :TaskRun and the record); an event
// already stored is left exactly as it is. Concurrent writers of one id are serialized by the
// constraint's index lock, so the id is stored once whichever process gets there first.
// Parameters: $rows: list of {id: STRING, props: MAP} where props is the flat event record
//   (lineage.store.codec.event_record: id, type, subjectType, predicate, typeVersion, specVersion,
//   source, timestamp, chainId, subjectId, digest, body).
// `_new` marks, until existing_events.cypher reads and removes it later in the transaction, whether
// this write made the event (true) or found it stored (false); ON MATCH SET takes the node's write
// lock first, so a placeholder another writer is turning into this event is seen as that event.
// Returns: chainId of every link touching a placeholder that became an event here (those
//   chains' summaries change: the caller refreshes them).
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
ON CREATE SET e:TaskRun, e += row.props, e._new = true
ON MATCH SET e._new = coalesce(e._new, false)
WITH e, row
WHERE e:Placeholder
REMOVE e:Placeholder
SET e:TaskRun, e += row.props, e._new = true
WITH e
MATCH (e)-[r:PATH|RELATION|END|STARTS_WITH]-()
WHERE r.chainId IS NOT NULL
RETURN DISTINCT r.chainId AS chainId
