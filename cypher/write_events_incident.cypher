// Create new events whose subject label is :Incident (one static statement per whitelisted label,
// because a label cannot be a parameter). The caller sends only ids that have no node in this
// transaction (existing_nodes.cypher; placeholders of these ids were deleted just before by
// delete_placeholders.cypher), so nothing stored is ever overwritten. CREATE rather than MERGE:
// the existence check already ran in this transaction, and should a concurrent writer store one
// of these ids first, the event_id constraint refuses this write and the caller retries it (the
// retry sees that node). MERGE with two labels would give the same graph, but the ArcadeDB test
// stand-in scans the whole label for it, once per row.
// Parameters: $rows: list of {id: STRING, props: MAP} where props is the flat event record
//   (lineage.store.codec.event_record: id, type, subjectType, predicate, typeVersion, specVersion,
//   source, timestamp, chainId, subjectId, digest, body).
UNWIND $rows AS row
CREATE (e:Event:Incident {id: row.id})
SET e += row.props
