-- The event's day (query.py's event date: the first day of its time expression's interval, else
-- its article's publication day) stored on the event, so the web UI's and the API's event
-- lists, map and timeline sort and group by an index instead of sorting every event
-- (benchmarks/web_pages.py: 10,000 articles). Kept by triggers: the writer inserts a
-- document's times before its events; the second trigger covers the other order.
ALTER TABLE events ADD COLUMN day TEXT;

UPDATE events SET day = COALESCE(
    (SELECT t.low FROM times t WHERE t.document_id = events.document_id AND t.id = events.time_id),
    (SELECT substr(d.published, 1, 10) FROM documents d WHERE d.id = events.document_id)
);

CREATE TRIGGER events_day_insert AFTER INSERT ON events BEGIN
    UPDATE events SET day = COALESCE(
        (SELECT t.low FROM times t WHERE t.document_id = new.document_id AND t.id = new.time_id),
        (SELECT substr(d.published, 1, 10) FROM documents d WHERE d.id = new.document_id)
    ) WHERE rowid = new.rowid;
END;

CREATE TRIGGER events_day_times AFTER INSERT ON times BEGIN
    UPDATE events SET day = COALESCE(new.low, day)
    WHERE document_id = new.document_id AND time_id = new.id;
END;

-- Newest first (ties by document, then insertion: list_events' ORDER BY), and day + type for
-- the timeline.
CREATE INDEX events_day ON events (day DESC, document_id);
CREATE INDEX events_day_type ON events (day, type);
