-- Documents, the runs that stored them, the sources they came from, and what failed.
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    sources TEXT NOT NULL,            -- JSON list of what the user named
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',  -- running | done | interrupted | crashed
    stored INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,              -- hash of the clean text
    url TEXT,
    outlet TEXT,
    title TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    published_precision TEXT,
    language TEXT,
    dateline TEXT,                    -- JSON object or NULL
    quality_flags TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL,
    source TEXT NOT NULL,             -- the first source it was stored from
    source_kind TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_outlet ON documents (outlet);

-- Every source that produced a document (stored or duplicate): a re-run skips these.
CREATE TABLE sources (
    source TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    status TEXT NOT NULL,             -- stored | duplicate
    run_id INTEGER REFERENCES runs(id),
    updated_at TEXT NOT NULL
);
CREATE INDEX sources_document ON sources (document_id);

CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX errors_run ON errors (run_id);
