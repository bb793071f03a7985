// Store which events name which commits: (:Event)-[:NAMES_COMMIT {details}]->(:Commit). Events
// and commit nodes were written earlier in the same transaction; stored mentions stay as they are.
// Parameters: $rows: list of {hash, eventId: STRING, props: MAP} where props is
//   lineage.store.trace_codec.commit_mention_record (hash, eventId, eventTimestamp, url, title,
//   message, author, commitTimestamp, eventKind).
UNWIND $rows AS row
MATCH (e:Event {id: row.eventId})
USING INDEX SEEK e:Event(id)
MATCH (c:Commit {hash: row.hash})
USING INDEX SEEK c:Commit(hash)
MERGE (e)-[m:NAMES_COMMIT]->(c)
ON CREATE SET m += row.props
