-- Schema version 1 of the sitrep store.

-- One row per ingested document; the URL and the hash of the normalised text are unique, which
-- makes ingesting the same article twice a no-op.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    doc          TEXT NOT NULL,
    url          TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title        TEXT,
    outlet       TEXT,
    author       TEXT,
    published    TEXT,
    language     TEXT,
    text         TEXT NOT NULL,
    errors       TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    event_count  INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL
);

-- Locality-sensitive keys of each document's text fingerprint, to find near-identical texts
-- (the same article in another format) without comparing every pair.
CREATE TABLE document_bands (
    band        INTEGER NOT NULL,
    key         INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id)
);
CREATE INDEX document_bands_key ON document_bands(band, key);

-- Everything the recognisers found in a document.
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    type        TEXT NOT NULL,
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    value       TEXT NOT NULL
);
CREATE INDEX mentions_document ON mentions(document_id);

-- Fused events. `data` holds the full event as JSON; the other columns exist for filtering.
-- Dates are ISO days, NULL when the year is unknown; `month_day` (MM-DD) serves yearless dates.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    date_start    TEXT,
    date_end      TEXT,
    span_days     INTEGER,
    month_day     TEXT,
    country       TEXT,
    admin1        TEXT COLLATE NOCASE,
    location      TEXT COLLATE NOCASE,
    location_text TEXT,
    lat           REAL,
    lon           REAL,
    attacker      TEXT,
    target        TEXT,
    status        TEXT NOT NULL,
    sources_count INTEGER NOT NULL,
    report_count  INTEGER NOT NULL,
    first_seen    TEXT NOT NULL,
    last_updated  TEXT NOT NULL,
    data          TEXT NOT NULL
);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_span ON events(span_days);
CREATE INDEX events_kind_country ON events(kind, country, date_start);
CREATE INDEX events_country ON events(country, date_start);
CREATE INDEX events_admin1 ON events(admin1, date_start);
CREATE INDEX events_lat ON events(lat, lon);
CREATE INDEX events_status ON events(status, date_start);
CREATE INDEX events_sources ON events(sources_count);
CREATE INDEX events_month_day ON events(month_day);

-- Each document's own account of an event, with its spans.
CREATE TABLE event_reports (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    report_uid  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX event_reports_event ON event_reports(event_id, seq);
CREATE INDEX event_reports_document ON event_reports(document_id);

CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    report_id   INTEGER NOT NULL REFERENCES event_reports(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    source      TEXT NOT NULL,
    stance      TEXT NOT NULL,
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL
);
CREATE INDEX claims_event ON claims(event_id);
CREATE INDEX claims_document ON claims(document_id);

CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    report_id   INTEGER NOT NULL REFERENCES event_reports(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX evidence_event ON evidence(event_id);

-- Filter helpers, rewritten with their event.
CREATE TABLE event_weapons (
    event_id INTEGER NOT NULL REFERENCES events(id),
    weapon   TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (event_id, weapon)
) WITHOUT ROWID;
CREATE INDEX event_weapons_weapon ON event_weapons(weapon);

CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id),
    actor    TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (event_id, actor)
) WITHOUT ROWID;
CREATE INDEX event_actors_actor ON event_actors(actor);

-- Full text of each event (rowid = events.id).
CREATE VIRTUAL TABLE events_fts USING fts5(body);
