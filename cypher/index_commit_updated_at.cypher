// Schema: commits by last update (the deploymentTraces listing, newest-updated first).
// Parameters: none.
CREATE INDEX commit_updated_at IF NOT EXISTS FOR (c:Commit) ON (c.updatedAt)
