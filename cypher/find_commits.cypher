// One page of listed commits (of one project when $projectId is set; manifest-repo commits left
// out), newest-updated first: (updatedAt, hash) descending after the keyset cursor
// (afterUpdatedAt, afterHash).
// Parameters: $projectId: STRING or null (any); $afterUpdatedAt, $afterHash: STRING keyset of
//   the last commit of the previous page ('\uffff' and '' for the first page); $limit: INTEGER
//   page size plus one.
// Returns: hash, createdAt, updatedAt, projectId, listed.
MATCH (c:Commit)
WHERE c.listed = true
  AND NOT EXISTS { MATCH (:ManifestCommit {hash: c.hash}) }
  AND ($projectId IS NULL OR c.projectId = $projectId)
  AND c.updatedAt <= $afterUpdatedAt
  AND (c.updatedAt < $afterUpdatedAt OR (c.updatedAt = $afterUpdatedAt AND c.hash < $afterHash))
RETURN
  c.hash AS hash,
  c.createdAt AS createdAt,
  c.updatedAt AS updatedAt,
  c.projectId AS projectId,
  c.listed AS listed
ORDER BY updatedAt DESC, hash DESC
LIMIT $limit
