//! Speed of the events stage over the test articles, with the sentence splitter alone as the
//! baseline in the same run. Prints documents per second and checks the event count, so that
//! a faster run that finds fewer events is not mistaken for progress.

use sitrep_model::{DocId, Document};
use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let docs: Vec<Document> = names
        .iter()
        .map(|p| Document {
            doc: DocId(p.file_name().unwrap().to_string_lossy().into_owned()),
            text: std::fs::read_to_string(p).unwrap(),
            ..Document::default()
        })
        .collect();
    let rec = sitrep_recognise::Recogniser::new();
    let mentions: Vec<_> = docs.iter().map(|d| rec.recognise(d)).collect();
    let rounds = 2000;

    let t = Instant::now();
    let mut sentences = 0usize;
    for _ in 0..rounds {
        for d in &docs {
            sentences += sitrep_events::text::split(&d.text).len();
        }
    }
    let base = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut events = 0usize;
    for _ in 0..rounds {
        for (d, m) in docs.iter().zip(&mentions) {
            events += sitrep_events::extract(d, m).len();
        }
    }
    let full = t.elapsed().as_secs_f64();

    let t = Instant::now();
    for _ in 0..rounds / 20 {
        for d in &docs {
            let m = rec.recognise(d);
            std::hint::black_box(sitrep_events::extract(d, &m));
        }
    }
    let pipeline = t.elapsed().as_secs_f64() * 20.0;

    let n = (rounds * docs.len()) as f64;
    println!(
        "sentence splitter: {:.0} docs/s ({} sentences)",
        n / base,
        sentences / rounds
    );
    println!(
        "events::extract:   {:.0} docs/s ({} events)",
        n / full,
        events / rounds
    );
    println!("recognise+extract: {:.0} docs/s", n / pipeline);
    assert!(
        events / rounds >= docs.len(),
        "every test article reports at least one event"
    );
}
