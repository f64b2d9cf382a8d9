//! Which database a command uses, and opening it as the right store.
//!
//! A database is named by `--db` (a file path, or a `postgres://` / `postgresql://` URL), else
//! by `$SITREP_DB`, else it is `sitrep/sitrep.db` in the user's data directory. Every front end
//! (the command line, the server) opens its store through [`open`] or [`open_store`].

use crate::{
    EventFilter, IngestOutcome, PgOptions, PgStore, SqliteStore, Stats, Store, StoreError,
    StoredEvent, TextHashes,
};
use sitrep_model::DocumentRecord;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Environment variable naming the database when `--db` is not given.
pub const DB_ENV: &str = "SITREP_DB";

/// Where the record lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl Location {
    /// A `--db` value: a `postgres://` or `postgresql://` URL, or else a file path.
    pub fn parse(s: &OsStr) -> Location {
        match s.to_str() {
            Some(u)
                if u.len() > 11
                    && (u[..11].eq_ignore_ascii_case("postgres://")
                        || u.get(..13)
                            .is_some_and(|p| p.eq_ignore_ascii_case("postgresql://"))) =>
            {
                Location::Postgres(u.to_string())
            }
            _ => Location::Sqlite(PathBuf::from(s)),
        }
    }

    /// The database a command uses: `arg` (`--db`), else `$SITREP_DB`, else `sitrep/sitrep.db`
    /// in the user's data directory.
    pub fn resolve(arg: Option<&OsStr>) -> Result<Location, StoreError> {
        if let Some(a) = arg {
            return Ok(Location::parse(a));
        }
        if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
            return Ok(Location::parse(&p));
        }
        let data = dirs::data_dir().ok_or_else(|| StoreError::BadLocation {
            location: "(no --db)".into(),
            reason: format!(
                "no --db given, ${DB_ENV} is not set and the user's data directory is unknown"
            ),
        })?;
        Ok(Location::Sqlite(data.join("sitrep").join("sitrep.db")))
    }
}

impl std::fmt::Display for Location {
    /// The path, or the URL without its password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Sqlite(p) => write!(f, "{}", p.display()),
            Location::Postgres(u) => match u.parse::<postgres::Config>() {
                Ok(c) => write!(f, "{}", crate::pg::redact(&c)),
                Err(_) => write!(f, "(a PostgreSQL URL that does not parse)"),
            },
        }
    }
}

/// What the caller will do with the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Store documents: an SQLite file and its folder are created when missing, an empty
    /// PostgreSQL database gets the schema.
    Create,
    /// Query: a missing SQLite file or a PostgreSQL database without a record is an error,
    /// and nothing is created.
    Existing,
}

/// Either store.
pub enum AnyStore {
    Sqlite(SqliteStore),
    Postgres(Box<PgStore>),
}

/// Opens the store at `location`.
pub fn open(location: &Location, mode: OpenMode) -> Result<AnyStore, StoreError> {
    match location {
        Location::Sqlite(path) => {
            match mode {
                OpenMode::Existing if !path.exists() => {
                    return Err(StoreError::Missing { path: path.clone() })
                }
                OpenMode::Existing => {}
                OpenMode::Create => create_folder(path)?,
            }
            Ok(AnyStore::Sqlite(SqliteStore::open(path)?))
        }
        Location::Postgres(url) => {
            let opts = PgOptions {
                create: mode == OpenMode::Create,
                ..PgOptions::default()
            };
            Ok(AnyStore::Postgres(Box::new(PgStore::connect_with(
                url, opts,
            )?)))
        }
    }
}

/// Opens the store named by `arg` (`--db`), `$SITREP_DB` or the data directory, boxed.
pub fn open_store(
    arg: Option<&OsStr>,
    mode: OpenMode,
) -> Result<Box<dyn Store + Send>, StoreError> {
    Ok(Box::new(open(&Location::resolve(arg)?, mode)?))
}

fn create_folder(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
            path: dir.to_path_buf(),
            source: e,
        })?;
    }
    Ok(())
}

impl AnyStore {
    fn inner(&self) -> &dyn Store {
        match self {
            AnyStore::Sqlite(s) => s,
            AnyStore::Postgres(s) => s.as_ref(),
        }
    }

    fn inner_mut(&mut self) -> &mut dyn Store {
        match self {
            AnyStore::Sqlite(s) => s,
            AnyStore::Postgres(s) => s.as_mut(),
        }
    }
}

impl Store for AnyStore {
    fn ingest_document(
        &mut self,
        rec: &DocumentRecord,
        content_hash: &str,
    ) -> Result<IngestOutcome, StoreError> {
        self.inner_mut().ingest_document(rec, content_hash)
    }

    fn ingest_batch(
        &mut self,
        docs: &[(&DocumentRecord, &str)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        self.inner_mut().ingest_batch(docs)
    }

    fn ingest_batch_hashed(
        &mut self,
        docs: &[(&DocumentRecord, &TextHashes)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        self.inner_mut().ingest_batch_hashed(docs)
    }

    fn has_document(&self, url_or_hash: &str) -> Result<bool, StoreError> {
        self.inner().has_document(url_or_hash)
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        self.inner().events(filter)
    }

    fn events_page(&self, filter: &EventFilter) -> Result<crate::EventPage, StoreError> {
        self.inner().events_page(filter)
    }

    fn summaries(&self, filter: &EventFilter) -> Result<Vec<crate::EventSummary>, StoreError> {
        self.inner().summaries(filter)
    }

    fn day_counts(&self, filter: &EventFilter) -> Result<crate::DayCounts, StoreError> {
        self.inner().day_counts(filter)
    }

    fn changes_since(&self, after: u64, limit: usize) -> Result<Vec<crate::Change>, StoreError> {
        self.inner().changes_since(after, limit)
    }

    fn latest_change(&self) -> Result<u64, StoreError> {
        self.inner().latest_change()
    }

    fn event(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        self.inner().event(id)
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        self.inner().stats()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_postgres_and_anything_else_a_file() {
        assert_eq!(
            Location::parse(OsStr::new("postgres://u@h/db")),
            Location::Postgres("postgres://u@h/db".into())
        );
        assert_eq!(
            Location::parse(OsStr::new("PostgreSQL://h/db")),
            Location::Postgres("PostgreSQL://h/db".into())
        );
        assert_eq!(
            Location::parse(OsStr::new("postgres.db")),
            Location::Sqlite("postgres.db".into())
        );
        assert_eq!(
            Location::parse(OsStr::new("/tmp/x.db")),
            Location::Sqlite("/tmp/x.db".into())
        );
    }

    #[test]
    fn a_url_is_shown_without_its_password() {
        let l = Location::parse(OsStr::new("postgres://ana:s3cret@db.example:5433/news"));
        let shown = l.to_string();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert_eq!(shown, "postgres://ana@db.example:5433/news");
    }

    #[test]
    fn querying_a_missing_file_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none").join("x.db");
        let err = open(&Location::Sqlite(path.clone()), OpenMode::Existing)
            .err()
            .expect("missing");
        assert!(err.to_string().contains("no database at"), "{err}");
        assert!(!path.parent().unwrap().exists());
        assert!(open(&Location::Sqlite(path.clone()), OpenMode::Create).is_ok());
        assert!(path.exists());
    }
}
