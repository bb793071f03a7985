// Schema migration: a store made before link ids were unique had a plain index named path_id on
// PATH link ids; constraint_path_link_id replaces it (a constraint cannot be made while an index
// covers the same property). A no-op on any other store.
// Parameters: none.
DROP INDEX path_id IF EXISTS
