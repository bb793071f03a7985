// Deployment events (the given kinds) of the given environments in a time window, anchored on
// the (environment, at) index: one range seek per environment.
// Parameters: $environments: list of STRING environment ids; $kinds: list of STRING delivery
//   kinds; $since, $until: STRING fixed-width UTC timestamps; at >= $since, < $until.
// Returns: the delivery record (lineage.store.delivery.delivery_record) as `record` (unordered).
UNWIND $environments AS environment
MATCH (d:DeliveryEvent)
USING INDEX SEEK d:DeliveryEvent(environment, at)
WHERE d.environment = environment AND d.at >= $since AND d.at < $until AND d.what IN $kinds
RETURN properties(d) AS record
