// The least environment id of a delivery event after the given one, from the (environment, at)
// index in its order (the distinct environments are read one index step each).
// Parameters: $after: STRING ("" for the first).
// Returns: environment: STRING, at most one row.
MATCH (d:DeliveryEvent)
USING INDEX SEEK d:DeliveryEvent(environment, at)
WHERE d.environment > $after AND d.at IS NOT NULL
RETURN d.environment AS environment
ORDER BY environment
LIMIT 1
