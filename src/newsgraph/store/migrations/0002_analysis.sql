-- The analysis of each document: the whole record set as JSON (what the API returns) and the
-- records that are queried across documents in their own tables.
CREATE TABLE analyses (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    schema_version INTEGER NOT NULL,
    record TEXT NOT NULL,             -- Analysis.to_dict() without the document
    analyzed_at TEXT NOT NULL
);

CREATE TABLE entities (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT,
    affiliation TEXT,
    country TEXT,
    sector TEXT,
    anonymous INTEGER NOT NULL DEFAULT 0,
    confidence REAL NOT NULL,
    PRIMARY KEY (document_id, id)
);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE mentions (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (document_id, id)
);

CREATE TABLE places (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT,
    geonames_id INTEGER,
    lat REAL,
    lon REAL,
    country TEXT,
    admin1_code TEXT,
    admin1_name TEXT,
    feature_class TEXT,
    feature_code TEXT,
    precision TEXT,
    confidence REAL NOT NULL,
    is_focus INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, id)
);
CREATE INDEX places_geonames ON places (geonames_id);
