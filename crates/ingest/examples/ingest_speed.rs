//! Times [`sitrep_ingest::to_document`] alone over the records read from the inputs given on the
//! command line, single thread, in memory, and prints the best of several rounds. Meant for
//! profiling the ingest stage without the rest of the pipeline.
//!
//! With `--dump FILE`, the documents of the first round are also written to FILE, one JSON
//! object per line, to compare two builds' output.
//!
//! `cargo run --release -p sitrep-ingest --example ingest_speed -- [--rounds N] [--dump FILE] INPUT...`

use sitrep_ingest::{sources, to_document, IngestOptions, RawDoc};
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut rounds = 5usize;
    if let Some(i) = args.iter().position(|a| a == "--rounds") {
        rounds = args
            .get(i + 1)
            .and_then(|r| r.parse().ok())
            .unwrap_or(rounds);
        args.drain(i..(i + 2).min(args.len()));
    }
    let mut dump = None;
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        dump = args.get(i + 1).cloned();
        args.drain(i..(i + 2).min(args.len()));
    }
    let opts = IngestOptions::default();
    if let Some(path) = dump {
        let mut out = String::new();
        for raw in raws_of(&args, &opts) {
            out.push_str(&serde_json::to_string(&to_document(raw, &opts)).expect("serialises"));
            out.push('\n');
        }
        std::fs::write(&path, out).expect("dump written");
    }
    let raws = raws_of(&args, &opts);
    let bytes: usize = raws
        .iter()
        .map(|r| match &r.payload {
            sitrep_ingest::Payload::Html(b) => b.len(),
            sitrep_ingest::Payload::Text(t) | sitrep_ingest::Payload::Fragment(t) => t.len(),
            sitrep_ingest::Payload::Empty => 0,
        })
        .sum();
    let mut best = f64::MAX;
    let mut sink = 0usize;
    for _ in 0..rounds.max(1) {
        let batch = raws.clone();
        let start = Instant::now();
        for raw in batch {
            sink = sink.wrapping_add(to_document(raw, &opts).text.len());
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} documents, {:.1} MB: best {:.1} ms, {:.0} docs/s, {:.1} MB/s (text bytes {sink})",
        raws.len(),
        bytes as f64 / 1e6,
        best * 1e3,
        raws.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
}

fn raws_of(inputs: &[String], opts: &IngestOptions) -> Vec<RawDoc> {
    sources(inputs, opts).filter_map(Result::ok).collect()
}
