// write_run_stages: create the stage rows of chains whose old rows were just deleted.
// Parameters: $rows: list of {chainId, runId, firstAt, pipelineName, criticalSeconds,
//   stageRuns} (firstAt fixed-width UTC text; stageRuns the JSON text of lineage.store.stage_codec).
UNWIND $rows AS row
CREATE (r:RunStages)
SET r = row
