//! Throughput of the date and quantity scanners over a corpus of wire-style sentences.
//!
//! Run with `cargo bench -p sitrep-recognise --bench dates_numbers`. The corpus
//! (`benches/corpus/dates_numbers.txt`) is repeated to a few megabytes; each scanner is timed
//! over it, next to a baseline that only reads every byte (counting digits), so that figures
//! from different machines can be compared. The run asserts how many mentions each scanner
//! finds, so a speed-up that loses mentions fails.

use chrono::NaiveDate;
use std::hint::black_box;
use std::time::{Duration, Instant};

const CORPUS: &str = include_str!("corpus/dates_numbers.txt");
/// Mentions found in one copy of the corpus.
const DATES_PER_COPY: usize = 22;
const QUANTITIES_PER_COPY: usize = 36;
const COPIES: usize = 2000;

fn time<T>(label: &str, bytes: usize, mut f: impl FnMut() -> T) -> T {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..5 {
        let t = Instant::now();
        let r = black_box(f());
        best = best.min(t.elapsed());
        out = Some(r);
    }
    let mbs = bytes as f64 / 1e6 / best.as_secs_f64();
    println!(
        "{label:<28} {:>8.2} ms {mbs:>9.1} MB/s",
        best.as_secs_f64() * 1e3
    );
    out.expect("timed at least once")
}

fn main() {
    let published = NaiveDate::from_ymd_opt(2025, 6, 6);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
    let mut text = String::with_capacity(CORPUS.len() * COPIES + COPIES);
    for _ in 0..COPIES {
        text.push_str(CORPUS);
        text.push('\n');
    }
    let n = text.len();
    println!("corpus: {} copies, {:.1} MB", COPIES, n as f64 / 1e6);

    let digits = time("baseline: byte scan", n, || {
        text.bytes().filter(u8::is_ascii_digit).count()
    });
    assert!(digits > 0);

    let dates = time("dates::find", n, || {
        sitrep_recognise::dates::find_with_today(&text, published, today).len()
    });
    let quantities = time("numbers::find", n, || {
        sitrep_recognise::numbers::find(&text).len()
    });

    assert_eq!(dates, DATES_PER_COPY * COPIES, "dates found");
    assert_eq!(quantities, QUANTITIES_PER_COPY * COPIES, "quantities found");
    println!("dates: {dates}, quantities: {quantities}");
}
