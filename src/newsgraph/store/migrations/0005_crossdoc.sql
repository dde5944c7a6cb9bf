-- Across documents: near-duplicate article groups, event clusters, their members and every
-- source's figures. Rebuilt by `newsgraph cluster --rebuild`, updated after each ingest.
CREATE TABLE article_groups (
    id TEXT PRIMARY KEY,              -- 'ag-' + the smallest member document id
    size INTEGER NOT NULL,
    document_ids TEXT NOT NULL,       -- JSON list, by publication date
    earliest_document_id TEXT NOT NULL,
    earliest_published TEXT,
    latest_document_id TEXT NOT NULL,
    latest_published TEXT,
    outlets TEXT NOT NULL DEFAULT '[]'  -- JSON list
);

-- Which group each document is in, and when it was last clustered (the incremental ledger).
CREATE TABLE document_groups (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    clustered_at TEXT NOT NULL
);
CREATE INDEX document_groups_group ON document_groups (group_id);

-- MinHash LSH buckets: documents sharing a bucket are candidate near-duplicates.
CREATE TABLE fingerprint_bands (
    band INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, document_id)
);
CREATE INDEX fingerprint_bands_document ON fingerprint_bands (document_id);

CREATE TABLE event_clusters (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    mode TEXT,
    place_name TEXT,
    geonames_id INTEGER,
    country TEXT,
    place_precision TEXT,
    time_low TEXT,
    time_high TEXT,
    time_precision TEXT,
    sources INTEGER NOT NULL,         -- independent sources: article groups
    reports INTEGER NOT NULL,         -- articles
    first_reported TEXT,
    last_reported TEXT,
    record TEXT NOT NULL              -- EventCluster.to_dict(): figures and framings included
);
CREATE INDEX event_clusters_type ON event_clusters (type, time_low);

CREATE TABLE cluster_members (
    cluster_id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    day_low TEXT NOT NULL,
    day_high TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    PRIMARY KEY (document_id, event_id)
);
CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id);
CREATE INDEX cluster_members_days ON cluster_members (type, day_low, day_high);

-- Every claimed value of every figure, side by side; `conflict` repeats the figure's verdict.
CREATE TABLE reconciled_values (
    cluster_id TEXT NOT NULL,
    count_type TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    count_id TEXT NOT NULL,
    low INTEGER,
    high INTEGER,
    qualifier TEXT NOT NULL,
    number_text TEXT NOT NULL,
    object TEXT,
    claimant TEXT,
    claimant_kind TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    conflict INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, document_id, count_id)
);
CREATE INDEX reconciled_values_type ON reconciled_values (count_type, conflict);
