-- Time expressions and counts, queryable across documents (the full records stay in analyses).
CREATE TABLE times (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT,
    granularity TEXT,
    anchor TEXT NOT NULL,
    low TEXT,
    high TEXT,
    PRIMARY KEY (document_id, id)
);
CREATE INDEX times_low ON times (low);

CREATE TABLE counts (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    low INTEGER,
    high INTEGER,
    qualifier TEXT NOT NULL,
    object TEXT,
    entity_id TEXT,
    time_id TEXT,
    place_id TEXT,
    cumulative INTEGER NOT NULL DEFAULT 0,
    gdelt_type TEXT,
    PRIMARY KEY (document_id, id)
);
CREATE INDEX counts_type ON counts (type);
