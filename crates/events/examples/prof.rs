fn main() {
    let path = std::env::args().nth(1).unwrap();
    let docs: Vec<sitrep_model::Document> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            sitrep_model::Document {
                text: v["text"].as_str().unwrap_or("").to_string(),
                published: v["published"].as_str().and_then(|p| {
                    chrono::NaiveDate::parse_from_str(&p[..10.min(p.len())], "%Y-%m-%d").ok()
                }),
                ..Default::default()
            }
        })
        .collect();
    let rec = sitrep_recognise::Recogniser::new();
    let ms: Vec<_> = docs.iter().map(|d| rec.recognise(d)).collect();
    let t = std::time::Instant::now();
    let mut n = 0;
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    for _ in 0..rounds {
        for (d, m) in docs.iter().zip(&ms) {
            n += sitrep_events::extract(d, m).len();
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "{n} events, {:.1} MB/s",
        (bytes * rounds) as f64 / t.elapsed().as_secs_f64() / 1e6
    );
}
