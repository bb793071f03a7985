// Schema: commits by PipeCD project (the deploymentTraces listing of one project).
// Parameters: none.
CREATE INDEX commit_project_id IF NOT EXISTS FOR (c:Commit) ON (c.projectId)
