"""The `lineage` command line: ingest, validate, query, serve, demo, db."""
