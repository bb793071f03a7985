// Delete every node and relationship (tests and `lineage db` maintenance); the schema stays.
// Parameters: none.
// Plan exception (AllNodesScan): it deletes every node.
MATCH (n)
DETACH DELETE n
