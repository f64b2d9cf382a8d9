//! Gazetteer benchmark: how long the embedded gazetteer takes to load, and how fast place
//! recognition runs over a corpus of report-style sentences (the test sentences of the crate,
//! repeated to about 2 MB). Prints figures; asserts nothing about time.

use sitrep_recognise::places::Gazetteer;
use std::time::Instant;

const SENTENCES: &[&str] = &[
    "KYIV, Ukraine — Ukraine fired six ATACMS missiles at a military facility in Russia's Bryansk region early on Tuesday, the Russian Defence Ministry said.",
    "Debris fell near Russia's Bryansk airport and caused a fire at the Karachev facility.",
    "Russia launched one of its largest combined attacks on Kyiv overnight, firing drones and missiles at the capital and the Kyiv region.",
    "Fires broke out near Odessa and in Kharkiv oblast; in Warsaw, Poland scrambled jets.",
    "President Volodymyr Zelensky said the attack showed Moscow had no interest in peace, The Moscow Times reported.",
    "Russian forces pressed toward Pokrovsk and Kostiantynivka in the Donetsk Oblast, while drones hit Sumy and Dnipro.",
    "Satellite images show damage at Engels air base and at the Saky airfield in Crimea.",
    "Shelling of Kherson, Nikopol and Huliaipole killed three people, regional governors said.",
    "Belgorod Governor Vyacheslav Gladkov said Shebekino was hit; the Kursk Region reported drones over Sudzha.",
    "Уночі ворог атакував Київ, Харків та Одесу. Москва заявила про удар.",
    "Will the talks succeed? Mobile networks were down in Kramatorsk and Sloviansk.",
    "The Kyiv Independent cited officials in Lviv, Izmail and Mykolaiv; the Moskva cruiser sank in 2022.",
];

/// CPU time of this process in milliseconds (Linux `/proc/self/stat`, 100 ticks a second), to
/// report alongside wall time on a shared machine.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0)
}

fn main() {
    // `cargo bench --bench gazetteer -- FILE...` lists the places found in each text file.
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !files.is_empty() {
        let g = Gazetteer::embedded();
        for f in files {
            match std::fs::read(&f) {
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    println!("== {f}");
                    for m in g.find(&text, &[]) {
                        if let sitrep_model::MentionValue::Place(p) = &m.value {
                            println!(
                                "{}..{} {:?} -> {} [{:?}] {} {:?} ({:.3}, {:.3})",
                                m.start,
                                m.end,
                                m.text,
                                p.name,
                                p.feature,
                                p.id,
                                p.country,
                                p.lat,
                                p.lon
                            );
                        }
                    }
                }
                Err(e) => eprintln!("{f}: {e}"),
            }
        }
        return;
    }
    let c0 = cpu_ms();
    let t0 = Instant::now();
    let g = Gazetteer::embedded();
    let load = t0.elapsed();
    let c1 = cpu_ms();
    println!(
        "gazetteer: {} records, loaded in {:.0} ms wall, {} ms CPU",
        g.len(),
        load.as_secs_f64() * 1000.0,
        c0.zip(c1)
            .map_or("?".to_string(), |(a, b)| format!("{:.0}", b - a))
    );

    let mut corpus = String::new();
    while corpus.len() < 2_000_000 {
        for s in SENTENCES {
            corpus.push_str(s);
            corpus.push('\n');
        }
    }
    // Recognition runs per document; split the corpus into ~2 KB documents.
    let docs: Vec<&str> = corpus
        .as_bytes()
        .chunks(2000)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let c2 = cpu_ms();
    let t1 = Instant::now();
    let mut mentions = 0usize;
    for d in &docs {
        mentions += g.find(d, &[]).len();
    }
    let secs = t1.elapsed().as_secs_f64();
    let cpu_secs = c2.zip(cpu_ms()).map(|(a, b)| (b - a) / 1000.0);
    println!(
        "recognition: {} docs, {:.1} MB, {} mentions in {:.2} s wall = {:.2} MB/s; {}",
        docs.len(),
        bytes as f64 / 1e6,
        mentions,
        secs,
        bytes as f64 / 1e6 / secs,
        cpu_secs
            .filter(|c| *c > 0.0)
            .map_or("CPU time unknown".to_string(), |c| format!(
                "{:.2} s CPU = {:.2} MB/s CPU",
                c,
                bytes as f64 / 1e6 / c
            ))
    );
}
