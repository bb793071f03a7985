// Delete every node and relationship (tests and `lineage db` maintenance); the schema stays.
// Parameters: none.
MATCH (n)
DETACH DELETE n
