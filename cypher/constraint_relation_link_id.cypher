// Schema: RELATION link ids are unique (link_digests and every lookup by link id use its index). It
// also makes write_links_relation's MERGE seek this index with a lock
// (RelationshipUniqueIndexSeek(Locking)) whatever the statistics say: with the plain index a plan
// made on a near-empty graph could scan every RELATION link for each row written.
// A link's id names its type, chain and endpoints (lineage.model.link.link_id), so the only
// other relationship with the same id is the same link, which MERGE finds.
// Parameters: none.
CREATE CONSTRAINT relation_link_id IF NOT EXISTS FOR ()-[r:RELATION]-() REQUIRE r.id IS UNIQUE
