//! `sitrep bench`: the speed of each stage on a set of inputs, single thread, with a baseline
//! measured in the same run so that figures from noisy, shared machines can be compared as ratios.
//!
//! The inputs are read into memory first; each round then runs every stage over every record:
//! ingest (decoding, main-text extraction, clean-up, metadata), recognition, event extraction,
//! and fusion with storage into a new database file in the system's temporary folder, committed
//! in batches as `sitrep ingest` does.
//! The baseline is one pass over the same bytes that counts line breaks, the cheapest work any
//! reader must do.

use crate::sections;
use anyhow::{bail, Result};
use sitrep_ingest::{IngestOptions, Payload, RawDoc};
use sitrep_model::DocumentRecord;
use sitrep_recognise::Recogniser;
use sitrep_store::{SqliteStore, Store};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Files or folders to measure on (read into memory before timing).
    #[arg(required = true)]
    inputs: Vec<String>,
    /// How many times to run over the inputs; the fastest round counts.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Publication date to resolve relative dates against.
    #[arg(long)]
    published: Option<String>,
}

struct Timing {
    stage: &'static str,
    best: Duration,
}

/// The bytes a record carries, as read from its input.
fn payload_bytes(raw: &RawDoc) -> &[u8] {
    match &raw.payload {
        Payload::Text(s) | Payload::Fragment(s) => s.as_bytes(),
        Payload::Html(b) => b,
        Payload::Empty => &[],
    }
}

pub fn run(args: BenchArgs, places: sitrep_recognise::places::Gazetteer) -> Result<bool> {
    let published = match &args.published {
        Some(s) => Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")?),
        None => None,
    };
    let opts = IngestOptions {
        published,
        fetch_pages: false,
    };
    let started = Instant::now();
    let recogniser = Recogniser::with_places(places);
    let load = started.elapsed();

    let raws: Vec<RawDoc> = sitrep_ingest::sources(&args.inputs, &opts)
        .filter_map(|r| r.ok())
        .collect();
    if raws.is_empty() {
        bail!("no documents could be read from the inputs");
    }
    let bytes: usize = raws.iter().map(|r| payload_bytes(r).len()).sum();
    let rounds = args.rounds.max(1);

    let mut baseline = Duration::MAX;
    let mut ingest = Duration::MAX;
    let mut recognise = Duration::MAX;
    let mut events = Duration::MAX;
    let mut store = Duration::MAX;
    let mut text_bytes = 0usize;
    let mut event_count = 0usize;
    let mut mention_count = 0usize;
    for _ in 0..rounds {
        let t = Instant::now();
        let mut lines = 0usize;
        for raw in &raws {
            lines += payload_bytes(raw).iter().filter(|&&b| b == b'\n').count();
        }
        std::hint::black_box(lines);
        baseline = baseline.min(t.elapsed());

        // `to_document` consumes its input: each round works on a copy made before timing,
        // as `sitrep ingest` works on records it has just read.
        let round: Vec<RawDoc> = raws.clone();
        let t = Instant::now();
        let docs: Vec<_> = round
            .into_iter()
            .map(|raw| sitrep_ingest::to_document(raw, &opts))
            .collect();
        ingest = ingest.min(t.elapsed());

        // Long texts are analysed in sections, as the pipeline does (`crate::sections`).
        let t = Instant::now();
        let units: Vec<_> = docs
            .iter()
            .map(|d| sections::split(d, sections::WHOLE_BYTES, sections::SECTION_BYTES))
            .collect();
        let found: Vec<Vec<_>> = units
            .iter()
            .map(|u| u.iter().map(|(_, s)| recogniser.recognise(s)).collect())
            .collect();
        recognise = recognise.min(t.elapsed());

        let t = Instant::now();
        let (mentions, evs): (Vec<_>, Vec<_>) = docs
            .iter()
            .zip(units.iter().zip(found))
            .map(|(d, (u, m))| {
                let parts = u
                    .iter()
                    .zip(m)
                    .map(|((at, s), m)| {
                        let e = sitrep_events::extract(s, &m);
                        (*at, m, e)
                    })
                    .collect();
                sections::join(d, parts)
            })
            .unzip();
        events = events.min(t.elapsed());
        drop(units);

        let records: Vec<DocumentRecord> = docs
            .iter()
            .zip(mentions.iter().zip(&evs))
            .map(|(d, (m, e))| DocumentRecord {
                document: d.clone(),
                events: e.clone(),
                mentions: Some(m.clone()),
            })
            .collect();
        store = store.min(store_round(&records)?);

        text_bytes = docs.iter().map(|d| d.text.len()).sum();
        mention_count = mentions.iter().map(Vec::len).sum();
        event_count = evs.iter().map(Vec::len).sum();
    }

    let n = raws.len() as f64;
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "{} documents, {:.1} MB of input, {:.1} MB of cleaned text, {} mentions, {} events; best of {} rounds, one thread",
        raws.len(),
        mb(bytes),
        mb(text_bytes),
        mention_count,
        event_count,
        rounds
    );
    println!("resources loaded in {:.0} ms", load.as_secs_f64() * 1e3);
    println!(
        "{:<28} {:>12} {:>10} {:>12}",
        "stage", "documents/s", "MB/s", "vs baseline"
    );
    let total = ingest + recognise + events;
    let rows = [
        Timing {
            stage: "baseline (scan input bytes)",
            best: baseline,
        },
        Timing {
            stage: "ingest (input bytes)",
            best: ingest,
        },
        Timing {
            stage: "recognise (text bytes)",
            best: recognise,
        },
        Timing {
            stage: "events (text bytes)",
            best: events,
        },
        Timing {
            stage: "whole pipeline (input)",
            best: total,
        },
        Timing {
            stage: "fuse + store (documents)",
            best: store,
        },
        Timing {
            stage: "pipeline + store (input)",
            best: total + store,
        },
    ];
    for row in rows {
        let secs = row.best.as_secs_f64().max(1e-9);
        let volume = match row.stage {
            s if s.starts_with("recognise") || s.starts_with("events") || s.starts_with("fuse") => {
                text_bytes
            }
            _ => bytes,
        };
        println!(
            "{:<28} {:>12.0} {:>10.1} {:>11.4}x",
            row.stage,
            n / secs,
            mb(volume) / secs,
            baseline.as_secs_f64() / secs
        );
    }
    if let Some(kb) = peak_rss_kb() {
        println!("peak resident memory {:.1} MB", kb as f64 / 1024.0);
    }
    Ok(true)
}

/// Time to fuse and store `records` into a new database file, committed in batches as
/// `sitrep ingest` commits them: opening the file, every transaction and closing it. The file
/// lives in the system's temporary folder and is removed afterwards.
fn store_round(records: &[DocumentRecord]) -> Result<Duration> {
    let dir = std::env::temp_dir();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let path = dir.join(format!("sitrep-bench-{}-{stamp}.db", std::process::id()));
    let hashes = sitrep_store::content_hashes(records);
    let t = Instant::now();
    let result = (|| -> Result<()> {
        let mut store = SqliteStore::open(&path)?;
        let pairs = sitrep_store::with_hashes(records, &hashes);
        for batch in pairs.chunks(crate::db::BATCH_DOCS) {
            store.ingest_batch(batch)?;
        }
        Ok(())
    })();
    let took = t.elapsed();
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    result.map(|()| took)
}

/// The process's peak resident set size, from /proc on Linux.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
