// Schema: one delivery event node (the DORA row of a deployment or incident event) per event id.
// Parameters: none.
CREATE CONSTRAINT delivery_event_id IF NOT EXISTS FOR (d:DeliveryEvent) REQUIRE d.id IS UNIQUE
