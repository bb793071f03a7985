// latest_live_states: the latest report of each deploy target of one application.
// Parameters: $applicationId: STRING.
// Returns: the report record columns id, applicationId, deployTarget, reportedAt, digest, body,
//   by deploy target.
MATCH (l:LiveStateLatest {applicationId: $applicationId})
USING INDEX SEEK l:LiveStateLatest(applicationId)
RETURN
  l.id AS id,
  l.applicationId AS applicationId,
  l.deployTarget AS deployTarget,
  l.reportedAt AS reportedAt,
  l.digest AS digest,
  l.body AS body
ORDER BY deployTarget
