// Delivery events (deployments, rollbacks, incident events) of a time window, anchored on the
// `at` range index: the DORA metrics' one read of a window.
// Parameters: $since, $until: STRING fixed-width UTC timestamps; at >= $since, < $until.
// Returns: the delivery record (lineage.store.delivery.delivery_record) as `record`, ordered by
//   (at, id).
MATCH (d:DeliveryEvent)
WHERE d.at >= $since AND d.at < $until
RETURN properties(d) AS record, d.at AS at, d.id AS id
ORDER BY at, id
