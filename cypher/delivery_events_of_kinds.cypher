// Delivery events of the given kinds (the incident events) in a time window, anchored on the
// (what, at) index: one range seek per kind.
// Parameters: $kinds: list of STRING delivery kinds; $since, $until: STRING fixed-width UTC
//   timestamps; at >= $since, < $until.
// Returns: the delivery record (lineage.store.delivery.delivery_record) as `record` (unordered).
UNWIND $kinds AS kind
MATCH (d:DeliveryEvent)
USING INDEX SEEK d:DeliveryEvent(what, at)
WHERE d.what = kind AND d.at >= $since AND d.at < $until
RETURN properties(d) AS record
