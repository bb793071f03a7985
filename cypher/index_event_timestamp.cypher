// Schema: events in time order (find_events without a more selective filter).
// Parameters: none.
CREATE INDEX event_timestamp IF NOT EXISTS FOR (e:Event) ON (e.timestamp)
