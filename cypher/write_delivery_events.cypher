// write_delivery_events: store the delivery event (DORA row) of new deployment and incident
// events; a stored one stays as it is (it is a function of its event).
// Parameters: $rows: list of records (lineage.store.delivery.delivery_record): id, digest, what,
//   at, subjectId, environment, artifactId, service, chainId.
UNWIND $rows AS row
MERGE (d:DeliveryEvent {id: row.id})
ON CREATE SET d += row
