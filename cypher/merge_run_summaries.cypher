// merge_run_summaries: merge summary parts of CDEvents pipeline runs into their execution nodes,
// by the rules of lineage.model.pipeline.RunSummary.merge: status from the greatest revision
// (status key), pipelineName/namespace from the greatest labelKey, chainId from the least
// chainKey, startedAt/firstAt by min, finishedAt/updatedAt by max; sortTs = startedAt, else
// firstAt. Every decision is taken on the stored values before any is changed.
// Parameters: $rows: list of {id: STRING, props: MAP} where props holds id, origin, name,
//   pipelineName, namespace, status, startedAt, finishedAt, updatedAt, firstAt, sortTs,
//   chainId, revision, labelKey, chainKey (timestamps fixed-width UTC text).
UNWIND $rows AS row
MERGE (x:PipelineExecution {id: row.id, origin: 'cdevents'})
ON CREATE SET x += row.props
WITH x, row.props AS p
WITH
  x,
  p,
  p.revision > x.revision AS newerStatus,
  p.labelKey > x.labelKey AS newerLabel,
  p.chainKey < x.chainKey AS earlierChain,
  CASE
    WHEN x.startedAt IS NULL THEN p.startedAt
    WHEN p.startedAt IS NULL OR x.startedAt <= p.startedAt THEN x.startedAt
    ELSE p.startedAt
  END AS startedAt,
  CASE
    WHEN x.finishedAt IS NULL THEN p.finishedAt
    WHEN p.finishedAt IS NULL OR x.finishedAt >= p.finishedAt THEN x.finishedAt
    ELSE p.finishedAt
  END AS finishedAt,
  CASE WHEN p.firstAt < x.firstAt THEN p.firstAt ELSE x.firstAt END AS firstAt,
  CASE WHEN p.updatedAt > x.updatedAt THEN p.updatedAt ELSE x.updatedAt END AS updatedAt
SET
  x.status = CASE WHEN newerStatus THEN p.status ELSE x.status END,
  x.revision = CASE WHEN newerStatus THEN p.revision ELSE x.revision END,
  x.pipelineName = CASE WHEN newerLabel THEN p.pipelineName ELSE x.pipelineName END,
  x.namespace = CASE WHEN newerLabel THEN p.namespace ELSE x.namespace END,
  x.labelKey = CASE WHEN newerLabel THEN p.labelKey ELSE x.labelKey END,
  x.chainId = CASE WHEN earlierChain THEN p.chainId ELSE x.chainId END,
  x.chainKey = CASE WHEN earlierChain THEN p.chainKey ELSE x.chainKey END,
  x.startedAt = startedAt,
  x.finishedAt = finishedAt,
  x.firstAt = firstAt,
  x.updatedAt = updatedAt,
  x.sortTs = coalesce(startedAt, firstAt)
