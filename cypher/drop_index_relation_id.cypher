// Schema migration: a store made before link ids were unique had a plain index named relation_id on
// RELATION link ids; constraint_relation_link_id replaces it (a constraint cannot be made while an index
// covers the same property). A no-op on any other store.
// Parameters: none.
DROP INDEX relation_id IF EXISTS
