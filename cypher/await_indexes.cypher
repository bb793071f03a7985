// Schema: wait until every index is online. An index created on a store that holds data (an
// index a newer version adds) is filled in the background, and a statement hinting it
// (`USING INDEX SEEK`) cannot be planned before it is online.
// Parameters: $seconds (how long to wait before failing with the index named).
CALL db.awaitIndexes($seconds)
