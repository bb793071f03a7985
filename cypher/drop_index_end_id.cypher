// Schema migration: a store made before link ids were unique had a plain index named end_id on
// END link ids; constraint_end_link_id replaces it (a constraint cannot be made while an index
// covers the same property). A no-op on any other store.
// Parameters: none.
DROP INDEX end_id IF EXISTS
