// Stored events of one delivery type prefix (every version) that have no delivery event yet:
// what a store written before the DORA rows existed derives them from, a page at a time.
// Parameters: $prefix: STRING type prefix (e.g. 'dev.cdevents.service.deployed.'); $limit: INTEGER.
// Returns: the event record columns id, type, subjectType, predicate, typeVersion, specVersion,
//   source, timestamp, chainId, subjectId, digest, body.
MATCH (e:Event)
WHERE e.type STARTS WITH $prefix
  AND NOT e:Placeholder
  AND NOT EXISTS { MATCH (:DeliveryEvent {id: e.id}) }
RETURN
  e.id AS id,
  e.type AS type,
  e.subjectType AS subjectType,
  e.predicate AS predicate,
  e.typeVersion AS typeVersion,
  e.specVersion AS specVersion,
  e.source AS source,
  e.timestamp AS timestamp,
  e.chainId AS chainId,
  e.subjectId AS subjectId,
  e.digest AS digest,
  e.body AS body
LIMIT $limit
