// Schema: one (:Commit) node per commit hash (the commit index); also the index behind every
// hash lookup, prefix lookup (STARTS WITH) and MERGE on a commit.
// Parameters: none.
CREATE CONSTRAINT commit_hash IF NOT EXISTS FOR (c:Commit) REQUIRE c.hash IS UNIQUE
