//! The shared store: one PostgreSQL database (or one schema of it) that many ingest workers
//! write and many readers query at once.
//!
//! - Opening: the schema (the first schema on the connection's search path, `public` unless
//!   the URL sets `options=-csearch_path=...`) must be empty, or already hold a sitrep record;
//!   anything else is refused untouched. Versioned migrations run under an advisory lock, so
//!   workers started together migrate once. When PostGIS is installed in the database, a
//!   generated `geography` column with a GiST index serves `near`; otherwise a B-tree on
//!   latitude and longitude does.
//! - Ingest ([`ingest`]): one transaction per batch. The batch first takes advisory locks on
//!   the place/time cells its reports may fuse into and on its documents' hashes
//!   ([`cells`]), in ascending key order, decides every fusion in memory against the stored
//!   events, and writes everything at the end with a few array statements, under the row lock
//!   of the commit clock, which numbers changes in commit order and publishes the latest
//!   number with `NOTIFY` once per batch.
//! - Faults: a lost connection (the server restarting, a network cut) is retried with
//!   back-off for [`PgOptions::retry_for`], the batch repeated from the start: a batch whose
//!   commit went through finds its documents stored and counts them as duplicates. A killed
//!   worker's transaction is rolled back by the server and its locks released.
//! - Queries ([`query`]): the same filters and order as the SQLite store.

pub mod cells;
mod ingest;
mod query;
mod revise;
mod watch;
mod write;

use crate::{IngestOutcome, Stats, Store, StoreError, StoredEvent, TextHashes};
use postgres::error::SqlState;
use postgres::{Client, NoTls, Statement};
use sitrep_model::DocumentRecord;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The value of `application` in `sitrep_meta`.
const APPLICATION: &str = "sitrep";

/// Schema migrations, applied in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("schema_v1.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
];

/// The PostgreSQL schema version this build writes.
pub const PG_SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The channel on which every committed ingest batch announces itself. The payload is the
/// schema name and the commit clock's latest change number, separated by a space.
pub const CHANGES_CHANNEL: &str = "sitrep_changes";

/// Tables a usable schema must have.
const REQUIRED_TABLES: &[&str] = &[
    "sitrep_meta",
    "sitrep_clock",
    "documents",
    "document_bands",
    "ingest_batches",
    "mentions",
    "events",
    "event_reports",
    "claims",
    "evidence",
    "event_weapons",
    "event_actors",
    "feeds",
    "feed_items",
    "hosts",
];

/// The tables and views of the schema, leaving out those of extensions (PostGIS keeps
/// `spatial_ref_sys` and two views in the schema it is installed into).
const OWN_TABLES: &str = "SELECT c.relname::text FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                       WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                         AND d.deptype = 'e')
     ORDER BY 1";

/// The advisory lock (two-key form, so it never meets the cell keys) held while migrating.
const MIGRATION_LOCK: (i32, i32) = (0x5349_5452, 1);

/// How a [`PgStore`] behaves.
#[derive(Debug, Clone)]
pub struct PgOptions {
    /// Use PostGIS for `near` when the database has it (and try to install it into a new
    /// record). Off, the plain indexes serve.
    pub postgis: bool,
    /// Serialise fusion decisions with advisory locks. Only a test that shows what goes wrong
    /// without them turns this off.
    pub locking: bool,
    /// How long to keep reconnecting after the connection is lost before giving up.
    pub retry_for: Duration,
    /// Create the schema when the database is empty (ingest); off, an empty database is
    /// refused (queries).
    pub create: bool,
}

impl Default for PgOptions {
    fn default() -> Self {
        PgOptions {
            postgis: true,
            locking: true,
            retry_for: Duration::from_secs(120),
            create: true,
        }
    }
}

/// The connection with its prepared statements.
struct Conn {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl Conn {
    /// The prepared statement for `sql`, prepared on first use.
    fn prepare(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

/// Why one attempt at an operation stopped.
enum Fail {
    Db(postgres::Error),
    Store(StoreError),
    /// A rewritten event needs cells the batch did not lock, and another writer holds them:
    /// start again with these locked from the beginning.
    Relock(cells::LockSet),
    /// The transaction met another writer's rows: roll back and run it again.
    Again,
}

impl From<postgres::Error> for Fail {
    fn from(e: postgres::Error) -> Self {
        Fail::Db(e)
    }
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Self {
        Fail::Store(e)
    }
}

/// The PostgreSQL store.
pub struct PgStore {
    inner: std::sync::Mutex<Inner>,
    config: postgres::Config,
    name: String,
    schema: String,
    opts: PgOptions,
    /// A PostGIS geography column and index exist and are used.
    postgis: bool,
}

/// The connection (none after it was lost) and what ingest remembers between batches. The
/// trait's readers take `&self`, so the connection sits behind a mutex.
#[derive(Default)]
struct Inner {
    conn: Option<Conn>,
    cache: ingest::EventCache,
}

/// The URL without its password, for messages.
pub(crate) fn redact(config: &postgres::Config) -> String {
    let user = config.get_user().unwrap_or("");
    let host = config
        .get_hosts()
        .first()
        .map(|h| match h {
            postgres::config::Host::Tcp(s) => s.clone(),
            postgres::config::Host::Unix(p) => p.display().to_string(),
        })
        .unwrap_or_default();
    let port = config
        .get_ports()
        .first()
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    let db = config.get_dbname().unwrap_or("");
    let at = if user.is_empty() { "" } else { "@" };
    format!("postgres://{user}{at}{host}{port}/{db}")
}

/// Errors after which a new connection may succeed: the server went away, is restarting, or
/// cut the connection.
fn is_transient(e: &postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    match e.code() {
        Some(c) => {
            *c == SqlState::ADMIN_SHUTDOWN
                || *c == SqlState::CRASH_SHUTDOWN
                || *c == SqlState::CANNOT_CONNECT_NOW
                || c.code().starts_with("08")
        }
        // No SQL state: an I/O error on the socket or a failure to connect.
        None => e.as_db_error().is_none(),
    }
}

/// Errors after which the same transaction may simply be tried again.
fn is_retryable(e: &postgres::Error) -> bool {
    matches!(e.code(), Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE)
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/dbname`) with
    /// the default options, creating the schema in an empty database.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with(url, PgOptions::default())
    }

    /// Connects with explicit options.
    pub fn connect_with(url: &str, opts: PgOptions) -> Result<Self, StoreError> {
        let mut config: postgres::Config =
            url.parse()
                .map_err(|e: postgres::Error| StoreError::BadLocation {
                    location: url.to_string(),
                    reason: format!("not a PostgreSQL connection URL ({e})"),
                })?;
        if config.get_application_name().is_none() {
            config.application_name("sitrep");
        }
        config.keepalives(true);
        config.keepalives_idle(Duration::from_secs(30));
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let name = redact(&config);
        let mut store = PgStore {
            inner: std::sync::Mutex::new(Inner::default()),
            config,
            name,
            schema: String::new(),
            opts,
            postgis: false,
        };
        // A server that is starting or restarting is waited for, as a lost connection is.
        let started = Instant::now();
        let mut delay = Duration::from_millis(100);
        loop {
            let r = match store.open_connection() {
                Ok(conn) => {
                    store.inner_mut().conn = Some(conn);
                    store.init()
                }
                Err(e) => Err(store.db_err(e)),
            };
            match r {
                Ok(()) => return Ok(store),
                Err(StoreError::Postgres { source, .. })
                    if is_transient(&source) && started.elapsed() < store.opts.retry_for =>
                {
                    store.inner_mut().conn = None;
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_secs(5));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The database as messages name it (the URL without its password).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The schema holding the record.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// Whether `near` queries use PostGIS.
    pub fn uses_postgis(&self) -> bool {
        self.postgis
    }

    fn db_err(&self, e: postgres::Error) -> StoreError {
        StoreError::Postgres {
            url: self.name.clone(),
            source: e,
        }
    }

    fn refuse(&self, reason: impl Into<String>) -> StoreError {
        StoreError::RefusedDatabase {
            url: self.name.clone(),
            reason: reason.into(),
        }
    }

    fn inner_mut(&mut self) -> &mut Inner {
        self.inner
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn client(&mut self) -> &mut Client {
        &mut self.inner_mut().conn.as_mut().expect("connected").client
    }

    fn open_connection(&self) -> Result<Conn, postgres::Error> {
        let mut client = self.config.connect(NoTls)?;
        // Every statement is planned with its values: the filters' best index depends on them.
        // A worker that stops answering in the middle of a transaction gives its locks back.
        client.batch_execute(
            "SET plan_cache_mode = force_custom_plan;
             SET idle_in_transaction_session_timeout = '10min';",
        )?;
        Ok(Conn {
            client,
            statements: HashMap::new(),
        })
    }

    /// Runs `op` on the connection, reconnecting and running it again after a transient
    /// error, for up to [`PgOptions::retry_for`]. A transaction that `op` left open is rolled
    /// back.
    fn run<T>(
        &self,
        mut op: impl FnMut(&mut Conn, &mut ingest::EventCache, &Ctx) -> Result<T, Fail>,
    ) -> Result<T, Fail> {
        let mut guard = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let inner = &mut *guard;
        let started = Instant::now();
        let mut delay = Duration::from_millis(100);
        let mut quick_retries = 0;
        let ctx = Ctx {
            schema: self.schema.clone(),
            locking: self.opts.locking,
            postgis: self.postgis,
        };
        loop {
            if inner.conn.is_none() {
                inner.cache.clear();
                match self.open_connection() {
                    Ok(c) => inner.conn = Some(c),
                    Err(e) => {
                        if is_transient(&e) && started.elapsed() < self.opts.retry_for {
                            std::thread::sleep(delay);
                            delay = (delay * 2).min(Duration::from_secs(5));
                            continue;
                        }
                        return Err(Fail::Db(e));
                    }
                }
            }
            let Some(conn) = inner.conn.as_mut() else {
                continue;
            };
            let result = op(conn, &mut inner.cache, &ctx);
            let Err(fail) = result else {
                return result;
            };
            inner.cache.clear();
            if let Fail::Db(e) = &fail {
                if is_transient(e) {
                    inner.conn = None;
                    if started.elapsed() < self.opts.retry_for {
                        std::thread::sleep(delay);
                        delay = (delay * 2).min(Duration::from_secs(5));
                        continue;
                    }
                    return Err(fail);
                }
            }
            // The connection is fine: end the failed transaction, if any.
            if let Some(conn) = inner.conn.as_mut() {
                if conn.client.batch_execute("ROLLBACK").is_err() {
                    inner.conn = None;
                }
            }
            let again = match &fail {
                Fail::Db(e) => is_retryable(e),
                Fail::Again => true,
                _ => false,
            };
            if again && quick_retries < 20 {
                quick_retries += 1;
                continue;
            }
            return Err(fail);
        }
    }

    fn finish<T>(&self, r: Result<T, Fail>) -> Result<T, StoreError> {
        match r {
            Ok(v) => Ok(v),
            Err(Fail::Db(e)) => Err(self.db_err(e)),
            Err(Fail::Store(e)) => Err(e),
            Err(Fail::Relock(_) | Fail::Again) => {
                Err(self.refuse("concurrent writers kept the batch from committing"))
            }
        }
    }

    /// Checks what the schema holds and migrates it, under the migration lock.
    fn init(&mut self) -> Result<(), StoreError> {
        let name = self.name.clone();
        let err = |e| StoreError::Postgres {
            url: name.clone(),
            source: e,
        };
        let c = self.client();
        let schema: Option<String> = c
            .query_one("SELECT current_schema()", &[])
            .map_err(err)?
            .get(0);
        let Some(schema) = schema else {
            return Err(self.refuse(
                "no schema of its search path exists (create it, or name another with options=-csearch_path=...)",
            ));
        };
        self.schema = schema;
        let c = self.client();
        c.execute(
            "SELECT pg_advisory_lock($1, $2)",
            &[&MIGRATION_LOCK.0, &MIGRATION_LOCK.1],
        )
        .map_err(err)?;
        let result = self.migrate();
        let c = self.client();
        let _ = c.execute(
            "SELECT pg_advisory_unlock($1, $2)",
            &[&MIGRATION_LOCK.0, &MIGRATION_LOCK.1],
        );
        result
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let name = self.name.clone();
        let err = |e| StoreError::Postgres {
            url: name.clone(),
            source: e,
        };
        let schema = self.schema.clone();
        let c = self.client();
        let tables: Vec<String> = c
            .query(OWN_TABLES, &[])
            .map_err(err)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let version: u32 = if tables.is_empty() {
            if !self.opts.create {
                return Err(self.refuse(format!(
                    "its schema {schema} holds no sitrep record: store documents first with `sitrep ingest`"
                )));
            }
            0
        } else if tables.iter().any(|t| t == "sitrep_meta") {
            let rows = c
                .query("SELECT key, value FROM sitrep_meta", &[])
                .map_err(err)?;
            let get = |k: &str| {
                rows.iter()
                    .find(|r| r.get::<_, String>(0) == k)
                    .map(|r| r.get::<_, String>(1))
            };
            if get("application").as_deref() != Some(APPLICATION) {
                return Err(self.refuse(format!(
                    "its schema {schema} has a sitrep_meta table that is not sitrep's"
                )));
            }
            let v: u32 = get("schema_version")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            if v > PG_SCHEMA_VERSION {
                return Err(self.refuse(format!(
                    "its schema version {v} is newer than this program's ({PG_SCHEMA_VERSION})"
                )));
            }
            v
        } else {
            let shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
            return Err(self.refuse(format!(
                "its schema {schema} holds tables of another application ({}); nothing was written",
                shown.join(", ")
            )));
        };
        let c = self.client();
        if (version as usize) < MIGRATIONS.len() {
            let mut tx = c.transaction().map_err(err)?;
            for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.batch_execute(m).map_err(err)?;
                tx.execute(
                    "INSERT INTO sitrep_meta (key, value) VALUES ('application', $1), ('schema_version', $2)
                     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    &[&APPLICATION, &(i + 1).to_string()],
                )
                .map_err(err)?;
            }
            tx.commit().map_err(err)?;
        }
        let present: Vec<String> = c
            .query(OWN_TABLES, &[])
            .map_err(err)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        if let Some(missing) = REQUIRED_TABLES
            .iter()
            .find(|t| !present.iter().any(|p| p == *t))
        {
            return Err(self.refuse(format!(
                "its schema is damaged (table {missing} is missing)"
            )));
        }
        self.postgis = if self.opts.postgis {
            self.enable_postgis()?
        } else {
            false
        };
        Ok(())
    }

    /// Adds the PostGIS column and index when the database has (or lets us install) PostGIS;
    /// returns whether they exist.
    fn enable_postgis(&mut self) -> Result<bool, StoreError> {
        let name = self.name.clone();
        let err = |e| StoreError::Postgres {
            url: name.clone(),
            source: e,
        };
        let c = self.client();
        let has_column = |c: &mut Client| -> Result<bool, postgres::Error> {
            Ok(c.query_one(
                "SELECT EXISTS (SELECT 1 FROM information_schema.columns
                  WHERE table_schema = current_schema() AND table_name = 'events'
                    AND column_name = 'geog')",
                &[],
            )?
            .get(0))
        };
        if has_column(c).map_err(err)? {
            return Ok(true);
        }
        let mut tx = c.transaction().map_err(err)?;
        let have_type: bool = tx
            .query_one("SELECT to_regtype('geography') IS NOT NULL", &[])
            .map_err(err)?
            .get(0);
        if !have_type {
            // Installing an extension needs rights a worker may not have; without them the
            // plain indexes serve.
            {
                let mut sp = tx.transaction().map_err(err)?;
                if sp
                    .batch_execute("CREATE EXTENSION IF NOT EXISTS postgis")
                    .is_ok()
                {
                    sp.commit().map_err(err)?;
                }
            }
            let have: bool = tx
                .query_one("SELECT to_regtype('geography') IS NOT NULL", &[])
                .map_err(err)?
                .get(0);
            if !have {
                return Ok(false);
            }
        }
        tx.batch_execute(
            "ALTER TABLE events ADD COLUMN geog geography(Point, 4326)
                 GENERATED ALWAYS AS (CASE WHEN lat IS NOT NULL AND lon IS NOT NULL
                     THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography END) STORED;
             CREATE INDEX events_geog ON events USING gist (geog);
             INSERT INTO sitrep_meta (key, value) VALUES ('spatial', 'postgis')
                 ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;",
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(true)
    }

    /// Stores a batch as [`Store::ingest_batch`] does, with each document's hashes computed
    /// beforehand.
    pub fn ingest_batch_hashed(
        &mut self,
        docs: &[(&DocumentRecord, &TextHashes)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let docs: Vec<ingest::Input> = docs
            .iter()
            .map(|&(rec, h)| ingest::Input::new(rec, h.content_hash(), Some(h.fingerprint())))
            .collect();
        self.ingest_inputs(&docs)
    }

    fn ingest_inputs(&mut self, docs: &[ingest::Input]) -> Result<Vec<IngestOutcome>, StoreError> {
        // Two versions of one id are decided in batches of their own, one after the other: a
        // batch reads the stored versions once, at its start.
        let mut outcomes = Vec::with_capacity(docs.len());
        let mut start = 0;
        let mut ids: Vec<&str> = Vec::new();
        for (i, d) in docs.iter().enumerate() {
            let doc = &d.rec.document;
            if doc.revision.is_some() {
                if ids.contains(&doc.doc.0.as_str()) {
                    outcomes.extend(self.ingest_run(&docs[start..i])?);
                    start = i;
                    ids.clear();
                }
                ids.push(&doc.doc.0);
            }
        }
        outcomes.extend(self.ingest_run(&docs[start..])?);
        Ok(outcomes)
    }

    fn ingest_run(&mut self, docs: &[ingest::Input]) -> Result<Vec<IngestOutcome>, StoreError> {
        if docs.is_empty() {
            return Ok(vec![]);
        }
        let mut extra = cells::LockSet::default();
        for _ in 0..64 {
            let r = self.run(|conn, cache, ctx| ingest::attempt(conn, cache, ctx, docs, &extra));
            match r {
                Err(Fail::Relock(more)) => extra.extend(&more),
                r => return self.finish(r),
            }
        }
        Err(self.refuse("the cell locks could not be taken after many attempts"))
    }

    /// Loads already fused events without fusing them with each other (restoring exports,
    /// loading benchmarks). Events are numbered in the order given.
    pub fn import_fused(
        &mut self,
        events: impl IntoIterator<Item = StoredEvent>,
    ) -> Result<usize, StoreError> {
        let all: Vec<StoredEvent> = events.into_iter().collect();
        let r = self.run(|conn, _, ctx| query::import_fused(conn, ctx, &all));
        self.finish(r)
    }

    /// The latest change number of the commit clock: every event created or changed has a
    /// number up to it.
    pub fn last_change(&mut self) -> Result<i64, StoreError> {
        let r = self.run(|conn, _, _| {
            let s = conn.prepare("SELECT last_change FROM sitrep_clock")?;
            Ok(conn.client.query_one(&s, &[])?.get(0))
        });
        self.finish(r)
    }

    /// The stored documents' ids in the order their ingest transactions committed.
    pub fn commit_order(&mut self) -> Result<Vec<sitrep_model::DocId>, StoreError> {
        let r = self.run(|conn, _, _| {
            let rows = conn.client.query(
                "SELECT d.doc FROM ingest_batches b,
                        unnest(b.documents) WITH ORDINALITY AS u(id, n)
                        JOIN documents d ON d.id = u.id
                 ORDER BY b.seq, u.n",
                &[],
            )?;
            Ok(rows.iter().map(|r| sitrep_model::DocId(r.get(0))).collect())
        });
        self.finish(r)
    }

    /// The stored documents' ids with how many of their reports and claims are stored, and
    /// how many events their record said they had, for checking that every committed document
    /// is complete.
    pub fn document_contents(
        &mut self,
    ) -> Result<Vec<(sitrep_model::DocId, u64, u64, u64)>, StoreError> {
        let r = self.run(|conn, _, _| {
            let rows = conn.client.query(
                "SELECT d.doc,
                        (SELECT count(*) FROM event_reports r WHERE r.document_id = d.id),
                        (SELECT count(*) FROM claims c WHERE c.document_id = d.id),
                        d.event_count
                 FROM documents d ORDER BY d.id",
                &[],
            )?;
            Ok(rows
                .iter()
                .map(|r| {
                    (
                        sitrep_model::DocId(r.get(0)),
                        r.get::<_, i64>(1) as u64,
                        r.get::<_, i64>(2) as u64,
                        r.get::<_, i32>(3) as u64,
                    )
                })
                .collect())
        });
        self.finish(r)
    }

    /// Removes the record (every sitrep table of the schema). For tests and benchmarks that
    /// start from nothing.
    pub fn drop_record(self) -> Result<(), StoreError> {
        let r = self.run(|conn, _, _| {
            conn.client.batch_execute(
                "DROP TABLE IF EXISTS event_weapons, event_actors, evidence, claims,
                    event_reports, events, mentions, ingest_batches, document_bands, documents,
                    sitrep_clock, sitrep_meta CASCADE;
                 DROP TABLE IF EXISTS feeds, feed_items, hosts;
                 DROP SEQUENCE IF EXISTS events_id_seq;",
            )?;
            Ok(())
        });
        self.finish(r)
    }
}

/// What an operation needs to know of the store besides the connection.
struct Ctx {
    schema: String,
    locking: bool,
    postgis: bool,
}

impl Store for PgStore {
    fn ingest_document(
        &mut self,
        rec: &DocumentRecord,
        content_hash: &str,
    ) -> Result<IngestOutcome, StoreError> {
        let mut out = self.ingest_batch(&[(rec, content_hash)])?;
        Ok(out.pop().unwrap_or_default())
    }

    /// One transaction for the whole batch: either every document of the batch is stored or
    /// none is.
    fn ingest_batch(
        &mut self,
        docs: &[(&DocumentRecord, &str)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let docs: Vec<ingest::Input> = docs
            .iter()
            .map(|&(rec, hash)| ingest::Input::new(rec, hash, None))
            .collect();
        self.ingest_inputs(&docs)
    }

    fn ingest_batch_hashed(
        &mut self,
        docs: &[(&DocumentRecord, &TextHashes)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        PgStore::ingest_batch_hashed(self, docs)
    }

    fn has_document(&self, url_or_hash: &str) -> Result<bool, StoreError> {
        self.read(|conn, _| query::has_document(conn, url_or_hash))
    }

    fn events(&self, filter: &crate::EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        self.read(|conn, ctx| query::events(conn, ctx, filter))
    }

    fn events_page(&self, filter: &crate::EventFilter) -> Result<crate::EventPage, StoreError> {
        self.read(|conn, ctx| query::page(conn, ctx, filter))
    }

    fn changes_since(&self, after: u64, limit: usize) -> Result<Vec<crate::Change>, StoreError> {
        self.read(|conn, _| query::changes_since(conn, after, limit))
    }

    fn latest_change(&self) -> Result<u64, StoreError> {
        self.read(|conn, _| query::latest_change(conn))
    }

    fn event(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        self.read(|conn, _| query::event(conn, id))
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        self.read(|conn, _| query::stats(conn))
    }
}

impl PgStore {
    /// Runs a read-only operation.
    fn read<T>(&self, op: impl Fn(&mut Conn, &Ctx) -> Result<T, Fail>) -> Result<T, StoreError> {
        let r = self.run(|conn, _, ctx| op(conn, ctx));
        self.finish(r)
    }
}

/// Waits for committed ingest batches: a connection that `LISTEN`s on [`CHANGES_CHANNEL`].
pub struct PgListener {
    client: Client,
    schema: String,
}

impl PgListener {
    /// Listens for the batches committed into `store`'s record.
    pub fn new(store: &PgStore) -> Result<Self, StoreError> {
        let mut client = store.config.connect(NoTls).map_err(|e| store.db_err(e))?;
        client
            .batch_execute(&format!("LISTEN {CHANGES_CHANNEL}"))
            .map_err(|e| store.db_err(e))?;
        Ok(PgListener {
            client,
            schema: store.schema.clone(),
        })
    }

    /// The latest change number announced for this record within `timeout`, if any batch
    /// was committed; announcements already waiting are all read and the largest number kept.
    pub fn wait(&mut self, timeout: Duration) -> Result<Option<i64>, postgres::Error> {
        use postgres::fallible_iterator::FallibleIterator;
        let schema = self.schema.clone();
        let number = |n: &postgres::Notification| {
            let (s, seq) = n.payload().split_once(' ')?;
            (s == schema).then(|| seq.parse::<i64>().ok()).flatten()
        };
        let mut latest: Option<i64> = None;
        let mut notes = self.client.notifications();
        let mut waiting = notes.timeout_iter(timeout);
        while let Some(n) = waiting.next()? {
            if let Some(v) = number(&n) {
                latest = Some(v);
                break;
            }
        }
        drop(waiting);
        if latest.is_some() {
            let mut pending = notes.iter();
            while let Some(n) = pending.next()? {
                if let Some(v) = number(&n) {
                    latest = latest.max(Some(v));
                }
            }
        }
        Ok(latest)
    }
}
