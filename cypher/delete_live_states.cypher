// delete_live_states: remove reports from history, with their fact identity nodes.
// Parameters: $ids: list of STRING report ids.
UNWIND $ids AS id
MATCH (s:LiveState {id: id})
USING INDEX SEEK s:LiveState(id)
OPTIONAL MATCH (f:Fact {kind: 'ApplicationLiveState', id: id})
USING INDEX SEEK f:Fact(kind, id)
DETACH DELETE s, f
