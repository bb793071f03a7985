// Schema: delivery events in time order (the DORA metrics read a window of them).
// Parameters: none.
CREATE INDEX delivery_event_at IF NOT EXISTS FOR (d:DeliveryEvent) ON (d.at)
