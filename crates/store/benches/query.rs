//! Query and ingest speed of the SQLite store.
//!
//! Loads `SITREP_BENCH_EVENTS` (default 1,000,000) synthetic fused events into a temporary
//! database in one transaction, then times each indexed filter against a full-scan baseline in
//! the same run (median of several runs, first page of 100 results as `sitrep events --limit 100`
//! returns it, and the full result set). Then measures ingest throughput: documents per second
//! for storing pre-extracted records with fusion (`SITREP_BENCH_DOCS`, default 2,000).
//!
//! Run: `cargo bench -p sitrep-store --bench query`

use chrono::NaiveDate;
use sitrep_model::{EventKind, Status};
use sitrep_store::{content_hashes, testing, EventFilter, Near, SqliteStore, Store};
use std::time::{Duration, Instant};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time_query(store: &SqliteStore, name: &str, filter: &EventFilter) -> Duration {
    let paged = EventFilter {
        limit: Some(100),
        ..filter.clone()
    };
    let mut page = Vec::new();
    let mut page_n = 0;
    for _ in 0..7 {
        let t = Instant::now();
        page_n = store.events(&paged).expect("query").len();
        page.push(t.elapsed());
    }
    let t = Instant::now();
    let all = store.events(filter).expect("query").len();
    let full = t.elapsed();
    let m = median(page);
    println!(
        "{name:<34} first 100: {:>9.2} ms ({page_n:>3} rows)   all: {:>9.2} ms ({all} rows)",
        m.as_secs_f64() * 1e3,
        full.as_secs_f64() * 1e3
    );
    m
}

fn main() {
    let n = env_usize("SITREP_BENCH_EVENTS", 1_000_000);
    let docs = env_usize("SITREP_BENCH_DOCS", 2_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let mut store = SqliteStore::open(&path).expect("open");

    let t = Instant::now();
    let loaded = store
        .import_fused((0..n).map(testing::synthetic_event))
        .expect("import");
    let secs = t.elapsed().as_secs_f64();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(path.with_extension("db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "loaded {loaded} events in {secs:.1} s ({:.0} events/s), {:.0} MB on disk",
        loaded as f64 / secs,
        size as f64 / 1e6
    );

    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let baseline = time_query(
        &store,
        "baseline: full scan (place substring)",
        &EventFilter {
            place: Some("Atlantis".into()),
            ..Default::default()
        },
    );
    let queries = [
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
            "full text (one word)",
            EventFilter {
                text: Some("Zaporizhzhia".into()),
                ..Default::default()
            },
        ),
    ];
    for (name, f) in &queries {
        let m = time_query(&store, name, f);
        println!(
            "{:<34} {:.0}x faster than the baseline",
            "",
            baseline.as_secs_f64() / m.as_secs_f64().max(1e-9)
        );
    }

    let dir2 = tempfile::tempdir().expect("temp dir");
    let mut fresh = SqliteStore::open(&dir2.path().join("ingest.db")).expect("open");
    let records: Vec<_> = (0..docs).map(testing::synthetic_record).collect();
    let hashes = content_hashes(&records);
    let t = Instant::now();
    let mut merged = 0;
    for (r, h) in records.iter().zip(&hashes) {
        merged += fresh.ingest_document(r, h).expect("ingest").merged_events;
    }
    let secs = t.elapsed().as_secs_f64();
    let stats = fresh.stats().expect("stats");
    println!(
        "ingested {docs} documents ({} reports -> {} events, {merged} merges) in {secs:.2} s: {:.0} documents/s",
        stats.reports,
        stats.events,
        docs as f64 / secs
    );
}
