// Delivery events of one subject before a given (time, id), newest first (the deployment before
// a service's first one in a window). Anchored on the subjectId index (hinted: on a small graph
// the planner may prefer the `at` range, which on a large one reads every earlier row).
// Parameters: $subjectId, $at, $id: STRING; $limit: INTEGER.
// Returns: the delivery record (lineage.store.delivery.delivery_record) as `record`, ordered by
//   (at, id) descending.
MATCH (d:DeliveryEvent {subjectId: $subjectId})
USING INDEX SEEK d:DeliveryEvent(subjectId)
WHERE d.at <= $at AND (d.at < $at OR d.id < $id)
RETURN properties(d) AS record, d.at AS at, d.id AS id
ORDER BY at DESC, id DESC
LIMIT $limit
