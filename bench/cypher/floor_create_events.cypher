// Bench only (bench/bench_neo4j_ingest.py --floor), never sent by the product: event nodes made
// inside the server from a template record, so no row crosses Bolt. With the store's schema in
// place, it measures what Neo4j alone spends per event node (its five indexes included).
// Parameters: $from, $to: INTEGER (the nodes are event-<n> for n in [from, to));
//   $template: MAP (one real event record, lineage.store.codec.event_record, without its id).
UNWIND range($from, $to - 1) AS n
CREATE (e:Event:Build {id: 'event-' + toString(n)})
SET e += $template,
  e.chainId = 'chain-' + toString(n / 15),
  e.subjectId = 'subject-' + toString(n),
  e.timestamp = $template.timestamp + '-' + toString(n)
