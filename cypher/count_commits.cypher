// How many listed commits there are (of one project when $projectId is set; manifest-repo
// commits left out).
// Parameters: $projectId: STRING or null (any).
// Returns: total.
MATCH (c:Commit)
WHERE c.listed = true AND ($projectId IS NULL OR c.projectId = $projectId)
  AND NOT EXISTS { MATCH (:ManifestCommit {hash: c.hash}) }
RETURN count(c) AS total
