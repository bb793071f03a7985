// Schema: chain ids are unique; backs MERGE on (:Chain {id}).
// Parameters: none.
CREATE CONSTRAINT chain_id IF NOT EXISTS FOR (c:Chain) REQUIRE c.id IS UNIQUE
