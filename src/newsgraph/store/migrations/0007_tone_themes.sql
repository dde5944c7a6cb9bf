-- Tone and themes (the tone stage), queryable across documents; quote, claim and actor tones
-- stay in the analysis JSON, actor tones are also here for "how is X described across outlets".
CREATE TABLE document_tone (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    tone REAL NOT NULL,           -- GDELT V1.5 Tone: positive - negative
    positive REAL NOT NULL,       -- % of words
    negative REAL NOT NULL,
    polarity REAL NOT NULL,
    activity REAL NOT NULL,
    self_group REAL NOT NULL,
    word_count INTEGER NOT NULL
);
CREATE INDEX document_tone_tone ON document_tone (tone);

CREATE TABLE document_themes (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    theme TEXT NOT NULL,          -- PROTEST, KILL ... (ontology/data/themes.tsv)
    hits INTEGER NOT NULL,        -- how many spans triggered it
    spans TEXT NOT NULL,          -- JSON [[start, end], ...] into the clean text
    PRIMARY KEY (document_id, theme)
);
CREATE INDEX document_themes_theme ON document_themes (theme, document_id);

CREATE TABLE actor_tones (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    tone REAL NOT NULL,           -- of the words governing its mentions
    positive INTEGER NOT NULL,
    negative INTEGER NOT NULL,
    words INTEGER NOT NULL,
    sentence_tone REAL,           -- of the sentences that mention it
    PRIMARY KEY (document_id, entity_id)
);
