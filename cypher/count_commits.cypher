// How many listed commits there are (of one project when $projectId is set; manifest-repo
// commits left out).
// Parameters: $projectId: STRING or null (any).
// Returns: total.
// Plan exception (NodeByLabelScan): without $projectId this counts every listed commit, which is
//   every :Commit node less the unlisted ones; with it, the projectId index is not chosen
//   because the same plan must serve both cases.
MATCH (c:Commit)
WHERE c.listed = true AND ($projectId IS NULL OR c.projectId = $projectId)
  AND NOT EXISTS { MATCH (:ManifestCommit {hash: c.hash}) }
RETURN count(c) AS total
