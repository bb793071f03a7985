// Schema migration: a store made before link ids were unique had a plain index named starts_with_id on
// STARTS_WITH link ids; constraint_starts_with_link_id replaces it (a constraint cannot be made while an index
// covers the same property). A no-op on any other store.
// Parameters: none.
DROP INDEX starts_with_id IF EXISTS
