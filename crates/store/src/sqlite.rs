//! The embedded store: one SQLite file.
//!
//! The file is marked with an `application_id` and its schema version is `user_version`; it is
//! opened only when it is empty, new, or already ours, so a foreign or corrupt file given by
//! mistake is refused and never written. Every document, or every batch of documents given to
//! [`Store::ingest_batch`], is ingested in one `IMMEDIATE` transaction in WAL mode, so a process
//! killed at any moment leaves a database holding exactly the documents whose ingest committed.
//!
//! Ingest speed: every statement is a cached prepared statement, candidate events are found
//! through the date indexes without sorting in SQL, and a batch pays for one commit (the write
//! of its pages to the WAL) however many documents it holds.
//!
//! A document with a revision (an edited message) replaces the stored versions of its id that
//! are older: it is stored first, so that its reports join the events the older versions
//! reported (which keep their ids), and then the older versions are removed with everything
//! they reported and their events fused again (an event left without reports goes).
//!
//! Tables: `documents` (unique URL and content hash), `mentions`, `events` (the fused events,
//! with indexed filter columns and the full [`StoredEvent`] as JSON), `event_reports` (each
//! document's own event, with spans), `claims`, `evidence`, `event_weapons`, `event_actors`
//! and `event_outlets` (filter helpers), `events_fts` (FTS5 full-text index),
//! `event_summaries` (each event's summary) and `event_changes` (the change feed: one row per
//! event written, numbered in commit order).
//!
//! Queries, pages and the change feed are read in [`query`].

mod query;

use crate::{
    Change, DayCounts, EventFilter, EventPage, EventSummary, IngestOutcome, Stats, Store,
    StoreError, StoredEvent, StoredReport, TextHashes,
};
use chrono::{Duration, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension, Transaction};
use sitrep_fuse::{
    best_match_fused, compatible_kinds, date_window, fingerprint, fuse, Fingerprint, Report,
    Source, ADMIN1_RADIUS_KM,
};
use sitrep_model::{stable_id, DocId, DocumentRecord, Event, EventId, MentionValue};
use std::io::Read;
use std::path::Path;

/// `PRAGMA application_id` of sitrep databases ("SITR").
pub const APPLICATION_ID: i32 = 0x5349_5452;

/// A step of a migration written in Rust, run after the step's SQL in the same transaction.
type Backfill = fn(&Transaction) -> rusqlite::Result<()>;

/// Schema migrations, applied in order; the schema version is the number applied.
const MIGRATIONS: &[(&str, Option<Backfill>)] = &[
    (include_str!("schema_v1.sql"), None),
    (include_str!("schema_v2.sql"), None),
    (include_str!("schema_v3.sql"), None),
    (include_str!("schema_v4.sql"), Some(backfill_summaries)),
];

/// Version 4: the summary of every event stored before it.
fn backfill_summaries(tx: &Transaction) -> rusqlite::Result<()> {
    let mut read = tx.prepare(
        "SELECT id, data FROM events WHERE id NOT IN (SELECT event_id FROM event_summaries)",
    )?;
    let mut write =
        tx.prepare("INSERT INTO event_summaries (event_id, summary) VALUES (?1, ?2)")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let data = row.get_ref(1)?.as_str()?;
        // An event that does not decode gets no summary (NULL); queries of summaries then say
        // so rather than leave it out.
        let summary = serde_json::from_str::<StoredEvent>(data)
            .ok()
            .map(|ev| json(&EventSummary::of(&ev)));
        write.execute(params![id, summary])?;
    }
    Ok(())
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Tables a usable database must have.
const REQUIRED_TABLES: &[&str] = &[
    "documents",
    "document_bands",
    "mentions",
    "events",
    "event_reports",
    "claims",
    "evidence",
    "event_weapons",
    "event_actors",
    "events_fts",
    "event_changes",
    "event_outlets",
    "event_summaries",
];

/// Prepared statements kept per connection (rusqlite's default of 16 is fewer than ingest uses).
const STATEMENT_CACHE: usize = 64;

/// The page cache of a connection, in KiB.
const PAGE_CACHE_KIB: u32 = 64 * 1024;

/// How many stored events the candidate query returns at most per new report.
const MAX_CANDIDATES: usize = 200;

/// The embedded SQLite store.
pub struct SqliteStore {
    pub(crate) conn: Connection,
    name: String,
    cache: EventCache,
}

/// Stored events' reports and fused views, decoded, kept between ingests so that fusion does
/// not read and decode the same candidate events' reports again for every new report.
///
/// An entry holds exactly what [`load_reports`] and [`fuse`] would give for the event. The
/// entry of an event is replaced whenever ingest rewrites the event; the whole cache is
/// dropped when a transaction fails (its writes were rolled back) and when another connection
/// has committed since the last ingest (`PRAGMA data_version` changed).
#[derive(Default)]
struct EventCache {
    events: std::collections::HashMap<i64, CachedEvent>,
    /// `PRAGMA data_version` when the cache was last known to be current.
    data_version: Option<i64>,
}

struct CachedEvent {
    reports: Vec<Report>,
    fused: Event,
}

/// Events the cache holds at most; it is emptied when it would grow beyond.
const EVENT_CACHE_SIZE: usize = 8192;

impl EventCache {
    fn clear(&mut self) {
        self.events.clear();
        self.data_version = None;
    }
}

pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

enum FileState {
    /// Missing, empty, or an SQLite database without any table.
    New,
    Ours,
}

fn refuse(path: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::Refused {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Looks at a file before SQLite writes anything to it.
fn inspect(path: &Path) -> Result<FileState, StoreError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::New),
        Err(e) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source: e,
            })
        }
    };
    if meta.is_dir() {
        return Err(refuse(path, "it is a directory"));
    }
    if meta.len() == 0 {
        return Ok(FileState::New);
    }
    let mut header = [0u8; 100];
    let mut f = std::fs::File::open(path).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let n = read_up_to(&mut f, &mut header).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    if n < 100 || &header[..16] != b"SQLite format 3\0" {
        return Err(refuse(
            path,
            "it is not an SQLite database (no SQLite header)",
        ));
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id == APPLICATION_ID {
        return Ok(FileState::Ours);
    }
    if app_id != 0 {
        return Err(refuse(
            path,
            format!("it is an SQLite database of another application (application_id {app_id:#x})"),
        ));
    }
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| {
            refuse(
                path,
                format!("it cannot be read as an SQLite database ({e})"),
            )
        })?;
    // A sitrep database killed before its first checkpoint has its application id (and its
    // schema) in the committed WAL only; SQLite reads it from there.
    let wal_app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| {
            refuse(
                path,
                format!("it cannot be read as an SQLite database ({e})"),
            )
        })?;
    if wal_app_id == APPLICATION_ID {
        return Ok(FileState::Ours);
    }
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 5")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| {
            refuse(
                path,
                format!("it cannot be read as an SQLite database ({e})"),
            )
        })?;
    if tables.is_empty() {
        Ok(FileState::New)
    } else {
        Err(refuse(
            path,
            format!(
                "it is an SQLite database of another application (tables: {})",
                tables.join(", ")
            ),
        ))
    }
}

fn read_up_to(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

impl SqliteStore {
    /// Opens or creates the database at `path`. A file that is not empty, not an SQLite database,
    /// or an SQLite database of another application or of a newer schema is refused untouched.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let state = inspect(path)?;
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| StoreError::Sqlite {
            path: name.clone(),
            source: e,
        })?;
        let mut store = SqliteStore {
            conn,
            name,
            cache: EventCache::default(),
        };
        store.init(path, matches!(state, FileState::New))?;
        Ok(store)
    }

    /// A store that lives in memory only.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let name = ":memory:".to_string();
        let conn = Connection::open_in_memory().map_err(|e| StoreError::Sqlite {
            path: name.clone(),
            source: e,
        })?;
        let mut store = SqliteStore {
            conn,
            name,
            cache: EventCache::default(),
        };
        store.init(Path::new(":memory:"), true)?;
        Ok(store)
    }

    /// The file as messages name it.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| StoreError::Sqlite {
            path: self.name.clone(),
            source: e,
        }
    }

    fn init(&mut self, path: &Path, new: bool) -> Result<(), StoreError> {
        let name = self.name.clone();
        let sql = |e| StoreError::Sqlite {
            path: name.clone(),
            source: e,
        };
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(sql)?;
        // Ingest uses about thirty distinct statements; the cache keeps all of them prepared.
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // WAL mode comes first, so that creating a database is one WAL commit rather than two
        // rollback-journal commits (the schema, then the switch to WAL), each with four
        // fsyncs. Until the first checkpoint the new schema and application id live in the
        // WAL only, below a main-file header without them; [`inspect`] reads the id through
        // SQLite, which recovers the committed WAL, so such a file is known as ours.
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(sql)?;
        // A page cache of up to 64 MiB (allocated as pages are read) keeps the events and
        // reports that fusion looks up in memory, instead of reading them back from the WAL or
        // the file with a system call per page.
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{PAGE_CACHE_KIB};"))
            .map_err(sql)?;
        let id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(sql)?;
        if id != APPLICATION_ID && !(new && id == 0) {
            return Err(refuse(path, "it is not a sitrep database"));
        }
        let version: u32 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql)?;
        if version > SCHEMA_VERSION {
            return Err(refuse(
                path,
                format!(
                    "its schema version {version} is newer than this program's ({SCHEMA_VERSION})"
                ),
            ));
        }
        if (version as usize) < MIGRATIONS.len() {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(sql)?;
            // Another process may have migrated the file since the version was read.
            let version: u32 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(sql)?;
            tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID};"))
                .map_err(sql)?;
            for (i, (m, backfill)) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.execute_batch(m).map_err(sql)?;
                if let Some(step) = backfill {
                    step(&tx).map_err(sql)?;
                }
                tx.execute_batch(&format!("PRAGMA user_version = {};", i + 1))
                    .map_err(sql)?;
            }
            tx.commit().map_err(sql)?;
        }
        let present: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(sql)?;
        if let Some(missing) = REQUIRED_TABLES
            .iter()
            .find(|t| !present.iter().any(|p| p == *t))
        {
            return Err(refuse(
                path,
                format!("its schema is damaged (table {missing} is missing)"),
            ));
        }
        Ok(())
    }

    /// `PRAGMA integrity_check`: "ok" or the problems found.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let rows: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(self.err())?;
        Ok(rows.join("\n"))
    }

    /// The stored documents' ids with how many of their events and claims are stored, for
    /// checking that every committed document is complete.
    pub fn document_contents(&self) -> Result<Vec<(DocId, u64, u64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.doc,
                        (SELECT count(*) FROM event_reports r WHERE r.document_id = d.id),
                        (SELECT count(*) FROM claims c WHERE c.document_id = d.id)
                 FROM documents d ORDER BY d.id",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    DocId(r.get(0)?),
                    r.get::<_, i64>(1)? as u64,
                    r.get::<_, i64>(2)? as u64,
                ))
            })
            .and_then(|rows| rows.collect())
            .map_err(self.err())?;
        Ok(rows)
    }

    /// Loads already fused events in one transaction with prepared statements, without
    /// fusing them with each other: the fast path for restoring exports and for benchmarks.
    pub fn import_fused(
        &mut self,
        events: impl IntoIterator<Item = StoredEvent>,
    ) -> Result<usize, StoreError> {
        let name = self.name.clone();
        let sql = |e| StoreError::Sqlite {
            path: name.clone(),
            source: e,
        };
        self.cache.clear();
        let tx = self.conn.transaction().map_err(sql)?;
        let mut n = 0;
        for ev in events {
            write_event(&tx, None, &ev).map_err(sql)?;
            n += 1;
        }
        tx.commit().map_err(sql)?;
        Ok(n)
    }

    /// Stores a batch as [`Store::ingest_batch`] does, with each document's hashes computed
    /// beforehand by [`TextHashes::of`] from the document's text (for instance on the threads
    /// that extracted the documents). The stored rows are the same as with `ingest_batch`.
    pub fn ingest_batch_hashed(
        &mut self,
        docs: &[(&DocumentRecord, &TextHashes)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let docs: Vec<(&DocumentRecord, &str, Option<&Fingerprint>)> = docs
            .iter()
            .map(|&(rec, h)| (rec, h.content_hash(), Some(h.fingerprint())))
            .collect();
        self.ingest_prepared(&docs)
    }

    /// The body of the batch ingests: one `IMMEDIATE` transaction for the whole batch; a
    /// document's fingerprint is computed here when it is not given.
    fn ingest_prepared(
        &mut self,
        docs: &[(&DocumentRecord, &str, Option<&Fingerprint>)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let name = self.name.clone();
        let sql = |e| StoreError::Sqlite {
            path: name.clone(),
            source: e,
        };
        let SqliteStore { conn, cache, .. } = self;
        let result = (|| {
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(sql)?;
            // With the write lock held, nobody else can commit until this transaction ends.
            let version: i64 = tx
                .query_row("PRAGMA data_version", [], |r| r.get(0))
                .map_err(sql)?;
            if cache.data_version != Some(version) {
                cache.clear();
                cache.data_version = Some(version);
            }
            let mut out = Vec::with_capacity(docs.len());
            for &(rec, hash, fp) in docs {
                out.push(ingest_in(&tx, &name, cache, rec, hash, fp)?);
            }
            tx.commit().map_err(sql)?;
            Ok(out)
        })();
        if result.is_err() {
            cache.clear();
        }
        result
    }
}

pub(crate) fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

pub(crate) fn decode<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Decode {
        what: what.to_string(),
        source: e,
    })
}

/// Inserts (`row = None`) or rewrites a fused event with its filter helper rows and its entry
/// in the change feed; returns its row id.
fn write_event(tx: &Transaction, row: Option<i64>, ev: &StoredEvent) -> rusqlite::Result<i64> {
    let e = &ev.event;
    let (start, end) = crate::filter::day_range(e);
    let span = match (start, end) {
        (Some(s), Some(e)) => Some((e - s).num_days().max(0)),
        _ => None,
    };
    let month_day = e
        .date
        .as_ref()
        .map(|d| format!("{:02}-{:02}", d.start.month, d.start.day));
    let loc = e.location.as_ref();
    let data = json(&StoredEvent {
        reports: vec![],
        ..ev.clone()
    });
    let values = params![
        e.id.0,
        e.kind.as_str(),
        start.map(|d| d.to_string()),
        end.map(|d| d.to_string()),
        span,
        month_day,
        loc.and_then(|l| l.country.as_deref()),
        loc.and_then(|l| l.admin1.as_deref()),
        loc.map(|l| l.name.as_str()),
        loc.map(|l| l.text.as_str()),
        loc.and_then(|l| l.lat),
        loc.and_then(|l| l.lon),
        e.attacker,
        e.target,
        e.status.as_str(),
        ev.independent_sources as i64,
        ev.sources.len() as i64,
        ev.first_seen,
        ev.last_updated,
        data,
    ];
    let id = match row {
        None => {
            tx.prepare_cached(
                "INSERT INTO events (uid, kind, date_start, date_end, span_days, month_day, country,
                    admin1, location, location_text, lat, lon, attacker, target, status,
                    sources_count, report_count, first_seen, last_updated, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19, ?20)",
            )?
            .execute(values)?;
            tx.last_insert_rowid()
        }
        Some(id) => {
            tx.prepare_cached(
                "UPDATE events SET uid = ?1, kind = ?2, date_start = ?3, date_end = ?4,
                    span_days = ?5, month_day = ?6, country = ?7, admin1 = ?8, location = ?9,
                    location_text = ?10, lat = ?11, lon = ?12, attacker = ?13, target = ?14,
                    status = ?15, sources_count = ?16, report_count = ?17, first_seen = ?18,
                    last_updated = ?19, data = ?20
                 WHERE id = ?21",
            )?
            .execute(params![
                values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7], values[8], values[9], values[10], values[11], values[12], values[13],
                values[14], values[15], values[16], values[17], values[18], values[19], id
            ])?;
            tx.prepare_cached("DELETE FROM event_weapons WHERE event_id = ?1")?
                .execute([id])?;
            tx.prepare_cached("DELETE FROM event_actors WHERE event_id = ?1")?
                .execute([id])?;
            tx.prepare_cached("DELETE FROM event_outlets WHERE event_id = ?1")?
                .execute([id])?;
            tx.prepare_cached("DELETE FROM events_fts WHERE rowid = ?1")?
                .execute([id])?;
            id
        }
    };
    let mut weapons = tx.prepare_cached("INSERT OR IGNORE INTO event_weapons VALUES (?1, ?2)")?;
    for w in &e.weapons {
        weapons.execute(params![id, w])?;
    }
    let mut actors = tx.prepare_cached("INSERT OR IGNORE INTO event_actors VALUES (?1, ?2)")?;
    for a in e
        .attacker
        .iter()
        .chain(e.target.iter())
        .chain(e.claims.iter().map(|c| &c.source))
    {
        actors.execute(params![id, a])?;
    }
    let mut outlets = tx.prepare_cached("INSERT OR IGNORE INTO event_outlets VALUES (?1, ?2)")?;
    for o in ev.sources.iter().filter_map(|s| s.outlet.as_deref()) {
        outlets.execute(params![id, o])?;
    }
    tx.prepare_cached("INSERT INTO events_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![id, crate::filter::search_text(ev)])?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO event_summaries (event_id, summary) VALUES (?1, ?2)",
    )?
    .execute(params![id, json(&EventSummary::of(ev))])?;
    tx.prepare_cached("INSERT INTO event_changes (event_id, created) VALUES (?1, ?2)")?
        .execute(params![id, row.is_none()])?;
    Ok(id)
}

/// Texts at least this similar, from the same outlet under the same title (or where either is
/// unknown), are one article in two formats.
const SAME_CONTENT_SIMILARITY: f64 = 0.9;

pub(crate) fn loosely_equal(a: Option<&str>, b: Option<&str>) -> bool {
    let norm = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    match (a, b) {
        (Some(x), Some(y)) => norm(x) == norm(y),
        _ => true,
    }
}

/// A stored document (other than the rows in `except`) with near-identical text from the same
/// outlet under the same title: the same article read from another format (the plain text and the HTML page of one story differ
/// in a heading or a caption). A near-identical text from another outlet is a reprint, stored
/// as a source of its own and counted once.
fn same_content(
    tx: &Connection,
    doc: &sitrep_model::Document,
    fp: &Fingerprint,
    except: &[i64],
) -> Result<Option<DocId>, StoreError> {
    let sql = |e| StoreError::Sqlite {
        path: "near-duplicates".into(),
        source: e,
    };
    let mut ids: Vec<i64> = Vec::new();
    {
        let mut stmt = tx
            .prepare_cached("SELECT document_id FROM document_bands WHERE band = ?1 AND key = ?2")
            .map_err(sql)?;
        for (band, key) in fp.bands() {
            let rows: Vec<i64> = stmt
                .query_map(params![band, key], |r| r.get(0))
                .and_then(|rows| rows.collect())
                .map_err(sql)?;
            ids.extend(rows);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids.retain(|id| !except.contains(id));
    let mut stmt = tx
        .prepare_cached("SELECT doc, outlet, title, fingerprint FROM documents WHERE id = ?1")
        .map_err(sql)?;
    for id in ids {
        let (d, outlet, title, stored): (String, Option<String>, Option<String>, String) = stmt
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(sql)?;
        let stored: Fingerprint = decode("a fingerprint", &stored)?;
        if stored.similarity(fp) >= SAME_CONTENT_SIMILARITY
            && loosely_equal(outlet.as_deref(), doc.outlet.as_deref())
            && loosely_equal(title.as_deref(), doc.title.as_deref())
        {
            return Ok(Some(DocId(d)));
        }
    }
    Ok(None)
}

/// A document's fields that a report needs: doc, outlet, url, published, fingerprint JSON.
type DocumentRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// The stored reports of one event (see [`load_reports`]).
const REPORTS_OF_EVENT: &str =
    "SELECT data, seq, document_id FROM event_reports WHERE event_id = ?1";

/// Stored reports of one event, in ingest order.
///
/// The statements have no `ORDER BY`: with one, SQLite marks the bound event id as affecting
/// the plan and re-prepares the statement on every execution, which costs more than reading
/// the rows. The rows are sorted by `seq` here instead.
fn load_reports(
    tx: &Connection,
    event_row: i64,
) -> Result<Vec<(Report, Option<String>)>, StoreError> {
    let sql = |e| StoreError::Sqlite {
        path: "reports".into(),
        source: e,
    };
    let mut rows: Vec<(String, i64, i64)> = tx
        .prepare_cached(REPORTS_OF_EVENT)
        .and_then(|mut stmt| {
            stmt.query_map([event_row], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .map_err(sql)?;
    rows.sort_by_key(|r| r.1);
    let mut doc_stmt = tx
        .prepare_cached(
            "SELECT doc, outlet, url, published, fingerprint FROM documents WHERE id = ?1",
        )
        .map_err(sql)?;
    rows.into_iter()
        .map(|(data, seq, doc_row)| {
            let (doc, outlet, url, published, fp): DocumentRow = doc_stmt
                .query_row([doc_row], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .map_err(sql)?;
            let event: Event = decode("an event report", &data)?;
            let fingerprint: Fingerprint = decode("a fingerprint", &fp)?;
            let published = published.and_then(|p| NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok());
            let source = Source {
                doc: DocId(doc),
                outlet: outlet.clone(),
                url,
                published,
            };
            Ok((
                Report {
                    event,
                    source,
                    fingerprint,
                    seq: seq as u64,
                },
                outlet,
            ))
        })
        .collect()
}

/// Row ids of stored events that may report the same real event as `report`: compatible kind,
/// dates within the window (or the same month and day when a year is unknown), and a place in
/// the bounding box of the widest matching radius (or no coordinates). The latest
/// [`MAX_CANDIDATES`] of them, latest first.
///
/// The rows are found through the date indexes (`events_date` for a date range, one
/// `events_month_day` lookup per day for yearless dates), so that the work follows the number
/// of events in the window rather than the number of events of a kind; the kind is checked on
/// the rows. Every value is a bound parameter and the SQL text takes one of a few fixed shapes,
/// so the statements stay in the statement cache, and no statement needs a temporary b-tree
/// (for sorting or for an `IN` list), which SQLite would allocate and free on every call.
fn candidates(tx: &Connection, report: &Report) -> Result<Vec<i64>, StoreError> {
    use rusqlite::types::Value;
    let sql_err = |e| StoreError::Sqlite {
        path: "candidates".into(),
        source: e,
    };
    let Some(window) = date_window(&report.event, report.source.published) else {
        return Ok(vec![]);
    };
    let kinds: Vec<&str> = compatible_kinds(report.event.kind)
        .iter()
        .map(|k| k.as_str())
        .collect();
    // The place filter, appended to each query, and its values.
    let mut place_sql = "";
    let mut place_args: Vec<Value> = Vec::new();
    if let Some((lat, lon)) = report
        .event
        .location
        .as_ref()
        .and_then(|l| Some((l.lat?, l.lon?)))
    {
        let dlat = ADMIN1_RADIUS_KM / 111.0;
        let dlon = dlat / lat.to_radians().cos().abs().max(0.05);
        place_sql =
            " AND (lat IS NULL OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?) OR admin1 = ?)";
        place_args.extend([lat - dlat, lat + dlat, lon - dlon, lon + dlon].map(Value::Real));
        let admin1 = report
            .event
            .location
            .as_ref()
            .and_then(|l| l.admin1.clone());
        place_args.push(admin1.map_or(Value::Null, Value::Text));
    }
    let mut ids: Vec<i64> = Vec::new();
    let mut run = |sql: String, mut args: Vec<Value>| -> Result<(), StoreError> {
        args.extend(place_args.iter().cloned());
        let mut stmt = tx.prepare_cached(&sql).map_err(sql_err)?;
        let mut rows = stmt.query(params_from_iter(args)).map_err(sql_err)?;
        while let Some(row) = rows.next().map_err(sql_err)? {
            let kind = row.get_ref(1).map_err(sql_err)?;
            if kinds.iter().any(|k| kind.as_str().ok() == Some(*k)) {
                ids.push(row.get(0).map_err(sql_err)?);
            }
        }
        Ok(())
    };
    let range = window.search_range();
    if let Some((s, e)) = range {
        let max_span: i64 = tx
            .prepare_cached("SELECT coalesce(max(span_days), 0) FROM events")
            .and_then(|mut st| st.query_row([], |r| r.get(0)))
            .map_err(sql_err)?;
        run(
            format!(
                "SELECT id, kind FROM events
                 WHERE date_start BETWEEN ? AND ? AND date_end >= ?{place_sql}"
            ),
            vec![
                (s - Duration::days(max_span)).to_string().into(),
                e.to_string().into(),
                s.to_string().into(),
            ],
        )?;
    }
    // Yearless dates match the same month and day, give or take a day: stored yearless
    // events for a dated report, any stored event for a yearless one.
    if let Some(anchor) = NaiveDate::from_ymd_opt(2000, window.start.month, window.start.day) {
        let undated_only = if range.is_some() {
            " AND date_start IS NULL"
        } else {
            ""
        };
        for k in -1..=1 {
            let md = (anchor + Duration::days(k)).format("%m-%d").to_string();
            run(
                format!("SELECT id, kind FROM events WHERE month_day = ?{undated_only}{place_sql}"),
                vec![md.into()],
            )?;
        }
    }
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.dedup();
    ids.truncate(MAX_CANDIDATES);
    Ok(ids)
}

/// The JSON of a mention's value (the `value` part of its `"type": ..., "value": ...` form) and
/// its type name, serialised straight from the value.
pub(crate) fn mention_value(v: &MentionValue) -> (&'static str, String) {
    match v {
        MentionValue::Place(x) => ("place", json(x)),
        MentionValue::Actor(x) => ("actor", json(x)),
        MentionValue::Weapon(x) => ("weapon", json(x)),
        MentionValue::Date(x) => ("date", json(x)),
        MentionValue::Quantity(x) => ("quantity", json(x)),
        MentionValue::PlaceContext(x) => ("place_context", json(x)),
    }
}

/// Stores one document inside the open transaction `tx`: the body of
/// [`Store::ingest_document`] and of each step of [`Store::ingest_batch`]. Every statement is
/// a cached prepared statement, so that a batch of documents parses its SQL once.
fn ingest_in(
    tx: &Transaction,
    name: &str,
    cache: &mut EventCache,
    rec: &DocumentRecord,
    content_hash: &str,
    fingerprint_given: Option<&Fingerprint>,
) -> Result<IngestOutcome, StoreError> {
    let sql = |e| StoreError::Sqlite {
        path: name.to_string(),
        source: e,
    };
    let doc = &rec.document;
    // A revision replaces the stored versions of its id that are older; the same or a later
    // version stored makes it a duplicate.
    let mut older: Vec<i64> = Vec::new();
    if let Some(rev) = doc.revision.as_deref() {
        let stored: Vec<(i64, Option<String>)> = tx
            .prepare_cached("SELECT id, revision FROM documents WHERE doc = ?1")
            .and_then(|mut s| {
                s.query_map([&doc.doc.0], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .map_err(sql)?;
        for (row, stored_rev) in stored {
            if stored_rev.as_deref().is_some_and(|s| !is_later(rev, s)) {
                return Ok(IngestOutcome {
                    duplicate_of: Some(doc.doc.clone()),
                    ..Default::default()
                });
            }
            older.push(row);
        }
    }
    let existing: Option<String> = tx
        .prepare_cached(
            "SELECT doc FROM documents WHERE (content_hash = ?1 OR (?2 IS NOT NULL AND url = ?2))
             AND NOT (?3 IS NOT NULL AND doc = ?3)",
        )
        .and_then(|mut s| {
            let versioned = doc.revision.as_ref().map(|_| &doc.doc.0);
            s.query_row(params![content_hash, doc.url, versioned], |r| r.get(0))
                .optional()
        })
        .map_err(sql)?;
    if let Some(d) = existing {
        return Ok(IngestOutcome {
            duplicate_of: Some(DocId(d)),
            ..Default::default()
        });
    }
    // The older versions give up their URL and id now and their reports once this version is
    // stored, so that this version's reports join the events they reported (which keep their
    // ids: reports of one document never join each other, hence the id given up) before those
    // are fused again without them.
    let replaced = (!older.is_empty()).then(|| doc.doc.clone());
    for &row in &older {
        tx.prepare_cached(
            "UPDATE documents SET url = NULL, doc = doc || ' (replaced)' WHERE id = ?1",
        )
        .and_then(|mut s| s.execute([row]))
        .map_err(sql)?;
        let events: Vec<i64> = tx
            .prepare_cached("SELECT event_id FROM event_reports WHERE document_id = ?1")
            .and_then(|mut s| s.query_map([row], |r| r.get(0))?.collect())
            .map_err(sql)?;
        for id in events {
            cache.events.remove(&id);
        }
    }
    let fp = match fingerprint_given {
        Some(fp) => fp.clone(),
        None => fingerprint(&doc.text),
    };
    if let Some(d) = same_content(tx, doc, &fp, &older)? {
        for &row in &older {
            remove_document(tx, name, cache, row)?;
        }
        return Ok(IngestOutcome {
            duplicate_of: Some(d),
            replaced,
            ..Default::default()
        });
    }
    let stamp = now();
    tx.prepare_cached(
        "INSERT INTO documents (doc, url, content_hash, title, outlet, author, published,
            language, text, errors, fingerprint, event_count, ingested_at, revision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )
    .and_then(|mut s| {
        s.execute(params![
            doc.doc.0,
            doc.url,
            content_hash,
            doc.title,
            doc.outlet,
            doc.author,
            doc.published.map(|d| d.to_string()),
            doc.language,
            doc.text,
            json(&doc.errors),
            json(&fp),
            rec.events.len() as i64,
            stamp,
            doc.revision,
        ])
    })
    .map_err(sql)?;
    let doc_row = tx.last_insert_rowid();
    {
        let mut bands = tx
            .prepare_cached(
                "INSERT INTO document_bands (band, key, document_id) VALUES (?1, ?2, ?3)",
            )
            .map_err(sql)?;
        for (band, key) in fp.bands() {
            bands.execute(params![band, key, doc_row]).map_err(sql)?;
        }
    }
    {
        let mut ins = tx
            .prepare_cached(
                "INSERT INTO mentions (document_id, type, text, start, end, value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(sql)?;
        for m in rec.mentions.iter().flatten() {
            let (kind, value) = mention_value(&m.value);
            ins.execute(params![
                doc_row,
                kind,
                m.text,
                m.start as i64,
                m.end as i64,
                value
            ])
            .map_err(sql)?;
        }
    }
    let mut outcome = IngestOutcome {
        replaced,
        ..IngestOutcome::default()
    };
    let source = Source {
        doc: doc.doc.clone(),
        outlet: doc.outlet.clone(),
        url: doc.url.clone(),
        published: doc.published,
    };
    let mut merged_into: Vec<i64> = Vec::new();
    for (i, ev) in rec.events.iter().enumerate() {
        let report = Report {
            event: ev.clone(),
            source: source.clone(),
            fingerprint: fp.clone(),
            seq: (doc_row as u64) * 10_000 + i as u64,
        };
        let ids = candidates(tx, &report)?;
        if cache.events.len() + ids.len() > EVENT_CACHE_SIZE {
            cache.events.clear();
        }
        for &id in &ids {
            if let std::collections::hash_map::Entry::Vacant(slot) = cache.events.entry(id) {
                let reports: Vec<Report> =
                    load_reports(tx, id)?.into_iter().map(|(r, _)| r).collect();
                let fused = fuse(&reports).event;
                slot.insert(CachedEvent { reports, fused });
            }
        }
        let best = {
            let loaded: Vec<(&[Report], &Event)> = ids
                .iter()
                .filter_map(|id| cache.events.get(id))
                .map(|c| (c.reports.as_slice(), &c.fused))
                .collect();
            best_match_fused(&report, &loaded)
        };
        let (row, mut reports, first_seen) = match best {
            Some(k) => {
                let row = ids[k];
                let (first_seen, uid): (String, String) = tx
                    .prepare_cached("SELECT first_seen, uid FROM events WHERE id = ?1")
                    .and_then(|mut s| s.query_row([row], |r| Ok((r.get(0)?, r.get(1)?))))
                    .map_err(sql)?;
                if !merged_into.contains(&row) {
                    merged_into.push(row);
                    outcome.merged_events += 1;
                }
                let reports = cache
                    .events
                    .remove(&row)
                    .map(|c| c.reports)
                    .unwrap_or_default();
                (Some((row, uid)), reports, first_seen)
            }
            None => {
                outcome.new_events += 1;
                (None, vec![], stamp.clone())
            }
        };
        reports.push(report);
        let fused = fuse(&reports);
        let fused_view = fused.event.clone();
        let uid = match &row {
            Some((_, uid)) => uid.clone(),
            None => stable_id(&["event", content_hash, &ev.id.0, &i.to_string()]),
        };
        let mut event = fused.event;
        event.id = EventId(uid.clone());
        let stored = StoredEvent {
            event,
            sources: fused.sources,
            independent_sources: fused.independent_sources,
            contradictions: fused.contradictions,
            updates: fused.updates,
            first_seen,
            last_updated: stamp.clone(),
            reports: vec![],
        };
        let event_row = write_event(tx, row.map(|(r, _)| r), &stored).map_err(sql)?;
        cache.events.insert(
            event_row,
            CachedEvent {
                reports: reports.clone(),
                fused: fused_view,
            },
        );
        tx.prepare_cached(
            "INSERT INTO event_reports (event_id, document_id, report_uid, seq, data)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .and_then(|mut s| {
            s.execute(params![
                event_row,
                doc_row,
                ev.id.0,
                reports.last().map_or(0, |r| r.seq as i64),
                json(ev)
            ])
        })
        .map_err(sql)?;
        let report_row = tx.last_insert_rowid();
        {
            let mut claims = tx
                .prepare_cached(
                    "INSERT INTO claims (event_id, report_id, document_id, source, stance, text, start, end)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(sql)?;
            for c in &ev.claims {
                let stance = serde_json::to_value(c.stance)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string));
                claims
                    .execute(params![
                        event_row,
                        report_row,
                        doc_row,
                        c.source,
                        stance,
                        c.text,
                        c.start as i64,
                        c.end as i64
                    ])
                    .map_err(sql)?;
            }
            let mut evidence = tx
                .prepare_cached(
                    "INSERT INTO evidence (event_id, report_id, document_id, start, end, text)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(sql)?;
            for x in &ev.evidence {
                evidence
                    .execute(params![
                        event_row,
                        report_row,
                        doc_row,
                        x.start as i64,
                        x.end as i64,
                        x.text
                    ])
                    .map_err(sql)?;
            }
        }
        outcome.events.push(EventId(uid));
    }
    for &row in &older {
        remove_document(tx, name, cache, row)?;
    }
    Ok(outcome)
}

/// Whether revision `a` was written after revision `b`: compared as instants when both are
/// RFC 3339 times, as text otherwise.
pub(crate) fn is_later(a: &str, b: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(a),
        chrono::DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(x), Ok(y)) => x > y,
        _ => a > b,
    }
}

/// Removes a stored document (a version replaced by a later one) with its mentions, reports,
/// claims and evidence, and fuses each event it reported again from the reports left; an event
/// no other document reports is removed.
fn remove_document(
    tx: &Transaction,
    name: &str,
    cache: &mut EventCache,
    row: i64,
) -> Result<(), StoreError> {
    let sql = |e| StoreError::Sqlite {
        path: name.to_string(),
        source: e,
    };
    let mut events: Vec<i64> = tx
        .prepare_cached("SELECT event_id FROM event_reports WHERE document_id = ?1")
        .and_then(|mut s| s.query_map([row], |r| r.get(0))?.collect())
        .map_err(sql)?;
    events.sort_unstable();
    events.dedup();
    for table in [
        "claims",
        "evidence",
        "event_reports",
        "mentions",
        "document_bands",
    ] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE document_id = ?1"))
            .and_then(|mut s| s.execute([row]))
            .map_err(sql)?;
    }
    tx.prepare_cached("DELETE FROM documents WHERE id = ?1")
        .and_then(|mut s| s.execute([row]))
        .map_err(sql)?;
    let stamp = now();
    for id in events {
        cache.events.remove(&id);
        let reports: Vec<Report> = load_reports(tx, id)?.into_iter().map(|(r, _)| r).collect();
        if reports.is_empty() {
            // An event that no report holds any more leaves the record, its entries in the
            // change feed with it.
            for stmt in [
                "DELETE FROM event_weapons WHERE event_id = ?1",
                "DELETE FROM event_actors WHERE event_id = ?1",
                "DELETE FROM event_outlets WHERE event_id = ?1",
                "DELETE FROM event_summaries WHERE event_id = ?1",
                "DELETE FROM event_changes WHERE event_id = ?1",
                "DELETE FROM events_fts WHERE rowid = ?1",
                "DELETE FROM events WHERE id = ?1",
            ] {
                tx.prepare_cached(stmt)
                    .and_then(|mut s| s.execute([id]))
                    .map_err(sql)?;
            }
            continue;
        }
        let (first_seen, uid): (String, String) = tx
            .prepare_cached("SELECT first_seen, uid FROM events WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))))
            .map_err(sql)?;
        let fused = fuse(&reports);
        let mut event = fused.event;
        event.id = EventId(uid);
        let stored = StoredEvent {
            event,
            sources: fused.sources,
            independent_sources: fused.independent_sources,
            contradictions: fused.contradictions,
            first_seen,
            last_updated: stamp.clone(),
            reports: vec![],
            updates: fused.updates,
        };
        write_event(tx, Some(id), &stored).map_err(sql)?;
    }
    Ok(())
}

impl Store for SqliteStore {
    fn ingest_document(
        &mut self,
        rec: &DocumentRecord,
        content_hash: &str,
    ) -> Result<IngestOutcome, StoreError> {
        let mut out = self.ingest_batch(&[(rec, content_hash)])?;
        Ok(out.pop().unwrap_or_default())
    }

    /// One `IMMEDIATE` transaction for the whole batch: either every document of the batch is
    /// stored or none is.
    fn ingest_batch(
        &mut self,
        docs: &[(&DocumentRecord, &str)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let docs: Vec<(&DocumentRecord, &str, Option<&Fingerprint>)> =
            docs.iter().map(|&(rec, hash)| (rec, hash, None)).collect();
        self.ingest_prepared(&docs)
    }

    fn ingest_batch_hashed(
        &mut self,
        docs: &[(&DocumentRecord, &TextHashes)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        SqliteStore::ingest_batch_hashed(self, docs)
    }

    fn has_document(&self, url_or_hash: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM documents WHERE url = ?1 OR content_hash = ?1)",
                [url_or_hash],
                |r| r.get(0),
            )
            .map_err(self.err())
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        Ok(query::page(&self.conn, &self.name, filter, false)?.events)
    }

    fn events_page(&self, filter: &EventFilter) -> Result<EventPage, StoreError> {
        query::page(&self.conn, &self.name, filter, true)
    }

    fn summaries(&self, filter: &EventFilter) -> Result<Vec<EventSummary>, StoreError> {
        query::summaries(&self.conn, &self.name, filter)
    }

    fn day_counts(&self, filter: &EventFilter) -> Result<DayCounts, StoreError> {
        query::day_counts(&self.conn, &self.name, filter)
    }

    fn changes_since(&self, after: u64, limit: usize) -> Result<Vec<Change>, StoreError> {
        query::changes_since(&self.conn, &self.name, after, limit)
    }

    fn latest_change(&self) -> Result<u64, StoreError> {
        query::latest_change(&self.conn, &self.name)
    }

    fn event(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        let found: Option<(i64, String)> = self
            .conn
            .query_row("SELECT id, data FROM events WHERE uid = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(self.err())?;
        let Some((row, data)) = found else {
            return Ok(None);
        };
        let mut ev: StoredEvent = decode("a stored event", &data)?;
        let titles: std::collections::HashMap<i64, String> = self
            .conn
            .prepare_cached(
                "SELECT r.seq, d.title FROM event_reports r JOIN documents d ON d.id = r.document_id
                 WHERE r.event_id = ?1 AND d.title IS NOT NULL",
            )
            .and_then(|mut s| {
                s.query_map([row], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .map_err(self.err())?;
        ev.reports = load_reports(&self.conn, row)?
            .into_iter()
            .map(|(r, outlet)| StoredReport {
                doc: r.source.doc,
                outlet,
                title: titles.get(&(r.seq as i64)).cloned(),
                event: r.event,
            })
            .collect();
        Ok(Some(ev))
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(|n| n as u64)
                .map_err(self.err())
        };
        Ok(Stats {
            documents: count("documents")?,
            events: count("events")?,
            reports: count("event_reports")?,
            claims: count("claims")?,
            evidence: count("evidence")?,
            mentions: count("mentions")?,
            schema_version: self
                .conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(self.err())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;
    use rusqlite::types::Value;

    /// The candidate lookup as one filtering query (kind list, date range or month-days, box,
    /// latest first): what the indexed lookups must return.
    fn reference_candidates(conn: &Connection, report: &Report) -> Vec<i64> {
        let Some(window) = date_window(&report.event, report.source.published) else {
            return vec![];
        };
        let kinds: Vec<String> = compatible_kinds(report.event.kind)
            .iter()
            .map(|k| format!("'{}'", k.as_str()))
            .collect();
        let anchor = NaiveDate::from_ymd_opt(2000, window.start.month, window.start.day);
        let mds: Vec<String> = anchor
            .map(|a| {
                (-1..=1)
                    .map(|k| format!("'{}'", (a + Duration::days(k)).format("%m-%d")))
                    .collect()
            })
            .unwrap_or_else(|| vec!["''".into()]);
        let md_in = format!("month_day IN ({})", mds.join(", "));
        let mut sql = format!("SELECT id FROM events WHERE kind IN ({})", kinds.join(", "));
        let mut args: Vec<Value> = Vec::new();
        match window.search_range() {
            Some((s, e)) => {
                let max_span: i64 = conn
                    .query_row("SELECT coalesce(max(span_days), 0) FROM events", [], |r| {
                        r.get(0)
                    })
                    .unwrap();
                sql += &format!(
                    " AND ((date_start BETWEEN ? AND ? AND date_end >= ?) OR (date_start IS NULL AND {md_in}))"
                );
                args.push((s - Duration::days(max_span)).to_string().into());
                args.push(e.to_string().into());
                args.push(s.to_string().into());
            }
            None => sql += &format!(" AND {md_in}"),
        }
        if let Some(l) = &report.event.location {
            if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
                let dlat = ADMIN1_RADIUS_KM / 111.0;
                let dlon = dlat / lat.to_radians().cos().abs().max(0.05);
                sql += " AND (lat IS NULL OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?) OR admin1 = ?)";
                args.extend([lat - dlat, lat + dlat, lon - dlon, lon + dlon].map(Value::Real));
                args.push(l.admin1.clone().map_or(Value::Null, Value::Text));
            }
        }
        sql += &format!(" ORDER BY id DESC LIMIT {MAX_CANDIDATES}");
        let mut stmt = conn.prepare(&sql).unwrap();
        let ids = stmt
            .query_map(params_from_iter(args), |r| r.get(0))
            .unwrap()
            .collect::<Result<Vec<i64>, _>>()
            .unwrap();
        ids
    }

    /// The `i`-th synthetic record, with the year of its dates removed when `i` is a multiple
    /// of five, so that dated and yearless events mix.
    fn record(i: usize) -> DocumentRecord {
        let mut rec = testing::synthetic_record(i);
        if i % 5 == 0 {
            for ev in &mut rec.events {
                if let Some(d) = &mut ev.date {
                    d.start.year = None;
                    d.end.year = None;
                }
            }
        }
        rec
    }

    #[test]
    fn indexed_candidate_lookup_returns_what_the_filtering_query_returns() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        for i in 0..400 {
            let rec = record(i);
            store
                .ingest_document(&rec, &crate::content_hash(&rec.document.text))
                .unwrap();
        }
        let mut compared = 0;
        let mut nonempty = 0;
        for i in 400..520 {
            let rec = record(i);
            for ev in &rec.events {
                let report = Report {
                    event: ev.clone(),
                    source: Source {
                        doc: rec.document.doc.clone(),
                        outlet: rec.document.outlet.clone(),
                        url: None,
                        published: rec.document.published,
                    },
                    fingerprint: Fingerprint::default(),
                    seq: 0,
                };
                let got = candidates(&store.conn, &report).unwrap();
                assert_eq!(got, reference_candidates(&store.conn, &report), "{ev:?}");
                compared += 1;
                nonempty += usize::from(!got.is_empty());
            }
        }
        assert!(
            compared > 100 && nonempty > compared / 4,
            "{nonempty} of {compared}"
        );
    }

    /// Documents, fingerprints and fused events of a store, without the ingest timestamps.
    fn stored_rows(store: &SqliteStore) -> (Vec<(String, String, String)>, Vec<StoredEvent>) {
        let docs = store
            .conn
            .prepare("SELECT doc, content_hash, fingerprint FROM documents ORDER BY id")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .unwrap();
        let mut events = store.events(&EventFilter::default()).unwrap();
        for ev in &mut events {
            ev.first_seen.clear();
            ev.last_updated.clear();
        }
        (docs, events)
    }

    #[test]
    fn hashes_computed_ahead_store_what_plain_ingest_stores() {
        let records: Vec<DocumentRecord> = (0..150).map(record).collect();
        let mut plain = SqliteStore::open_in_memory().unwrap();
        let mut hashed = SqliteStore::open_in_memory().unwrap();
        for chunk in records.chunks(16) {
            let hashes = crate::content_hashes(chunk);
            let docs = crate::with_hashes(chunk, &hashes);
            let ahead: Vec<TextHashes> = chunk
                .iter()
                .map(|r| TextHashes::of(&r.document.text))
                .collect();
            let docs_ahead: Vec<(&DocumentRecord, &TextHashes)> =
                chunk.iter().zip(&ahead).collect();
            assert_eq!(
                plain.ingest_batch(&docs).unwrap(),
                hashed.ingest_batch_hashed(&docs_ahead).unwrap()
            );
        }
        let (docs, events) = stored_rows(&plain);
        assert_eq!(docs.len(), plain.stats().unwrap().documents as usize);
        assert!(
            events.iter().any(|e| e.sources.len() > 1),
            "some reports merged"
        );
        assert_eq!((docs, events), stored_rows(&hashed));
        assert_eq!(plain.stats().unwrap(), hashed.stats().unwrap());
    }

    #[test]
    fn reading_reports_never_reprepares_its_statement() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        for i in 0..300 {
            let rec = testing::synthetic_record(i);
            // Without the event cache, every candidate's reports are read.
            store.cache.clear();
            store
                .ingest_document(&rec, &crate::content_hash(&rec.document.text))
                .unwrap();
        }
        let stmt = store.conn.prepare_cached(REPORTS_OF_EVENT).unwrap();
        assert!(
            stmt.get_status(rusqlite::StatementStatus::VmStep) > 0,
            "the cached statement is the one ingest ran"
        );
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }
}
