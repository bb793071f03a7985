// The commit-index entries of the given hashes.
// Parameters: $ids: list of STRING hashes.
// Returns: hash, createdAt, updatedAt, projectId, listed.
UNWIND $ids AS hash
MATCH (c:Commit {hash: hash})
USING INDEX SEEK c:Commit(hash)
RETURN DISTINCT
  c.hash AS hash,
  c.createdAt AS createdAt,
  c.updatedAt AS updatedAt,
  c.projectId AS projectId,
  c.listed AS listed
