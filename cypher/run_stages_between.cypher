// run_stages_between: the stage rows of the pipeline runs that began in [$since, $until), of
// one pipeline or all.
// Parameters: $since, $until: fixed-width UTC text; $pipelineName: STRING, or null for every
//   pipeline.
// Returns one row per pipeline run of a chain: chainId, runId, firstAt, pipelineName,
//   criticalSeconds, stageRuns.
// One range seek of the firstAt index (index_run_stages_first_at).
MATCH (r:RunStages)
USING INDEX SEEK r:RunStages(firstAt)
WHERE r.firstAt >= $since AND r.firstAt < $until
  AND ($pipelineName IS NULL OR r.pipelineName = $pipelineName)
RETURN
  r.chainId AS chainId,
  r.runId AS runId,
  r.firstAt AS firstAt,
  r.pipelineName AS pipelineName,
  r.criticalSeconds AS criticalSeconds,
  r.stageRuns AS stageRuns
