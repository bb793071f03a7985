// How much is stored: events (event nodes minus placeholders), links (ENDS_WITH mirrors END and
// is not counted), chains with a summary, and placeholders. Counts come from the count store.
// Parameters: none.
// Plan exception (NodeIndexScan): chains with a summary are counted from the chain_sort_ts index
//   (the count store has no per-property counts); the other counts come from the count store.
// Returns: events, links, chains, placeholders.
CALL () {
  MATCH (e:Event)
  RETURN count(e) AS nodes
}
CALL () {
  MATCH (p:Placeholder)
  RETURN count(p) AS placeholders
}
CALL () {
  MATCH ()-[r:PATH]->()
  RETURN count(r) AS paths
}
CALL () {
  MATCH ()-[r:RELATION]->()
  RETURN count(r) AS relations
}
CALL () {
  MATCH ()-[r:END]->()
  RETURN count(r) AS ends
}
CALL () {
  MATCH ()-[r:STARTS_WITH]->()
  RETURN count(r) AS starts
}
CALL () {
  MATCH (c:Chain)
  WHERE c.sortTs IS NOT NULL
  RETURN count(c) AS chains
}
RETURN
  nodes - placeholders AS events,
  paths + relations + ends + starts AS links,
  chains,
  placeholders
