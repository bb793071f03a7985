// Schema: delivery events of one subject (a service's previous deployment).
// Parameters: none.
CREATE INDEX delivery_event_subject IF NOT EXISTS FOR (d:DeliveryEvent) ON (d.subjectId)
