// Schema: delivery events by kind and time (the DORA metrics read every incident event of a
// window).
// Parameters: none.
CREATE INDEX delivery_event_what IF NOT EXISTS FOR (d:DeliveryEvent) ON (d.what, d.at)
