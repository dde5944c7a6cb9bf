-- Events, queryable across documents (the full records, actors included, stay in analyses).
CREATE TABLE events (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    modality TEXT NOT NULL,
    trigger TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    cameo TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    place_id TEXT,
    time_id TEXT,
    claim_id TEXT,
    confidence REAL NOT NULL,
    PRIMARY KEY (document_id, id)
);
CREATE INDEX events_type ON events (type, mode);
CREATE INDEX events_acled ON events (acled_sub_event_type);

-- Who takes part in each event: one row per actor and role.
CREATE TABLE event_actors (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    entity_id TEXT,
    country TEXT,
    sector TEXT
);
CREATE INDEX event_actors_event ON event_actors (document_id, event_id);
CREATE INDEX event_actors_entity ON event_actors (document_id, entity_id);
