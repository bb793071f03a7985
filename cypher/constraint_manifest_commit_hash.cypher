// Schema: manifest-repo commits are unique by hash.
// Parameters: none.
CREATE CONSTRAINT manifest_commit_hash IF NOT EXISTS FOR (m:ManifestCommit) REQUIRE m.hash IS UNIQUE
