// Bench only (bench/bench_neo4j_ingest.py --floor), never sent by the product: two PATH links
// from each event node floor_create_events.cypher made (to the next two), made inside the
// server: what Neo4j alone spends per link (two unique-index seeks, the relationship and its
// id and chainId index entries).
// Parameters: $from, $to: INTEGER (links leave event-<n> for n in [from, to));
//   $template: MAP (one real link's relationship properties).
UNWIND range($from, $to - 1) AS n
MATCH (a:Event)
  USING INDEX SEEK a:Event(id)
  WHERE a.id = 'event-' + toString(n)
UNWIND [1, 2] AS step
MATCH (b:Event)
  USING INDEX SEEK b:Event(id)
  WHERE b.id = 'event-' + toString(n + step)
CREATE (a)-[r:PATH]->(b)
SET r = $template,
  r.id = 'link-' + toString(n) + '-' + toString(step),
  r.chainId = a.chainId
