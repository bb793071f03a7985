// The distinct stored event types starting with any of the given prefixes (every version of an
// event type, say), read from the event_type range index (STARTS WITH is an index seek).
// Parameters: $prefixes: list of STRING.
// Returns: type: STRING, one row per distinct type.
UNWIND $prefixes AS prefix
MATCH (e:Event)
WHERE e.type STARTS WITH prefix
RETURN DISTINCT e.type AS type
