// Readiness probe: a write transaction that writes nothing; fails when no writer is reachable.
// Parameters: none.
RETURN 1 AS ok
