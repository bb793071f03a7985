// Which of the events a write transaction just wrote (write_events_*.cypher) were stored already
// (the `_new` mark is false: another writer stored them first); removes the mark from all of them.
// Parameters: $ids: list of STRING event ids written in this transaction.
// Returns: id of each event that the write found stored.
UNWIND $ids AS id
MATCH (e:Event)
USING INDEX SEEK e:Event(id)
WHERE e.id = id
WITH e, e._new = false AS existed
REMOVE e._new
WITH e, existed
WHERE existed
RETURN e.id AS id
