// Store subject mentions: (:Event)-[:AT_STAGE]->(:SubjectStage {slot}). The events were written
// earlier in the same transaction; mentions already stored are left as they are.
// Parameters: $rows: list of {slot, subjectType, subjectId: STRING, stage: INTEGER,
//   eventId: STRING} (lineage.store.trace_codec.mention_record).
UNWIND $rows AS row
MATCH (e:Event {id: row.eventId})
USING INDEX SEEK e:Event(id)
MERGE (s:SubjectStage {slot: row.slot})
ON CREATE SET s.subjectType = row.subjectType, s.subjectId = row.subjectId, s.stage = row.stage
MERGE (e)-[:AT_STAGE]->(s)
