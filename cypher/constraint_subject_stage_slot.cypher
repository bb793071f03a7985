// Schema: one (:SubjectStage) node per stage of a subject's story (lineage.model.mention), keyed
// by its slot; events that mention the subject at that stage point at it with [:AT_STAGE].
// Parameters: none.
CREATE CONSTRAINT subject_stage_slot IF NOT EXISTS FOR (s:SubjectStage) REQUIRE s.slot IS UNIQUE
