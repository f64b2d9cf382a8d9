//! Ingest speed of the SQLite store: storing pre-extracted documents with fusion, as
//! `sitrep ingest` does after extraction, one transaction per document and in batches.
//!
//! The documents are read from `SITREP_BENCH_RECORDS`, a JSON-lines file as
//! `sitrep extract --mentions` writes it (the same records `sitrep ingest` stores), or else are
//! `SITREP_BENCH_DOCS` (default 2,000) synthetic articles. Each mode runs `SITREP_BENCH_RUNS`
//! times (default 5) on a fresh database file; the median run is reported. A run's time covers
//! everything the store does for the documents: the content hash, opening (creating) the
//! database, ingesting, and closing it (the final WAL checkpoint). `SITREP_BENCH_BATCHES`
//! (default `1,8,64`) lists the batch sizes to try.
//!
//! Run:
//! ```text
//! sitrep extract -j 1 --mentions INPUTS... > /tmp/records.jsonl
//! SITREP_BENCH_RECORDS=/tmp/records.jsonl cargo bench -p sitrep-store --bench ingest
//! ```

use sitrep_model::DocumentRecord;
use sitrep_store::{content_hashes, testing, with_hashes, SqliteStore, Store};
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
            let n = env_usize("SITREP_BENCH_DOCS", 2_000);
            (
                format!("{n} synthetic articles"),
                (0..n).map(testing::synthetic_record).collect(),
            )
        }
    }
}

/// One run: a fresh database, the documents stored in batches of `batch`, the store closed.
/// Returns the time and the stats line.
fn run(records: &[DocumentRecord], batch: usize) -> (Duration, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ingest.db");
    let t = Instant::now();
    let mut store = SqliteStore::open(&path).expect("open");
    let opened = t.elapsed();
    let mut merged = 0;
    for chunk in records.chunks(batch) {
        let hashes = content_hashes(chunk);
        let out = store
            .ingest_batch(&with_hashes(chunk, &hashes))
            .expect("ingest");
        merged += out.iter().map(|o| o.merged_events).sum::<usize>();
    }
    let stats = store.stats().expect("stats");
    let ingested = t.elapsed();
    drop(store);
    let elapsed = t.elapsed();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (
        elapsed,
        format!(
            "{} documents, {} reports -> {} events, {merged} merges; open {:.1} ms, \
             ingest {:.1} ms, close {:.1} ms",
            stats.documents,
            stats.reports,
            stats.events,
            ms(opened),
            ms(ingested - opened),
            ms(elapsed - ingested)
        ),
    )
}

fn main() {
    let (what, records) = load_records();
    let runs = env_usize("SITREP_BENCH_RUNS", 5).max(1);
    println!("ingesting {} documents from {what}", records.len());
    let batches: Vec<usize> = std::env::var("SITREP_BENCH_BATCHES")
        .ok()
        .map(|v| v.split(',').filter_map(|b| b.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 8, 64]);
    for batch in batches.into_iter().filter(|b| *b > 0) {
        let mut times = Vec::new();
        let mut summary = String::new();
        for _ in 0..runs {
            let (t, s) = run(&records, batch);
            times.push(t);
            summary = s;
        }
        times.sort();
        let t = times[times.len() / 2].as_secs_f64();
        let n = records.len().max(1) as f64;
        println!(
            "batch {batch:>3}: {:>8.1} ms, {:.3} ms/document, {:>6.0} documents/s ({summary})",
            t * 1e3,
            t * 1e3 / n,
            n / t
        );
    }
}
