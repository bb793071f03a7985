// Schema: event ids (and placeholder ids, which are :Event nodes too) are unique.
// Also the index behind every id lookup and every MERGE on an event.
// Parameters: none.
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE
