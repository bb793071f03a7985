// Schema: events of a type (find_events by type).
// Parameters: none.
CREATE INDEX event_type IF NOT EXISTS FOR (e:Event) ON (e.type)
