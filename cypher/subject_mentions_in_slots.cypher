// Stored subject mentions in the given slots.
// Parameters: $ids: list of STRING slots.
// Returns one row per mention: slot, subjectType, subjectId, stage, eventId, timestamp.
UNWIND $ids AS slot
MATCH (s:SubjectStage {slot: slot})<-[:AT_STAGE]-(e:Event)
USING INDEX SEEK s:SubjectStage(slot)
RETURN DISTINCT
  s.slot AS slot,
  s.subjectType AS subjectType,
  s.subjectId AS subjectId,
  s.stage AS stage,
  e.id AS eventId,
  e.timestamp AS timestamp
