//! The conformance suite and the shared-database behaviour of the PostgreSQL store.
//!
//! These tests need a server: set `SITREP_TEST_POSTGRES` to the URL of a database in which the
//! user may create schemas (`.ci/run` starts a throwaway cluster and sets it). Without it each
//! test prints that it was skipped and passes. Every store lives in a schema of its own, dropped
//! at the end.

use sitrep_store::{
    content_hash, testing, EventFilter, Near, PgListener, PgOptions, PgStore, SqliteStore, Store,
    StoreError, StoredEvent,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const ENV: &str = "SITREP_TEST_POSTGRES";

fn server() -> Option<String> {
    match std::env::var(ENV) {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            eprintln!("skipped: set {ENV}=postgres://... to run the PostgreSQL tests");
            None
        }
    }
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A schema of its own on the test server, dropped when this goes out of scope.
struct Schema {
    url: String,
    admin: String,
    name: String,
}

impl Schema {
    fn new(server: &str) -> Schema {
        let name = format!(
            "sitrep_t{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut c = postgres::Client::connect(server, postgres::NoTls).expect("test server");
        c.batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
        ))
        .unwrap();
        let sep = if server.contains('?') { '&' } else { '?' };
        Schema {
            url: format!("{server}{sep}options=-csearch_path%3D{name}%2Cpublic"),
            admin: server.to_string(),
            name,
        }
    }

    fn store(&self, postgis: bool) -> PgStore {
        PgStore::connect_with(
            &self.url,
            PgOptions {
                postgis,
                ..PgOptions::default()
            },
        )
        .expect("store")
    }

    fn sql(&self, sql: &str) {
        let mut c = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
        c.batch_execute(sql).unwrap();
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

/// Fresh stores, each in its own schema, kept alive until the end of the test.
struct Stores {
    server: String,
    postgis: bool,
    schemas: std::sync::Mutex<Vec<Schema>>,
}

impl Stores {
    fn new(server: &str, postgis: bool) -> Stores {
        Stores {
            server: server.to_string(),
            postgis,
            schemas: std::sync::Mutex::new(Vec::new()),
        }
    }

    fn make(&self) -> PgStore {
        let s = Schema::new(&self.server);
        let store = s.store(self.postgis);
        self.schemas.lock().unwrap().push(s);
        store
    }
}

/// Whether PostGIS is installed (in `public`, which every test schema's search path has),
/// installing it when the server has it and the user may.
fn has_postgis(server: &str) -> bool {
    let mut c = postgres::Client::connect(server, postgres::NoTls).expect("test server");
    let _ = c.batch_execute("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public");
    c.query_one("SELECT to_regtype('public.geography') IS NOT NULL", &[])
        .map(|r| r.get(0))
        .unwrap_or(false)
}

#[test]
fn conformance_with_plain_indexes() {
    let Some(server) = server() else { return };
    let stores = Stores::new(&server, false);
    testing::conformance_suite(|| {
        let s = stores.make();
        assert!(!s.uses_postgis());
        s
    });
}

#[test]
fn conformance_with_postgis() {
    let Some(server) = server() else { return };
    if !has_postgis(&server) {
        eprintln!("skipped: PostGIS is not installed on the test server");
        return;
    }
    let stores = Stores::new(&server, true);
    testing::conformance_suite(|| {
        let s = stores.make();
        assert!(s.uses_postgis());
        s
    });
}

/// Fused events without their timestamps, for comparing two stores.
fn strip(events: Vec<StoredEvent>) -> Vec<StoredEvent> {
    events
        .into_iter()
        .map(|e| StoredEvent {
            first_seen: String::new(),
            last_updated: String::new(),
            ..e
        })
        .collect()
}

/// The same documents in the same order give the same record in both stores, and every
/// filter selects the same events.
#[test]
fn the_same_documents_give_the_record_sqlite_gives() {
    let Some(server) = server() else { return };
    for postgis in [false, true] {
        let schema = Schema::new(&server);
        if postgis && !has_postgis(&server) {
            eprintln!("skipped with PostGIS: it is not installed on the test server");
            continue;
        }
        let mut pg = schema.store(postgis);
        assert_eq!(pg.uses_postgis(), postgis);
        let mut lite = SqliteStore::open_in_memory().unwrap();
        let records: Vec<_> = (0..400).map(testing::synthetic_record).collect();
        let hashes = sitrep_store::content_hashes(&records);
        let docs = sitrep_store::with_hashes(&records, &hashes);
        for (n, chunk) in docs.chunks(37).enumerate() {
            // Batches on one side, documents one by one on the other half of the time.
            let a = pg.ingest_batch(chunk).unwrap();
            let b = if n % 2 == 0 {
                lite.ingest_batch(chunk).unwrap()
            } else {
                chunk
                    .iter()
                    .map(|(r, h)| lite.ingest_document(r, h).unwrap())
                    .collect()
            };
            assert_eq!(a, b);
        }
        let all = EventFilter::default();
        let expected = strip(lite.events(&all).unwrap());
        assert!(expected.iter().any(|e| e.sources.len() > 2));
        assert_eq!(strip(pg.events(&all).unwrap()), expected);
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let filters = [
            EventFilter {
                since: day("2024-09-01"),
                until: day("2024-10-15"),
                ..Default::default()
            },
            EventFilter {
                kind: Some(sitrep_model::EventKind::Shelling),
                country: Some("ua".into()),
                ..Default::default()
            },
            EventFilter {
                near: Some(Near {
                    lat: 50.0,
                    lon: 36.0,
                    radius_km: 60.0,
                }),
                limit: Some(7),
                ..Default::default()
            },
            EventFilter {
                near: Some(Near {
                    lat: 48.46,
                    lon: 35.05,
                    radius_km: 400.0,
                }),
                ..Default::default()
            },
            EventFilter {
                actor: Some("KURSK officials".into()),
                ..Default::default()
            },
            EventFilter {
                place: Some("ARKIV".into()),
                min_sources: Some(2),
                ..Default::default()
            },
            EventFilter {
                text: Some("Sumy shot".into()),
                limit: Some(20),
                ..Default::default()
            },
            EventFilter {
                admin1: Some("belgorod oblast".into()),
                status: Some(sitrep_model::Status::Claimed),
                ..Default::default()
            },
        ];
        for f in &filters {
            let want = strip(lite.events(f).unwrap());
            assert!(!want.is_empty(), "{f:?} selects something");
            assert_eq!(strip(pg.events(f).unwrap()), want, "{f:?}");
        }
        let (ls, ps) = (lite.stats().unwrap(), pg.stats().unwrap());
        assert_eq!(
            (ls.documents, ls.events, ls.reports, ls.claims, ls.evidence),
            (ps.documents, ps.events, ps.reports, ps.claims, ps.evidence)
        );
        let id = &expected[0].event.id.0;
        assert_eq!(
            pg.event(id).unwrap().unwrap().reports,
            lite.event(id).unwrap().unwrap().reports
        );
    }
}

#[test]
fn search_folds_cyrillic_and_latin_case() {
    let Some(server) = server() else { return };
    let schema = Schema::new(&server);
    let mut store = schema.store(false);
    let mut rec = testing::other_reports().remove(0);
    rec.events[0].claims[0].source = "Одеська обласна військова адміністрація".into();
    rec.events[0].location.as_mut().unwrap().admin1 = Some("Одеська область".into());
    store
        .ingest_document(&rec, &content_hash(&rec.document.text))
        .unwrap();
    let q = |f: EventFilter| store.events(&f).unwrap().len();
    assert_eq!(
        q(EventFilter {
            text: Some("ОДЕСЬКА Військова".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            text: Some("одеська ракета".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        q(EventFilter {
            actor: Some("ОБЛАСНА".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            admin1: Some("ОДЕСЬКА ОБЛАСТЬ".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            place: Some("50%".into()),
            ..Default::default()
        }),
        0,
        "wildcards in the filter are taken literally"
    );
}

#[test]
fn a_schema_holding_other_tables_is_refused_untouched() {
    let Some(server) = server() else { return };
    let schema = Schema::new(&server);
    schema
        .sql("CREATE TABLE customers (id int, name text); INSERT INTO customers VALUES (1, 'Ana')");
    let err = match PgStore::connect(&schema.url) {
        Ok(_) => panic!("a foreign schema was opened"),
        Err(e) => e,
    };
    assert!(matches!(err, StoreError::RefusedDatabase { .. }), "{err}");
    assert!(err.to_string().contains("customers"), "{err}");
    let mut c = postgres::Client::connect(&schema.url, postgres::NoTls).unwrap();
    let tables: Vec<String> = c
        .query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(tables, ["customers"]);
    // A schema without a record is not created by a query.
    let empty = Schema::new(&server);
    let err = PgStore::connect_with(
        &empty.url,
        PgOptions {
            create: false,
            ..PgOptions::default()
        },
    )
    .err()
    .expect("an empty schema is refused for queries");
    assert!(err.to_string().contains("holds no sitrep record"), "{err}");
    // A record of a newer schema version is refused.
    drop(empty.store(false));
    empty.sql("UPDATE sitrep_meta SET value = '999' WHERE key = 'schema_version'");
    let err = PgStore::connect(&empty.url).err().expect("newer version");
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn workers_started_together_migrate_once() {
    let Some(server) = server() else { return };
    let schema = Schema::new(&server);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let url = schema.url.clone();
            std::thread::spawn(move || PgStore::connect(&url).map(|s| s.stats().unwrap()))
        })
        .collect();
    for h in handles {
        let stats = h.join().unwrap().expect("every worker opens the record");
        assert_eq!(stats.schema_version, sitrep_store::PG_SCHEMA_VERSION);
    }
}

#[test]
fn every_committed_batch_is_announced_once_with_the_latest_change() {
    let Some(server) = server() else { return };
    let schema = Schema::new(&server);
    let mut store = schema.store(false);
    let mut listener = PgListener::new(&store).unwrap();
    let records: Vec<_> = (0..30).map(testing::synthetic_record).collect();
    let hashes = sitrep_store::content_hashes(&records);
    let docs = sitrep_store::with_hashes(&records, &hashes);
    store.ingest_batch(&docs[..10]).unwrap();
    let first = listener.wait(Duration::from_secs(5)).unwrap();
    assert_eq!(first, Some(store.last_change().unwrap()));
    // A batch of duplicates commits nothing and announces nothing.
    store.ingest_batch(&docs[..10]).unwrap();
    assert_eq!(listener.wait(Duration::from_millis(300)).unwrap(), None);
    store.ingest_batch(&docs[10..]).unwrap();
    let second = listener.wait(Duration::from_secs(5)).unwrap();
    assert!(second > first);
    assert_eq!(second, Some(store.last_change().unwrap()));
    assert_eq!(listener.wait(Duration::from_millis(300)).unwrap(), None);
}

/// Reports of the same 60 real events, each event reported by four outlets. Every thread
/// stores one outlet's reports in the order of the events, one document per transaction, so
/// that reports of one event arrive at the same moment.
fn racing_records() -> Vec<Vec<sitrep_model::DocumentRecord>> {
    let outlets = ["Reuters", "AP", "Ukrinform", "BBC"];
    outlets
        .iter()
        .enumerate()
        .map(|(o, outlet)| {
            let recs: Vec<_> = (0..60)
                .map(|i| {
                    let mut r = testing::synthetic_record(i);
                    r.events.truncate(1);
                    // One event every five days, so that different events never merge.
                    let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
                        + chrono::Duration::days(5 * i as i64);
                    let date = sitrep_model::PartialDate::from_naive(day);
                    let d = r.events[0].date.as_mut().unwrap();
                    d.start = date;
                    d.end = date;
                    r.document.published = Some(day);
                    r.document.outlet = Some(outlet.to_string());
                    r.document.doc = sitrep_model::DocId(format!("{outlet}-{i}"));
                    r.document.url = Some(format!("https://{o}.example/{i}"));
                    r.document.text = format!("{outlet} #{i}: {}", r.document.text);
                    r
                })
                .collect();
            recs
        })
        .collect()
}

fn race(url: &str, locking: bool) -> u64 {
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
    let handles: Vec<_> = racing_records()
        .into_iter()
        .map(|recs| {
            let url = url.to_string();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut store = PgStore::connect_with(
                    &url,
                    PgOptions {
                        locking,
                        postgis: false,
                        ..PgOptions::default()
                    },
                )
                .unwrap();
                barrier.wait();
                for r in &recs {
                    store
                        .ingest_document(r, &content_hash(&r.document.text))
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let store = PgStore::connect(url).unwrap();
    store.stats().unwrap().events
}

/// Four writers storing reports of the same events at the same moment: without the cell
/// locks they create duplicates of events, with them the record has one event per real event.
#[test]
fn racing_writers_duplicate_events_without_the_locks_and_never_with_them() {
    let Some(server) = server() else { return };
    let mut expected = SqliteStore::open_in_memory().unwrap();
    for recs in racing_records() {
        for r in recs {
            expected
                .ingest_document(&r, &content_hash(&r.document.text))
                .unwrap();
        }
    }
    let events = expected.stats().unwrap().events;
    assert_eq!(events, 60, "one event per real event in one process");
    let mut duplicated = false;
    for _ in 0..5 {
        let schema = Schema::new(&server);
        drop(schema.store(false));
        let n = race(&schema.url, false);
        assert!(n >= events);
        if n > events {
            duplicated = true;
            break;
        }
    }
    assert!(
        duplicated,
        "without the locks, racing writers duplicate events"
    );
    for _ in 0..3 {
        let schema = Schema::new(&server);
        drop(schema.store(false));
        assert_eq!(race(&schema.url, true), events);
    }
}

#[test]
fn watchers_share_the_feed_list_through_the_store() {
    let Some(server) = server() else { return };
    let schema = Schema::new(&server);
    let mut a = schema.store(false);
    let mut b = schema.store(false);
    sitrep_store::watch::check_feed_queue(&mut a, &mut b);
}

/// The server restarting under a running writer: the writer reconnects and goes on, and the
/// record holds every document once. Needs `SITREP_TEST_POSTGRES_RESTART`, a shell command that
/// restarts the test server (`.ci/run` sets it).
#[test]
fn a_writer_survives_the_server_restarting() {
    let Some(server) = server() else { return };
    let Ok(restart) = std::env::var("SITREP_TEST_POSTGRES_RESTART") else {
        eprintln!(
            "skipped: set SITREP_TEST_POSTGRES_RESTART to a command that restarts the test server"
        );
        return;
    };
    let schema = Schema::new(&server);
    let records: Vec<_> = (0..400).map(testing::synthetic_record).collect();
    let mut expected = SqliteStore::open_in_memory().unwrap();
    let hashes = sitrep_store::content_hashes(&records);
    for chunk in sitrep_store::with_hashes(&records, &hashes).chunks(10) {
        expected.ingest_batch(chunk).unwrap();
    }
    let url = schema.url.clone();
    let writer = std::thread::spawn(move || {
        let mut store = PgStore::connect(&url).unwrap();
        let hashes = sitrep_store::content_hashes(&records);
        let docs = sitrep_store::with_hashes(&records, &hashes);
        let mut batches = 0;
        for chunk in docs.chunks(10) {
            store.ingest_batch(chunk).expect("the writer goes on");
            batches += 1;
            std::thread::sleep(Duration::from_millis(40));
        }
        batches
    });
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !writer.is_finished(),
        "the server restarts under the writer"
    );
    let status = std::process::Command::new("sh")
        .args(["-c", &restart])
        .status()
        .unwrap();
    assert!(status.success(), "the restart command failed");
    assert_eq!(writer.join().unwrap(), 40);
    let store = schema.store(false);
    let (got, want) = (store.stats().unwrap(), expected.stats().unwrap());
    assert_eq!(
        (got.documents, got.events, got.reports),
        (want.documents, want.events, want.reports)
    );
    assert_eq!(
        strip(store.events(&EventFilter::default()).unwrap()),
        strip(expected.events(&EventFilter::default()).unwrap())
    );
}
