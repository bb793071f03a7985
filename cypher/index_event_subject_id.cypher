// Schema: events of one subject (find_events by subjectId).
// Parameters: none.
CREATE INDEX event_subject_id IF NOT EXISTS FOR (e:Event) ON (e.subjectId)
