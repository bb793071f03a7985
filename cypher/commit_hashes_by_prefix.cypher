// Commit hashes starting with a prefix, in hash order (resolving a hash prefix).
// Parameters: $prefix: STRING; $limit: INTEGER.
// Returns: hash.
MATCH (c:Commit)
WHERE c.hash STARTS WITH $prefix
RETURN c.hash AS hash
ORDER BY hash
LIMIT $limit
