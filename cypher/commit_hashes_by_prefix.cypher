// The longest commit hashes starting with a prefix, in hash order (resolving a hash prefix):
// those no other stored hash extends, so that a commit stored under many abbreviations counts
// once, by its longest form. Both look-ups are range seeks on the Commit hash constraint.
// Parameters: $prefix: STRING; $limit: INTEGER.
// Returns: hash.
MATCH (c:Commit)
WHERE c.hash STARTS WITH $prefix
  AND NOT EXISTS {
    MATCH (d:Commit)
    WHERE d.hash STARTS WITH c.hash AND d.hash <> c.hash
  }
RETURN c.hash AS hash
ORDER BY hash
LIMIT $limit
