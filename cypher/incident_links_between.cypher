// The other ends of the producer links (PATH, RELATION, END; not inferred) touching, either way,
// the incident-opening events of a time window: the events from the (what, at) index, one range
// seek per kind; each one's links from its event node's relationships (Neo4j's adjacency is the
// index of what touches a node), never a lookup per link.
// Parameters: $kinds: list of STRING delivery kinds (the incident-opening ones); $since, $until:
//   STRING fixed-width UTC timestamps; at >= $since, < $until.
// Returns: one row per (incident event, other end): id, otherId.
UNWIND $kinds AS kind
MATCH (d:DeliveryEvent)
USING INDEX SEEK d:DeliveryEvent(what, at)
WHERE d.what = kind AND d.at >= $since AND d.at < $until
MATCH (e:Event)-[r:PATH|RELATION|END]-(o)
USING INDEX SEEK e:Event(id)
WHERE e.id = d.id AND NOT r.inferred
RETURN DISTINCT e.id AS id, o.id AS otherId
