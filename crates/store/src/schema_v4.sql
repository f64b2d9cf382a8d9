-- Schema version 4: the change feed, filters by outlet and by attacker, and each event's
-- summary (what maps and charts need, as compact JSON, in a narrow table of its own so that
-- reading many of them does not read the events' full rows; the migration fills it in for
-- the events stored before).

-- Every creation or change of a fused event, numbered in commit order. A reader remembers the
-- last number it saw and asks for the entries above it (`Store::changes_since`).
CREATE TABLE event_changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id),
    created  INTEGER NOT NULL
);
CREATE INDEX event_changes_event ON event_changes(event_id);

-- The events stored before the feed existed, each as created, in the order they were stored.
INSERT INTO event_changes (event_id, created) SELECT id, 1 FROM events ORDER BY id;

-- Filter helper: the sources' outlets, rewritten with their event.
CREATE TABLE event_outlets (
    event_id INTEGER NOT NULL REFERENCES events(id),
    outlet   TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (event_id, outlet)
) WITHOUT ROWID;
CREATE INDEX event_outlets_outlet ON event_outlets(outlet);

INSERT OR IGNORE INTO event_outlets (event_id, outlet)
    SELECT e.id, json_extract(s.value, '$.outlet')
    FROM events e, json_each(e.data, '$.sources') s
    WHERE json_extract(s.value, '$.outlet') IS NOT NULL;

CREATE INDEX events_attacker ON events(attacker COLLATE NOCASE, date_start);

-- The coordinates' index also holds the day, so that the events in a box are put in date
-- order without reading their rows.
DROP INDEX events_lat;
CREATE INDEX events_lat ON events(lat, lon, date_start);

-- A last day before the first (a misread range) is the first day, as `day_range` now gives
-- it: the date filters rely on a dated event's end being on or after its start.
UPDATE events SET date_end = date_start, span_days = 0 WHERE date_end < date_start;

-- Every event has a row; its summary is NULL only when the migration found the event's stored
-- data undecodable, and reading it then fails as reading the event does.
CREATE TABLE event_summaries (
    event_id INTEGER PRIMARY KEY REFERENCES events(id),
    summary  TEXT
);
