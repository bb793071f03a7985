// live_state_history: one page of a target's reports, newest first, below the keyset cursor
// (reportedAt, id).
// Parameters: $applicationId, $deployTarget, $afterTs, $afterId: STRING; $limit: INTEGER.
// Returns: the report record columns id, applicationId, deployTarget, reportedAt, digest, body.
MATCH (s:LiveState {applicationId: $applicationId, deployTarget: $deployTarget})
USING INDEX SEEK s:LiveState(applicationId, deployTarget, reportedAt)
WHERE s.reportedAt < $afterTs OR (s.reportedAt = $afterTs AND s.id < $afterId)
RETURN
  s.id AS id,
  s.applicationId AS applicationId,
  s.deployTarget AS deployTarget,
  s.reportedAt AS reportedAt,
  s.digest AS digest,
  s.body AS body
ORDER BY reportedAt DESC, id DESC
LIMIT $limit
