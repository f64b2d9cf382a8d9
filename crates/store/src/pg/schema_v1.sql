-- Schema version 1 of the sitrep store in PostgreSQL.
--
-- The same record as the SQLite schema, with PostgreSQL types. Text matching never relies on
-- the server's locale: the `*_key` columns and the search vector hold text lower-cased by the
-- program, so Cyrillic and Latin fold alike whatever LC_CTYPE the cluster was made with.

-- What this database is: `application` = 'sitrep', `schema_version`, and the optional spatial
-- index in use (`spatial` = 'postgis' or 'plain').
CREATE TABLE sitrep_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- The commit clock: one row, updated by every ingest transaction at its end. Its row lock
-- orders commits, so `last_change` (the latest event change) and `last_batch` grow in commit
-- order, and a reader that has seen change N has seen every change up to N.
CREATE TABLE sitrep_clock (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_change bigint NOT NULL DEFAULT 0,
    last_batch  bigint NOT NULL DEFAULT 0
);
INSERT INTO sitrep_clock DEFAULT VALUES;

-- One row per ingested document; the URL and the hash of the normalised text are unique.
CREATE TABLE documents (
    id           bigserial PRIMARY KEY,
    doc          text NOT NULL,
    url          text UNIQUE,
    content_hash text NOT NULL UNIQUE,
    title        text,
    outlet       text,
    author       text,
    published    date,
    language     text,
    text         text NOT NULL,
    errors       jsonb NOT NULL,
    fingerprint  text NOT NULL,
    event_count  integer NOT NULL,
    ingested_at  text NOT NULL
);

-- Locality-sensitive keys of each document's text fingerprint (near-identical texts).
CREATE TABLE document_bands (
    band        integer NOT NULL,
    key         bigint NOT NULL,
    document_id bigint NOT NULL REFERENCES documents(id)
);
CREATE INDEX document_bands_key ON document_bands (band, key);

-- The documents of each committed ingest transaction, in commit order.
CREATE TABLE ingest_batches (
    seq          bigint PRIMARY KEY,
    documents    bigint[] NOT NULL,
    last_change  bigint NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT now()
);

-- Everything the recognisers found in a document.
CREATE TABLE mentions (
    id          bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents(id),
    type        text NOT NULL,
    text        text NOT NULL,
    span_start  integer NOT NULL,
    span_end    integer NOT NULL,
    value       jsonb NOT NULL
);
CREATE INDEX mentions_document ON mentions (document_id);

-- Fused events. `data` holds the full event; the other columns exist for filtering. Row ids
-- are given at commit, in commit order. `change_seq` is the commit clock's value when the
-- event was last created or changed.
CREATE TABLE events (
    id            bigint PRIMARY KEY,
    uid           text NOT NULL UNIQUE,
    kind          text NOT NULL,
    date_start    date,
    date_end      date,
    span_days     integer,
    month_day     text,
    country       text,
    admin1        text,
    admin1_key    text,
    location      text,
    location_text text,
    place_key     text,
    lat           double precision,
    lon           double precision,
    attacker      text,
    target        text,
    status        text NOT NULL,
    sources_count integer NOT NULL,
    report_count  integer NOT NULL,
    first_seen    text NOT NULL,
    last_updated  text NOT NULL,
    change_seq    bigint NOT NULL,
    search        tsvector NOT NULL,
    data          jsonb NOT NULL
);
CREATE SEQUENCE events_id_seq OWNED BY events.id;
-- Queries list events latest first (undated last, then newest row first): the indexes that
-- serve a filter keep that order, so that the first page is read without sorting.
CREATE INDEX events_date ON events (date_start DESC NULLS LAST, id DESC);
CREATE INDEX events_span ON events (span_days);
CREATE INDEX events_kind_country ON events (kind, country, date_start DESC NULLS LAST, id DESC);
CREATE INDEX events_country ON events (country, date_start DESC NULLS LAST, id DESC);
CREATE INDEX events_admin1 ON events (admin1_key, date_start DESC NULLS LAST, id DESC);
CREATE INDEX events_lat ON events (lat, lon);
CREATE INDEX events_status ON events (status, date_start DESC NULLS LAST, id DESC);
CREATE INDEX events_sources ON events (sources_count);
CREATE INDEX events_month_day ON events (month_day);
CREATE INDEX events_change ON events (change_seq);
CREATE INDEX events_search ON events USING gin (search);

-- Each document's own account of an event, with its spans.
CREATE TABLE event_reports (
    id          bigserial PRIMARY KEY,
    event_id    bigint NOT NULL REFERENCES events(id),
    document_id bigint NOT NULL REFERENCES documents(id),
    report_uid  text NOT NULL,
    seq         bigint NOT NULL,
    data        jsonb NOT NULL
);
CREATE INDEX event_reports_event ON event_reports (event_id, seq);
CREATE INDEX event_reports_document ON event_reports (document_id);

CREATE TABLE claims (
    id          bigserial PRIMARY KEY,
    event_id    bigint NOT NULL REFERENCES events(id),
    report_id   bigint NOT NULL REFERENCES event_reports(id),
    document_id bigint NOT NULL REFERENCES documents(id),
    source      text NOT NULL,
    stance      text,
    text        text NOT NULL,
    span_start  integer NOT NULL,
    span_end    integer NOT NULL
);
CREATE INDEX claims_event ON claims (event_id);
CREATE INDEX claims_document ON claims (document_id);

CREATE TABLE evidence (
    id          bigserial PRIMARY KEY,
    event_id    bigint NOT NULL REFERENCES events(id),
    report_id   bigint NOT NULL REFERENCES event_reports(id),
    document_id bigint NOT NULL REFERENCES documents(id),
    span_start  integer NOT NULL,
    span_end    integer NOT NULL,
    text        text NOT NULL
);
CREATE INDEX evidence_event ON evidence (event_id);

-- Filter helpers, rewritten with their event; `*_key` is the lower-cased name.
CREATE TABLE event_weapons (
    event_id   bigint NOT NULL REFERENCES events(id),
    weapon_key text NOT NULL,
    PRIMARY KEY (event_id, weapon_key)
);
CREATE INDEX event_weapons_weapon ON event_weapons (weapon_key);

CREATE TABLE event_actors (
    event_id  bigint NOT NULL REFERENCES events(id),
    actor_key text NOT NULL,
    PRIMARY KEY (event_id, actor_key)
);
CREATE INDEX event_actors_actor ON event_actors (actor_key);

-- The state of the feed watcher. Each watched feed: the validators of its last good response,
-- when it is due again, how its last polls went, and which watcher holds it (until when).
-- Times are Unix seconds. Watchers claim due feeds with FOR UPDATE SKIP LOCKED.
CREATE TABLE feeds (
    url           text PRIMARY KEY,
    etag          text,
    last_modified text,
    next_due      double precision NOT NULL,
    last_attempt  double precision,
    last_success  double precision,
    last_status   text,
    errors        integer NOT NULL DEFAULT 0,
    items         bigint NOT NULL DEFAULT 0,
    stored        bigint NOT NULL DEFAULT 0,
    leased_by     text,
    lease_until   double precision
);
CREATE INDEX feeds_due ON feeds (next_due);

-- Items already taken from a feed.
CREATE TABLE feed_items (
    url        text PRIMARY KEY,
    feed       text NOT NULL,
    first_seen double precision NOT NULL
);

-- Per site (scheme, host and port): when the next request may start, and its robots.txt.
CREATE TABLE hosts (
    origin         text PRIMARY KEY,
    next_at        double precision NOT NULL,
    robots         text,
    robots_fetched double precision
);
