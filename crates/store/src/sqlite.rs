//! The embedded store: one SQLite file.
//!
//! The file is marked with an `application_id` and its schema version is `user_version`; it is
//! opened only when it is empty, new, or already ours, so a foreign or corrupt file given by
//! mistake is refused and never written. Every document is ingested in one `IMMEDIATE`
//! transaction in WAL mode, so a process killed at any moment leaves a database holding exactly
//! the documents whose ingest committed.
//!
//! Tables: `documents` (unique URL and content hash), `mentions`, `events` (the fused events,
//! with indexed filter columns and the full [`StoredEvent`] as JSON), `event_reports` (each
//! document's own event, with spans), `claims`, `evidence`, `event_weapons` and `event_actors`
//! (filter helpers) and `events_fts` (FTS5 full-text index).

use crate::{EventFilter, IngestOutcome, Stats, Store, StoreError, StoredEvent, StoredReport};
use chrono::{Duration, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension, Transaction};
use sitrep_fuse::{
    best_match, compatible_kinds, date_window, fingerprint, fuse, haversine_km, Fingerprint,
    Report, Source, ADMIN1_RADIUS_KM,
};
use sitrep_model::{stable_id, DocId, DocumentRecord, Event, EventId, MentionValue};
use std::io::Read;
use std::path::Path;

/// `PRAGMA application_id` of sitrep databases ("SITR").
pub const APPLICATION_ID: i32 = 0x5349_5452;

/// Schema migrations, applied in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[include_str!("schema_v1.sql")];

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
];

/// How many stored events the candidate query returns at most per new report.
const MAX_CANDIDATES: usize = 200;

/// The embedded SQLite store.
pub struct SqliteStore {
    conn: Connection,
    name: String,
}

fn now() -> String {
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
        let mut store = SqliteStore { conn, name };
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
        let mut store = SqliteStore { conn, name };
        store.init(Path::new(":memory:"), true)?;
        Ok(store)
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
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
        if !new {
            let id: i32 = self
                .conn
                .query_row("PRAGMA application_id", [], |r| r.get(0))
                .map_err(sql)?;
            if id != APPLICATION_ID {
                return Err(refuse(path, "it is not a sitrep database"));
            }
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
            // The first migration runs before WAL mode is switched on, so that the application
            // id lands in the main file's header at once.
            let tx = self.conn.transaction().map_err(sql)?;
            tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID};"))
                .map_err(sql)?;
            for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.execute_batch(m).map_err(sql)?;
                tx.execute_batch(&format!("PRAGMA user_version = {};", i + 1))
                    .map_err(sql)?;
            }
            tx.commit().map_err(sql)?;
        }
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(sql)?;
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
        let tx = self.conn.transaction().map_err(sql)?;
        let mut n = 0;
        for ev in events {
            write_event(&tx, None, &ev).map_err(sql)?;
            n += 1;
        }
        tx.commit().map_err(sql)?;
        Ok(n)
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

fn decode<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Decode {
        what: what.to_string(),
        source: e,
    })
}

/// Text that the full-text index holds for an event.
fn fts_body(ev: &StoredEvent) -> String {
    let e = &ev.event;
    let mut parts: Vec<&str> = vec![e.kind.as_str()];
    if let Some(l) = &e.location {
        parts.extend([l.name.as_str(), l.text.as_str()]);
        parts.extend(l.admin1.as_deref());
    }
    parts.extend(e.attacker.as_deref());
    parts.extend(e.target.as_deref());
    parts.extend(e.weapons.iter().map(String::as_str));
    for c in &e.claims {
        parts.extend([c.source.as_str(), c.text.as_str()]);
    }
    parts.extend(e.evidence.iter().map(|x| x.text.as_str()));
    parts.extend(ev.sources.iter().filter_map(|s| s.outlet.as_deref()));
    parts.join("\n")
}

/// Inserts (`row = None`) or rewrites a fused event with its filter helper rows; returns its
/// row id.
fn write_event(tx: &Transaction, row: Option<i64>, ev: &StoredEvent) -> rusqlite::Result<i64> {
    let e = &ev.event;
    let full = |d: Option<sitrep_model::PartialDate>| d.and_then(|d| d.to_naive());
    let start = full(e.date.as_ref().map(|d| d.start));
    let end = full(e.date.as_ref().map(|d| d.end)).or(start);
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
    tx.prepare_cached("INSERT INTO events_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![id, fts_body(ev)])?;
    Ok(id)
}

/// Texts at least this similar, from the same outlet under the same title (or where either is
/// unknown), are one article in two formats.
const SAME_CONTENT_SIMILARITY: f64 = 0.9;

fn loosely_equal(a: Option<&str>, b: Option<&str>) -> bool {
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

/// A stored document with near-identical text from the same outlet under the same title: the
/// same article read from another format (the plain text and the HTML page of one story differ
/// in a heading or a caption). A near-identical text from another outlet is a reprint, stored
/// as a source of its own and counted once.
fn same_content(
    tx: &Connection,
    doc: &sitrep_model::Document,
    fp: &Fingerprint,
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

/// A report row: event JSON, seq, doc, outlet, url, published, fingerprint JSON.
type ReportRow = (
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// Stored reports of one event, in ingest order.
fn load_reports(
    tx: &Connection,
    event_row: i64,
) -> Result<Vec<(Report, Option<String>)>, StoreError> {
    let sql = |e| StoreError::Sqlite {
        path: "reports".into(),
        source: e,
    };
    let mut stmt = tx
        .prepare_cached(
            "SELECT r.data, r.seq, d.doc, d.outlet, d.url, d.published, d.fingerprint
             FROM event_reports r JOIN documents d ON d.id = r.document_id
             WHERE r.event_id = ?1 ORDER BY r.seq",
        )
        .map_err(sql)?;
    let rows: Vec<ReportRow> = stmt
        .query_map([event_row], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .and_then(|rows| rows.collect())
        .map_err(sql)?;
    rows.into_iter()
        .map(|(data, seq, doc, outlet, url, published, fp)| {
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
/// the bounding box of the widest matching radius (or no coordinates).
fn candidates(tx: &Connection, report: &Report) -> Result<Vec<i64>, StoreError> {
    let sql_err = |e| StoreError::Sqlite {
        path: "candidates".into(),
        source: e,
    };
    let Some(window) = date_window(&report.event, report.source.published) else {
        return Ok(vec![]);
    };
    let kinds: Vec<String> = compatible_kinds(report.event.kind)
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    let mut sql = format!(
        "SELECT id FROM events WHERE kind IN ({})",
        vec!["?"; kinds.len()].join(", ")
    );
    let mut args: Vec<rusqlite::types::Value> = kinds
        .into_iter()
        .map(rusqlite::types::Value::Text)
        .collect();
    // Month-day strings of the days around the window's start, for yearless dates.
    let md = |d: NaiveDate| d.format("%m-%d").to_string();
    let anchor = NaiveDate::from_ymd_opt(2000, window.start.month, window.start.day);
    let mds: Vec<String> = anchor
        .map(|a| (-1..=1).map(|k| md(a + Duration::days(k))).collect())
        .unwrap_or_default();
    let md_in = format!("month_day IN ('{}')", mds.join("', '"));
    match window.search_range() {
        Some((s, e)) => {
            let max_span: i64 = tx
                .query_row("SELECT coalesce(max(span_days), 0) FROM events", [], |r| {
                    r.get(0)
                })
                .map_err(sql_err)?;
            sql += &format!(
                " AND ((date_start BETWEEN ? AND ? AND date_end >= ?) OR (date_start IS NULL AND {md_in}))"
            );
            args.push((s - Duration::days(max_span)).to_string().into());
            args.push(e.to_string().into());
            args.push(s.to_string().into());
        }
        None => sql += &format!(" AND {md_in}"),
    }
    if let Some((lat, lon)) = report
        .event
        .location
        .as_ref()
        .and_then(|l| Some((l.lat?, l.lon?)))
    {
        let dlat = ADMIN1_RADIUS_KM / 111.0;
        let dlon = dlat / lat.to_radians().cos().abs().max(0.05);
        sql += " AND (lat IS NULL OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?) OR admin1 = ?)";
        args.extend(
            [lat - dlat, lat + dlat, lon - dlon, lon + dlon].map(rusqlite::types::Value::Real),
        );
        let admin1 = report
            .event
            .location
            .as_ref()
            .and_then(|l| l.admin1.clone());
        args.push(admin1.map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Text));
    }
    sql += &format!(" ORDER BY id DESC LIMIT {MAX_CANDIDATES}");
    let mut stmt = tx.prepare_cached(&sql).map_err(sql_err)?;
    let ids = stmt
        .query_map(params_from_iter(args), |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(sql_err)?;
    Ok(ids)
}

impl Store for SqliteStore {
    fn ingest_document(
        &mut self,
        rec: &DocumentRecord,
        content_hash: &str,
    ) -> Result<IngestOutcome, StoreError> {
        let name = self.name.clone();
        let sql = |e| StoreError::Sqlite {
            path: name.clone(),
            source: e,
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql)?;
        let doc = &rec.document;
        let existing: Option<String> = tx
            .query_row(
                "SELECT doc FROM documents WHERE content_hash = ?1 OR (?2 IS NOT NULL AND url = ?2)",
                params![content_hash, doc.url],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql)?;
        if let Some(d) = existing {
            return Ok(IngestOutcome {
                duplicate_of: Some(DocId(d)),
                ..Default::default()
            });
        }
        let fp = fingerprint(&doc.text);
        if let Some(d) = same_content(&tx, doc, &fp)? {
            return Ok(IngestOutcome {
                duplicate_of: Some(d),
                ..Default::default()
            });
        }
        let stamp = now();
        tx.execute(
            "INSERT INTO documents (doc, url, content_hash, title, outlet, author, published,
                language, text, errors, fingerprint, event_count, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
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
            ],
        )
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
                let kind = match &m.value {
                    MentionValue::Place(_) => "place",
                    MentionValue::Actor(_) => "actor",
                    MentionValue::Weapon(_) => "weapon",
                    MentionValue::Date(_) => "date",
                    MentionValue::Quantity(_) => "quantity",
                };
                let value = serde_json::to_value(&m.value)
                    .ok()
                    .and_then(|v| v.get("value").cloned())
                    .unwrap_or_default();
                ins.execute(params![
                    doc_row,
                    kind,
                    m.text,
                    m.start as i64,
                    m.end as i64,
                    value.to_string()
                ])
                .map_err(sql)?;
            }
        }
        let mut outcome = IngestOutcome::default();
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
            let ids = candidates(&tx, &report)?;
            let mut loaded = Vec::with_capacity(ids.len());
            for &id in &ids {
                loaded.push(
                    load_reports(&tx, id)?
                        .into_iter()
                        .map(|(r, _)| r)
                        .collect::<Vec<_>>(),
                );
            }
            let (row, mut reports, first_seen) = match best_match(&report, &loaded) {
                Some(k) => {
                    let row = ids[k];
                    let (first_seen, uid): (String, String) = tx
                        .query_row(
                            "SELECT first_seen, uid FROM events WHERE id = ?1",
                            [row],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )
                        .map_err(sql)?;
                    if !merged_into.contains(&row) {
                        merged_into.push(row);
                        outcome.merged_events += 1;
                    }
                    (Some((row, uid)), std::mem::take(&mut loaded[k]), first_seen)
                }
                None => {
                    outcome.new_events += 1;
                    (None, vec![], stamp.clone())
                }
            };
            reports.push(report);
            let fused = fuse(&reports);
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
                first_seen,
                last_updated: stamp.clone(),
                reports: vec![],
            };
            let event_row = write_event(&tx, row.map(|(r, _)| r), &stored).map_err(sql)?;
            tx.execute(
                "INSERT INTO event_reports (event_id, document_id, report_uid, seq, data)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    event_row,
                    doc_row,
                    ev.id.0,
                    reports.last().map_or(0, |r| r.seq as i64),
                    json(ev)
                ],
            )
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
        tx.commit().map_err(sql)?;
        Ok(outcome)
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
        let (sql, args) = query_sql(&self.conn, filter).map_err(self.err())?;
        let mut stmt = self.conn.prepare(&sql).map_err(self.err())?;
        let mut rows = stmt.query(params_from_iter(args)).map_err(self.err())?;
        let mut out = Vec::new();
        let limit = filter.limit.unwrap_or(usize::MAX);
        while let Some(row) = rows.next().map_err(self.err())? {
            if out.len() >= limit {
                break;
            }
            if let Some(near) = &filter.near {
                let (lat, lon): (Option<f64>, Option<f64>) = (
                    row.get(1).map_err(self.err())?,
                    row.get(2).map_err(self.err())?,
                );
                match (lat, lon) {
                    (Some(lat), Some(lon))
                        if haversine_km(near.lat, near.lon, lat, lon) <= near.radius_km => {}
                    _ => continue,
                }
            }
            let data: String = row.get(0).map_err(self.err())?;
            out.push(decode("a stored event", &data)?);
        }
        Ok(out)
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
        ev.reports = load_reports(&self.conn, row)?
            .into_iter()
            .map(|(r, outlet)| StoredReport {
                doc: r.source.doc,
                outlet,
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

/// The SQL of an event query and its arguments. Selects `data, lat, lon`; the distance test of
/// `near` is made on the rows after the bounding-box prefilter.
fn query_sql(
    conn: &Connection,
    f: &EventFilter,
) -> rusqlite::Result<(String, Vec<rusqlite::types::Value>)> {
    use rusqlite::types::Value;
    let mut wheres: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let text = |s: &str| Value::Text(s.to_string());
    if let Some(since) = f.since {
        // Events reaching `since`: their end is on or after it, and (for the index) their start
        // is at most the longest stored span before it.
        let max_span: i64 =
            conn.query_row("SELECT coalesce(max(span_days), 0) FROM events", [], |r| {
                r.get(0)
            })?;
        wheres.push("date_start >= ? AND date_end >= ?".into());
        args.push(text(&(since - Duration::days(max_span)).to_string()));
        args.push(text(&since.to_string()));
    }
    if let Some(until) = f.until {
        wheres.push("date_start <= ?".into());
        args.push(text(&until.to_string()));
    }
    if let Some(kind) = f.kind {
        wheres.push("kind = ?".into());
        args.push(text(kind.as_str()));
    }
    if let Some(c) = &f.country {
        wheres.push("country = ?".into());
        args.push(text(&c.to_uppercase()));
    }
    if let Some(a) = &f.admin1 {
        wheres.push("admin1 = ?".into());
        args.push(text(a));
    }
    if let Some(p) = &f.place {
        wheres.push(
            "(location LIKE '%' || ?1x || '%' OR admin1 LIKE '%' || ?1x || '%' OR location_text LIKE '%' || ?1x || '%')"
                .replace("?1x", "?"),
        );
        args.extend([text(p), text(p), text(p)]);
    }
    if let Some(n) = &f.near {
        let dlat = n.radius_km / 111.0;
        let dlon = dlat / n.lat.to_radians().cos().abs().max(0.01);
        wheres.push("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?".into());
        args.extend([n.lat - dlat, n.lat + dlat, n.lon - dlon, n.lon + dlon].map(Value::Real));
    }
    if let Some(a) = &f.actor {
        wheres.push(
            "EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = events.id AND a.actor LIKE '%' || ? || '%')"
                .into(),
        );
        args.push(text(a));
    }
    if let Some(w) = &f.weapon {
        wheres.push(
            "EXISTS (SELECT 1 FROM event_weapons w WHERE w.event_id = events.id AND w.weapon LIKE '%' || ? || '%')"
                .into(),
        );
        args.push(text(w));
    }
    if let Some(s) = f.status {
        wheres.push("status = ?".into());
        args.push(text(s.as_str()));
    }
    if let Some(n) = f.min_sources {
        wheres.push("sources_count >= ?".into());
        args.push(Value::Integer(n as i64));
    }
    if let Some(t) = &f.text {
        // Each word becomes a quoted FTS5 string, so that user input is never read as query
        // syntax.
        let q: Vec<String> = t
            .split_whitespace()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect();
        if !q.is_empty() {
            wheres.push("id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)".into());
            args.push(text(&q.join(" ")));
        }
    }
    let mut sql = "SELECT data, lat, lon FROM events".to_string();
    if !wheres.is_empty() {
        sql += " WHERE ";
        sql += &wheres.join(" AND ");
    }
    sql += " ORDER BY date_start DESC, id DESC";
    if let (Some(limit), None) = (f.limit, &f.near) {
        sql += &format!(" LIMIT {limit}");
    }
    Ok((sql, args))
}
