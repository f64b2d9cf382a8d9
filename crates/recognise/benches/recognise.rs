//! Throughput of recognition over cleaned text: the whole [`Recogniser`] and each recogniser
//! alone, single thread, with a baseline measured in the same run (counting the words of the
//! same texts) so that figures from a noisy machine compare as ratios.
//!
//! `cargo bench -p sitrep-recognise --bench recognise -- FILE...` reads the texts from the
//! files: JSON Lines records with a `text` field (as `sitrep extract` prints them) or plain text
//! files. Without files it uses the crate's benchmark corpus. Each measurement is the fastest
//! of several rounds; nothing is asserted about time. `--rounds=N` sets the number of rounds,
//! `--only=STAGE` measures one stage, for a profiler, and `--gazetteer=PATH` uses an imported
//! gazetteer index.

use sitrep_model::Document;
use sitrep_recognise::{dates, numbers, Recogniser};
use std::time::{Duration, Instant};

fn texts_from(path: &str) -> Vec<String> {
    let Ok(body) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {path}");
        return Vec::new();
    };
    let records: Vec<String> = body
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
        .collect();
    if records.is_empty() {
        vec![body]
    } else {
        records
    }
}

fn best_of(rounds: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut n = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        n = std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    (best, n)
}

fn main() {
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let texts: Vec<String> = if files.is_empty() {
        let corpus = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/benches/corpus/dates_numbers.txt"
        );
        texts_from(corpus).into_iter().cycle().take(50).collect()
    } else {
        files.iter().flat_map(|f| texts_from(f)).collect()
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        eprintln!("no text to measure");
        return;
    }
    // `--gazetteer=PATH` recognises places with an imported index (`sitrep gazetteer import`).
    let t = Instant::now();
    let r = match std::env::args().find_map(|a| a.strip_prefix("--gazetteer=").map(String::from)) {
        Some(path) => {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let g = sitrep_recognise::places::Gazetteer::from_index(&path, bytes)
                .unwrap_or_else(|e| panic!("{e}"));
            println!("gazetteer: {path} ({} records)", g.len());
            Recogniser::with_places(g)
        }
        None => Recogniser::new(),
    };
    println!("resources loaded in {} ms", t.elapsed().as_millis());
    let docs: Vec<Document> = texts
        .iter()
        .map(|t| Document {
            text: t.clone(),
            published: chrono::NaiveDate::from_ymd_opt(2025, 6, 3),
            ..Default::default()
        })
        .collect();
    // `--rounds=N` sets how many times each stage runs (the fastest run is reported).
    let rounds = std::env::args()
        .find_map(|a| a.strip_prefix("--rounds=").and_then(|n| n.parse().ok()))
        .unwrap_or(20);
    let (base, _) = best_of(rounds, || {
        texts.iter().map(|t| t.split_whitespace().count()).sum()
    });
    println!(
        "{} texts, {:.2} MB; fastest of {rounds} rounds, one thread",
        texts.len(),
        bytes as f64 / 1e6
    );
    println!(
        "{:<28} {:>10} {:>9} {:>12}",
        "stage", "mentions", "MB/s", "vs baseline"
    );
    // `--only=NAME` measures one stage (and the baseline), e.g. for a profiler.
    let only: Option<String> =
        std::env::args().find_map(|a| a.strip_prefix("--only=").map(String::from));
    let wanted = |name: &str| only.as_deref().is_none_or(|o| name.starts_with(o));
    let row = |name: &str, (d, n): (Duration, usize)| {
        println!(
            "{name:<28} {n:>10} {:>9.1} {:>11.4}x",
            bytes as f64 / d.as_secs_f64() / 1e6,
            base.as_secs_f64() / d.as_secs_f64()
        );
    };
    row("baseline (count words)", (base, 0));
    if wanted("recogniser") {
        row(
            "recogniser (all)",
            best_of(rounds, || docs.iter().map(|d| r.recognise(d).len()).sum()),
        );
    }
    if wanted("places") {
        row(
            "places",
            best_of(rounds, || {
                texts.iter().map(|t| r.places.find(t, &[]).len()).sum()
            }),
        );
    }
    if wanted("actors") {
        row(
            "actors",
            best_of(rounds, || {
                texts.iter().map(|t| r.actors.find(t).len()).sum()
            }),
        );
    }
    if wanted("weapons") {
        row(
            "weapons",
            best_of(rounds, || {
                texts.iter().map(|t| r.weapons.find(t).len()).sum()
            }),
        );
    }
    if wanted("dates") {
        row(
            "dates",
            best_of(rounds, || {
                docs.iter()
                    .map(|d| dates::find(&d.text, d.published).len())
                    .sum()
            }),
        );
    }
    if wanted("quantities") {
        row(
            "quantities",
            best_of(rounds, || {
                texts.iter().map(|t| numbers::find(t).len()).sum()
            }),
        );
    }
}
