// delete_run_stages: remove every stage row of the given chains (before writing their new rows).
// Parameters: $ids: list of STRING chain ids.
UNWIND $ids AS chainId
MATCH (r:RunStages)
USING INDEX SEEK r:RunStages(chainId)
WHERE r.chainId = chainId
DELETE r
