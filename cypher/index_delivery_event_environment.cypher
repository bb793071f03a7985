// Schema: delivery events by environment and time (the DORA metrics read the production
// environments' deployment events of a window; the distinct environments are read from it).
// Parameters: none.
CREATE INDEX delivery_event_environment IF NOT EXISTS
FOR (d:DeliveryEvent) ON (d.environment, d.at)
