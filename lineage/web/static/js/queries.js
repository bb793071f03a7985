// Every GraphQL operation the explorer sends: one query per view, plus its live subscription.

export const EVENT_FIELDS = `
fragment Ev on Event {
  id placeholder outcome type subjectType predicate timestamp chainId source specVersion typeVersion
  subject { id type source content }
  customData
}`;

const LINK_FIELDS = "id type kind fromId toId inferred timestamp chainId";

/** Fan groups nest in branches; GraphQL has no recursion, so four levels are spelled out. @param {number} depth @returns {string} */
function fanGroups(depth = 4) {
  /** @type {string} */
  const inner = depth > 1 ? `groups { ${fanGroups(depth - 1)} }` : "";
  return `source { id } sink { id } complete label outcomes { outcome count } branches { via { id } events { id } outcome ${inner} }`;
}

export const CHAIN_FIELDS = `
  id complete eventCount startedAt endedAt duration startId endId
  events { ...Ev }
  links(includeInferred: true) { ${LINK_FIELDS} }
  islands { id }
  fanGroups { ${fanGroups()} }`;

export const CHAIN_QUERY = `query ChainView($id: ID!) { chain(id: $id) { ${CHAIN_FIELDS} } } ${EVENT_FIELDS}`;

export const CHAIN_UPDATED = `subscription ChainLive($id: ID!) { chainUpdated(id: $id) { ${CHAIN_FIELDS} } } ${EVENT_FIELDS}`;

export const CRITICAL_PATH_QUERY = `query CriticalPath($id: ID!) {
  chain(id: $id) {
    criticalPath { totalSeconds islandCount path { name durationSeconds events { id } } steps { name slackSeconds onCriticalPath events { id } } }
  }
}`;

export const CHAINS_QUERY = `query Chains($filter: ChainFilter, $first: Int) {
  chains(filter: $filter, first: $first) {
    totalCount
    edges { node {
      id complete status eventCount startedAt endedAt duration
      start { id type subjectType subject { id } }
    } }
  }
}`;

export const TRAVERSE_QUERY = `query Focus($id: ID!, $up: Int!, $down: Int!, $limit: Int!, $withUp: Boolean!, $withDown: Boolean!) {
  event(id: $id) { ...Ev }
  upstream: traverse(from: $id, direction: UPSTREAM, maxDepth: $up, limit: $limit) @include(if: $withUp) {
    truncated nodes { depth event { ...Ev } } links { ${LINK_FIELDS} }
  }
  downstream: traverse(from: $id, direction: DOWNSTREAM, maxDepth: $down, limit: $limit) @include(if: $withDown) {
    truncated nodes { depth event { ...Ev } } links { ${LINK_FIELDS} }
  }
} ${EVENT_FIELDS}`;

export const EXPAND_QUERY = `query Expand($id: ID!, $direction: Direction!) {
  traverse(from: $id, direction: $direction, maxDepth: 1, limit: 2000) {
    nodes { depth event { ...Ev } } links { ${LINK_FIELDS} }
  }
} ${EVENT_FIELDS}`;

const DEPLOYMENT_FIELDS = `id application environment status artifactId startedAt completedAt
  origin traceCommitHash manifestCommitHash event { ...Ev } path { ...Ev }`;

export const COMMIT_QUERY = `query CommitView($hash: String!) {
  deploymentTrace(commitHash: $hash) {
    commitHash commitUrl title commitMessage author commitTimestamp createdAt updatedAt aliases
    deployments { ${DEPLOYMENT_FIELDS} }
  }
} ${EVENT_FIELDS}`;

export const EVENTS_INGESTED = `subscription Ingested { eventsIngested { id } }`;

export const PIPELINE_QUERY = `query PipelineView($id: ID!) {
  pipelineExecution(id: $id) {
    id name pipelineName namespace origin status params trigger startedAt finishedAt updatedAt
    duration chainId
    conditions { type status reason message lastTransitionTime }
    stages { id name status startedAt finishedAt duration artifacts events { ...Ev } }
    environments { name order status time artifactId events { ...Ev } }
    events { ...Ev }
  }
} ${EVENT_FIELDS}`;

export const APPLICATION_QUERY = `query ApplicationView($id: ID!) {
  application(id: $id) {
    id name
    liveStates {
      deployTarget reportedAt stale
      resources { kind name namespace health version }
      history(first: 10) { totalCount edges { node { id reportedAt resources { version } } } }
    }
    drift { deployTarget expected actual since deploymentId resources { kind name version } }
    deployments(first: 20) { id environment status artifactId startedAt completedAt origin }
  }
}`;

export const SEARCH_QUERY = `query Search($text: String!) {
  search(text: $text, first: 10) { kind id label chainId exact }
}`;
