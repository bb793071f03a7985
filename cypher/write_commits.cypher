// Add entries to the commit index. Entries of one hash merge: earliest createdAt, latest
// updatedAt, smallest projectId, listed if any is (so the result is the same in any order).
// Parameters: $rows: list of {hash: STRING, createdAt, updatedAt, projectId: STRING or null,
//   listed: BOOLEAN} (lineage.store.trace_codec.commit_entry_record).
UNWIND $rows AS row
MERGE (c:Commit {hash: row.hash})
SET
  c.createdAt = CASE
    WHEN c.createdAt IS NULL THEN row.createdAt
    WHEN row.createdAt IS NULL OR c.createdAt <= row.createdAt THEN c.createdAt
    ELSE row.createdAt END,
  c.updatedAt = CASE
    WHEN c.updatedAt IS NULL THEN row.updatedAt
    WHEN row.updatedAt IS NULL OR c.updatedAt >= row.updatedAt THEN c.updatedAt
    ELSE row.updatedAt END,
  c.projectId = CASE
    WHEN c.projectId IS NULL THEN row.projectId
    WHEN row.projectId IS NULL OR c.projectId <= row.projectId THEN c.projectId
    ELSE row.projectId END,
  c.listed = coalesce(c.listed, false) OR row.listed
