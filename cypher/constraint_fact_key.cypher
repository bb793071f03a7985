// Schema: one fact node per (kind, id); also the index behind fact_digests and write_facts.
// Parameters: none.
CREATE CONSTRAINT fact_key IF NOT EXISTS FOR (f:Fact) REQUIRE (f.kind, f.id) IS UNIQUE
