//! The shared store against the embedded one: ingest throughput into PostgreSQL with 1, 2 and 4
//! concurrent writers (each its own connection, as separate `sitrep ingest` processes would
//! be) next to SQLite's single writer, and query latency on 1 million events in both.
//!
//! Needs a server: `SITREP_BENCH_POSTGRES` (or `SITREP_TEST_POSTGRES`) names a database in
//! which the user may create schemas; without it the benchmark says so and stops. Documents are
//! read from `SITREP_BENCH_RECORDS` (JSON lines as `sitrep extract --mentions` writes them) or
//! are `SITREP_BENCH_DOCS` (default 4,000) synthetic articles; their hashes are computed before
//! timing, so the figures are the store's own work. `SITREP_BENCH_WORKERS` (default `1,2,4`)
//! lists the writer counts, `SITREP_BENCH_EVENTS` (default 1,000,000) the size of the query
//! record (0 skips the queries).
//!
//! Run: `SITREP_BENCH_POSTGRES=postgres://... cargo bench -p sitrep-store --bench pg`

use chrono::NaiveDate;
use sitrep_model::{DocumentRecord, EventKind, Status};
use sitrep_store::{
    testing, EventFilter, Near, PgOptions, PgStore, SqliteStore, Store, TextHashes,
};
use std::io::BufRead;
use std::time::{Duration, Instant};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn load_records() -> (String, Vec<DocumentRecord>) {
    match std::env::var_os("SITREP_BENCH_RECORDS") {
        Some(path) => {
            let file = std::fs::File::open(&path)
                .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.to_string_lossy()));
            let records = std::io::BufReader::new(file)
                .lines()
                .map(|l| l.expect("read"))
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(&l).expect("a document record per line"))
                .collect();
            (path.to_string_lossy().into_owned(), records)
        }
        None => {
            let n = env_usize("SITREP_BENCH_DOCS", 4_000);
            (
                format!("{n} synthetic articles"),
                (0..n).map(testing::synthetic_record).collect(),
            )
        }
    }
}

/// A fresh schema; the URL that selects it.
fn fresh_schema(server: &str, name: &str) -> String {
    let mut c = postgres::Client::connect(server, postgres::NoTls).expect("server");
    c.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
    ))
    .expect("schema");
    let sep = if server.contains('?') { '&' } else { '?' };
    format!("{server}{sep}options=-csearch_path%3D{name}%2Cpublic")
}

fn drop_schema(server: &str, name: &str) {
    if let Ok(mut c) = postgres::Client::connect(server, postgres::NoTls) {
        let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"));
    }
}

const BATCH: usize = 64;

/// Stores the records with `workers` writers, each taking every `workers`-th batch.
fn ingest_pg(
    url: &str,
    records: &[DocumentRecord],
    hashes: &[TextHashes],
    workers: usize,
) -> Duration {
    // Connect (and migrate) before timing.
    let stores: Vec<PgStore> = (0..workers)
        .map(|_| {
            PgStore::connect_with(
                url,
                PgOptions {
                    postgis: false,
                    ..PgOptions::default()
                },
            )
            .expect("connect")
        })
        .collect();
    let batches: Vec<Vec<(&DocumentRecord, &TextHashes)>> = records
        .iter()
        .zip(hashes)
        .collect::<Vec<_>>()
        .chunks(BATCH)
        .map(<[_]>::to_vec)
        .collect();
    let t = Instant::now();
    std::thread::scope(|s| {
        for (w, mut store) in stores.into_iter().enumerate() {
            let batches = &batches;
            s.spawn(move || {
                for b in batches.iter().skip(w).step_by(workers) {
                    store.ingest_batch_hashed(b).expect("ingest");
                }
            });
        }
    });
    t.elapsed()
}

fn ingest_sqlite(records: &[DocumentRecord], hashes: &[TextHashes]) -> Duration {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = SqliteStore::open(&dir.path().join("bench.db")).expect("open");
    let t = Instant::now();
    let docs: Vec<(&DocumentRecord, &TextHashes)> = records.iter().zip(hashes).collect();
    for b in docs.chunks(BATCH) {
        store.ingest_batch_hashed(b).expect("ingest");
    }
    drop(store);
    t.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Median time of the first page of 100 results, and the time of the whole result.
fn time_query(store: &dyn Store, filter: &EventFilter) -> (Duration, usize, Duration, usize) {
    let paged = EventFilter {
        limit: Some(100),
        ..filter.clone()
    };
    let mut page = Vec::new();
    let mut n_page = 0;
    for _ in 0..7 {
        let t = Instant::now();
        n_page = store.events(&paged).expect("query").len();
        page.push(t.elapsed());
    }
    let t = Instant::now();
    let n_all = store.events(filter).expect("query").len();
    (median(page), n_page, t.elapsed(), n_all)
}

fn queries() -> Vec<(&'static str, EventFilter)> {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    vec![
        (
            "date range (one month)",
            EventFilter {
                since: day("2023-05-01"),
                until: day("2023-05-31"),
                ..Default::default()
            },
        ),
        (
            "kind + country",
            EventFilter {
                kind: Some(EventKind::DroneStrike),
                country: Some("RU".into()),
                ..Default::default()
            },
        ),
        (
            "kind + country + date range",
            EventFilter {
                kind: Some(EventKind::Shelling),
                country: Some("UA".into()),
                since: day("2024-01-01"),
                until: day("2024-01-31"),
                ..Default::default()
            },
        ),
        (
            "near point, 25 km",
            EventFilter {
                near: Some(Near {
                    lat: 48.5,
                    lon: 31.0,
                    radius_km: 25.0,
                }),
                ..Default::default()
            },
        ),
        (
            "min sources >= 6",
            EventFilter {
                min_sources: Some(6),
                ..Default::default()
            },
        ),
        (
            "status",
            EventFilter {
                status: Some(Status::Claimed),
                ..Default::default()
            },
        ),
        (
            "admin1",
            EventFilter {
                admin1: Some("Kursk Oblast".into()),
                ..Default::default()
            },
        ),
        (
            "actor (substring)",
            EventFilter {
                actor: Some("kursk".into()),
                ..Default::default()
            },
        ),
        (
            "full text (one word)",
            EventFilter {
                text: Some("Zaporizhzhia".into()),
                ..Default::default()
            },
        ),
    ]
}

fn main() {
    let server = std::env::var("SITREP_BENCH_POSTGRES")
        .or_else(|_| std::env::var("SITREP_TEST_POSTGRES"))
        .ok()
        .filter(|s| !s.is_empty());
    let Some(server) = server else {
        println!(
            "no PostgreSQL server: set SITREP_BENCH_POSTGRES=postgres://... to run this benchmark"
        );
        return;
    };
    let workers: Vec<usize> = std::env::var("SITREP_BENCH_WORKERS")
        .unwrap_or_else(|_| "1,2,4".into())
        .split(',')
        .filter_map(|w| w.trim().parse().ok())
        .filter(|&w| w > 0)
        .collect();
    let (what, records) = load_records();
    let hashes: Vec<TextHashes> = records
        .iter()
        .map(|r| TextHashes::of(&r.document.text))
        .collect();
    let n = records.len() as f64;
    println!("ingest: {what}, batches of {BATCH} documents, hashes computed beforehand");
    let sqlite = ingest_sqlite(&records, &hashes);
    println!(
        "  SQLite, 1 writer          {:>8.2} s  {:>7.0} documents/s",
        sqlite.as_secs_f64(),
        n / sqlite.as_secs_f64()
    );
    for &w in &workers {
        let name = format!("sitrep_bench_w{w}");
        let url = fresh_schema(&server, &name);
        let d = ingest_pg(&url, &records, &hashes, w);
        let stats = PgStore::connect(&url)
            .expect("connect")
            .stats()
            .expect("stats");
        println!(
            "  PostgreSQL, {w} writer{}     {:>8.2} s  {:>7.0} documents/s  ({:.2}x SQLite; {} documents, {} events)",
            if w == 1 { " " } else { "s" },
            d.as_secs_f64(),
            n / d.as_secs_f64(),
            sqlite.as_secs_f64() / d.as_secs_f64(),
            stats.documents,
            stats.events,
        );
        drop_schema(&server, &name);
    }

    let events = env_usize("SITREP_BENCH_EVENTS", 1_000_000);
    if events == 0 {
        return;
    }
    println!("\nqueries on {events} events: first page of 100 (median of 7) / whole result");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lite = SqliteStore::open(&dir.path().join("q.db")).expect("open");
    let t = Instant::now();
    lite.import_fused((0..events).map(testing::synthetic_event))
        .expect("import");
    println!("  loaded SQLite in {:.1} s", t.elapsed().as_secs_f64());
    let name = "sitrep_bench_q";
    let url = fresh_schema(&server, name);
    let mut pg = PgStore::connect(&url).expect("connect");
    let t = Instant::now();
    pg.import_fused((0..events).map(testing::synthetic_event))
        .expect("import");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    c.batch_execute("VACUUM ANALYZE events, event_actors, event_weapons")
        .expect("analyze");
    println!(
        "  loaded PostgreSQL in {:.1} s (near: {})",
        t.elapsed().as_secs_f64(),
        if pg.uses_postgis() {
            "PostGIS"
        } else {
            "B-tree"
        }
    );
    println!("  {:<30} {:>22} {:>22}", "", "SQLite", "PostgreSQL");
    for (label, f) in queries() {
        let (lp, ln, la, lan) = time_query(&lite, &f);
        let (pp, pn, pa, pan) = time_query(&pg, &f);
        assert_eq!(
            (ln, lan),
            (pn, pan),
            "{label}: both stores select the same events"
        );
        println!(
            "  {label:<30} {:>8.2} / {:>9.1} ms {:>8.2} / {:>9.1} ms   ({lan} rows)",
            lp.as_secs_f64() * 1e3,
            la.as_secs_f64() * 1e3,
            pp.as_secs_f64() * 1e3,
            pa.as_secs_f64() * 1e3,
        );
    }
    drop(pg);
    drop_schema(&server, name);
}
