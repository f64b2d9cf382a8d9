//! Speed of the two per-document text hashes that ingest computes: the content hash
//! ([`sitrep_store::content_hash`]) and the near-duplicate fingerprint
//! ([`sitrep_fuse::fingerprint`]).
//!
//! The texts are read from `SITREP_BENCH_TEXTS`, a JSON-lines file with a `"text"` field per
//! line (as `sitrep extract --format jsonl` writes documents), or else are the texts of
//! `SITREP_BENCH_DOCS` (default 200) synthetic articles. Each hash runs over every text
//! `SITREP_BENCH_RUNS` times (default 20); the fastest pass is reported.
//!
//! Run:
//! ```text
//! SITREP_BENCH_TEXTS=/tmp/texts.jsonl cargo bench -p sitrep-store --bench hashes
//! ```

use std::io::BufRead;
use std::time::{Duration, Instant};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn load_texts() -> (String, Vec<String>) {
    match std::env::var_os("SITREP_BENCH_TEXTS") {
        Some(path) => {
            let file = std::fs::File::open(&path)
                .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.to_string_lossy()));
            let texts = std::io::BufReader::new(file)
                .lines()
                .map(|l| l.expect("read"))
                .filter(|l| !l.trim().is_empty())
                .filter_map(|l| {
                    let v: serde_json::Value = serde_json::from_str(&l).expect("JSON per line");
                    v.get("text").and_then(|t| t.as_str()).map(str::to_string)
                })
                .collect();
            (path.to_string_lossy().into_owned(), texts)
        }
        None => {
            let n = env_usize("SITREP_BENCH_DOCS", 200);
            (
                format!("{n} synthetic articles"),
                (0..n)
                    .map(|i| sitrep_store::testing::synthetic_record(i).document.text)
                    .collect(),
            )
        }
    }
}

/// The fastest of `runs` passes of `f` over every text.
fn best<T>(texts: &[String], runs: usize, f: impl Fn(&str) -> T) -> Duration {
    (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            for text in texts {
                std::hint::black_box(f(std::hint::black_box(text)));
            }
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let (source, texts) = load_texts();
    let runs = env_usize("SITREP_BENCH_RUNS", 20);
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} texts, {:.2} MB, from {source}; best of {runs} passes",
        texts.len(),
        bytes as f64 / 1e6
    );
    let report = |what: &str, d: Duration| {
        println!(
            "{what:<14} {:>9.1} us/text {:>8.1} MB/s",
            d.as_secs_f64() * 1e6 / texts.len().max(1) as f64,
            bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
        );
    };
    report(
        "content_hash",
        best(&texts, runs, sitrep_store::content_hash),
    );
    report("fingerprint", best(&texts, runs, sitrep_fuse::fingerprint));
}
