// The delivery events among the given event ids.
// Parameters: $ids: list of STRING event ids.
// Returns: the delivery record (lineage.store.delivery.delivery_record) as `record`.
MATCH (d:DeliveryEvent)
USING INDEX SEEK d:DeliveryEvent(id)
WHERE d.id IN $ids
RETURN properties(d) AS record
