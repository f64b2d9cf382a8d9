-- Schema version 2 of the sitrep store: the state of the feed watcher.

-- Each watched feed: the validators of its last good response, when it is due again, how its
-- last polls went, and which watcher holds it (until when) while polling it. Times are Unix
-- seconds.
CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    next_due      REAL NOT NULL,
    last_attempt  REAL,
    last_success  REAL,
    last_status   TEXT,
    errors        INTEGER NOT NULL DEFAULT 0,
    items         INTEGER NOT NULL DEFAULT 0,
    stored        INTEGER NOT NULL DEFAULT 0,
    leased_by     TEXT,
    lease_until   REAL
);

-- Items already taken from a feed (their page was fetched and stored, or found unusable).
CREATE TABLE feed_items (
    url        TEXT PRIMARY KEY,
    feed       TEXT NOT NULL,
    first_seen REAL NOT NULL
);

-- Per site (scheme, host and port): when the next request may start, and its robots.txt.
CREATE TABLE hosts (
    origin         TEXT PRIMARY KEY,
    next_at        REAL NOT NULL,
    robots         TEXT,
    robots_fetched REAL
);
