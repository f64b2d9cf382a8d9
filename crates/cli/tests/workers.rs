//! Many `sitrep ingest` processes into one PostgreSQL record give the record one process gives.
//!
//! Needs a server: `SITREP_TEST_POSTGRES=postgres://...` (a database in which the user may
//! create schemas); without it the tests print that they were skipped. The documents are
//! generated reports of shared events by several outlets (HTML pages with their publication
//! date and outlet), with the article pages of `../shared/bench/article-extraction` added when
//! that folder exists, 2,000 in all, split among four workers in random order.
//!
//! Fusion depends on the order in which documents arrive, so the record is compared with an
//! SQLite record fed the same documents in the order the workers committed them (the store
//! keeps that order): the events, their sources and their contradictions must be identical.
//! An SQLite record built one document at a time never holds two events that fusion would
//! merge, so neither does the shared one.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ENV: &str = "SITREP_TEST_POSTGRES";
const DOCUMENTS: usize = 2000;
const WORKERS: usize = 4;

fn server() -> Option<String> {
    match std::env::var(ENV) {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            eprintln!("skipped: set {ENV}=postgres://... to run the PostgreSQL worker tests");
            None
        }
    }
}

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

const CITIES: [&str; 12] = [
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Zaporizhzhia",
    "Sumy",
    "Kherson",
    "Mykolaiv",
    "Chernihiv",
    "Poltava",
    "Kryvyi Rih",
    "Lviv",
    "Kyiv",
];
const OUTLETS: [&str; 6] = [
    "Reuters",
    "Ukrinform",
    "Kyiv Independent",
    "Suspilne",
    "Associated Press",
    "BBC",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One outlet's report of event `e` as an HTML page.
fn report_page(e: usize, k: usize, rng: &mut Rng) -> (String, String) {
    use chrono::Datelike;
    let base = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let day = base + chrono::Duration::days(((e * 37) % 330) as i64);
    let city = CITIES[(e * 7 + e / 12) % CITIES.len()];
    let outlet = OUTLETS[(e + k * 5) % OUTLETS.len()];
    let month = MONTHS[day.month0() as usize];
    let dom = day.day();
    let launched = 6 + (e % 20) + if k == 3 { 2 } else { 0 };
    let downed = launched - 1 - (e % 4);
    let body = match (e % 3, k % 3) {
        (0, 0) => format!(
            "Russian forces launched {launched} Shahed drones at {city} overnight on {month} {dom}, \
             the regional governor said. Air defence units shot down {downed} of them, and debris \
             damaged a warehouse."
        ),
        (0, 1) => format!(
            "{city} came under a drone attack on the night of {month} {dom}. According to the \
             Ukrainian Air Force, Russia used {launched} attack drones against the city; {downed} \
             were destroyed. No casualties were reported."
        ),
        (0, _) => format!(
            "Explosions were heard in {city} on {month} {dom} as air defence repelled a Russian \
             drone attack, local officials said. {downed} of {launched} Shahed drones were shot down."
        ),
        (1, 0) => format!(
            "Russia struck {city} with missiles on {month} {dom}, the head of the regional \
             military administration said. Two people were injured."
        ),
        (1, 1) => format!(
            "A Russian missile strike hit an industrial facility in {city} on {month} {dom}, \
             Ukrainian officials reported. Two people were wounded, according to the regional \
             administration."
        ),
        (1, _) => format!(
            "On {month} {dom}, Russian forces launched a missile attack on {city}, local \
             authorities said, injuring two people."
        ),
        (_, 0) => format!(
            "Russian artillery shelled {city} on {month} {dom}, the regional governor said. \
             Houses and a school were damaged."
        ),
        (_, 1) => format!(
            "Russian troops shelled residential areas of {city} on {month} {dom}, damaging \
             houses, local officials reported."
        ),
        _ => format!(
            "The Russian army shelled {city} on {month} {dom}, officials said, and a school \
             building was damaged."
        ),
    };
    let title = format!("{city}: report {e}-{k}");
    let html = format!(
        "<!DOCTYPE html><html><head><title>{title}</title>\
         <meta property=\"og:site_name\" content=\"{outlet}\">\
         <meta property=\"article:published_time\" content=\"{day}T09:{:02}:00Z\">\
         </head><body><article><h1>{title}</h1><p>{body}</p>\
         <p>Reporting by the {outlet} desk, item {}.</p></article></body></html>",
        rng.below(60),
        rng.next() % 100_000
    );
    (format!("ev{e:04}-{k}.html"), html)
}

/// Writes the documents; returns their paths.
fn documents(dir: &Path, rng: &mut Rng) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/article-extraction/html");
    if let Ok(rd) = std::fs::read_dir(&shared) {
        let mut found: Vec<PathBuf> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        found.truncate(DOCUMENTS / 4);
        paths.extend(found);
    } else {
        eprintln!("(no ../shared article pages: generated reports only)");
    }
    let mut e = 0;
    while paths.len() < DOCUMENTS {
        let outlets = 2 + e % 3;
        for k in 0..outlets {
            if paths.len() >= DOCUMENTS {
                break;
            }
            let (name, html) = report_page(e, k, rng);
            let p = dir.join(name);
            std::fs::write(&p, html).unwrap();
            paths.push(p);
        }
        e += 1;
    }
    paths
}

/// A fresh schema on the server; the URL that selects it.
fn schema_url(server: &str, name: &str) -> String {
    let mut c = postgres::Client::connect(server, postgres::NoTls).unwrap();
    c.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
    ))
    .unwrap();
    let sep = if server.contains('?') { '&' } else { '?' };
    format!("{server}{sep}options=-csearch_path%3D{name}%2Cpublic")
}

fn drop_schema(server: &str, name: &str) {
    if let Ok(mut c) = postgres::Client::connect(server, postgres::NoTls) {
        let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"));
    }
}

fn worker(db: &str, files: &[PathBuf]) -> Command {
    let mut c = sitrep();
    c.args(["ingest", "-q", "-j", "1", "--db", db])
        .args(files)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn run_workers(db: &str, parts: &[Vec<PathBuf>]) {
    let children: Vec<_> = parts
        .iter()
        .map(|p| worker(db, p).spawn().expect("worker starts"))
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success() || out.status.code() == Some(1),
            "worker failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Events as JSON without their timestamps, latest first.
fn events_json(db: &str) -> Vec<serde_json::Value> {
    let out = sitrep()
        .args(["events", "--format", "json", "--db", db])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    for e in &mut v {
        let o = e.as_object_mut().unwrap();
        o.remove("first_seen");
        o.remove("last_updated");
    }
    v
}

fn counts(url: &str) -> sitrep_store::Stats {
    let store = sitrep_store::PgStore::connect(url).unwrap();
    sitrep_store::Store::stats(&store).unwrap()
}

/// Checks the shared record: every document complete, and the same record as SQLite fed in
/// commit order. Returns the number of events.
fn check_against_commit_order(
    url: &str,
    by_name: &std::collections::HashMap<String, PathBuf>,
    dir: &Path,
) -> usize {
    let mut store = sitrep_store::PgStore::connect(url).unwrap();
    for (doc, reports, _claims, events) in store.document_contents().unwrap() {
        assert_eq!(reports, events, "{doc} is stored whole");
    }
    let order = store.commit_order().unwrap();
    let stats = sitrep_store::Store::stats(&store).unwrap();
    assert_eq!(order.len() as u64, stats.documents);
    let files: Vec<&PathBuf> = order
        .iter()
        .map(|d| {
            by_name
                .get(&d.0)
                .unwrap_or_else(|| panic!("{} is one of the inputs", d.0))
        })
        .collect();
    let reference = dir.join(format!("reference-{}.db", stats.documents));
    let _ = std::fs::remove_file(&reference);
    let out = sitrep()
        .args(["ingest", "-q", "-j", "1", "--db"])
        .arg(&reference)
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success() || out.status.code() == Some(1));
    let reference = reference.to_string_lossy().into_owned();
    let expected = events_json(&reference);
    let got = events_json(url);
    assert_eq!(
        got.len(),
        expected.len(),
        "as many events as one process makes"
    );
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g, e, "the same event, sources and contradictions");
    }
    got.len()
}

#[test]
fn four_workers_give_the_record_of_one_process_even_when_one_is_killed() {
    let Some(server) = server() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut paths = documents(dir.path(), &mut rng);
    let by_name: std::collections::HashMap<String, PathBuf> = paths
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                p.clone(),
            )
        })
        .collect();
    rng.shuffle(&mut paths);
    let parts: Vec<Vec<PathBuf>> = paths
        .chunks(paths.len().div_ceil(WORKERS))
        .map(<[PathBuf]>::to_vec)
        .collect();

    // Four workers at once.
    let name = format!("sitrep_w{}", std::process::id());
    let url = schema_url(&server, &name);
    run_workers(&url, &parts);
    let events = check_against_commit_order(&url, &by_name, dir.path());
    let stats = counts(&url);
    assert!(stats.documents > (DOCUMENTS as u64) * 8 / 10, "{stats:?}");
    assert!(
        (events as u64) < stats.reports,
        "reports of shared events were fused: {stats:?}"
    );
    // Running the same workers again adds nothing.
    run_workers(&url, &parts);
    assert_eq!(counts(&url), stats);
    drop_schema(&server, &name);

    // One worker killed in the middle of its work, then started again.
    let name = format!("sitrep_k{}", std::process::id());
    let url = schema_url(&server, &name);
    let mut children: Vec<_> = parts
        .iter()
        .map(|p| worker(&url, p).spawn().expect("worker starts"))
        .collect();
    let started = std::time::Instant::now();
    loop {
        let n = counts(&url).documents;
        if n >= 300 || started.elapsed() > std::time::Duration::from_secs(120) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    children[0].kill().expect("kill -9");
    children[0].wait().unwrap();
    for c in children.drain(1..) {
        assert!(c
            .wait_with_output()
            .unwrap()
            .status
            .code()
            .is_some_and(|c| c <= 1));
    }
    let after_kill = counts(&url);
    assert!(
        after_kill.documents < stats.documents,
        "the killed worker left work undone"
    );
    // Nothing half-written: every stored document is complete.
    let mut store = sitrep_store::PgStore::connect(&url).unwrap();
    for (doc, reports, _claims, events) in store.document_contents().unwrap() {
        assert_eq!(reports, events, "{doc} is stored whole");
    }
    drop(store);
    run_workers(&url, &parts[..1]);
    let events_after = check_against_commit_order(&url, &by_name, dir.path());
    assert_eq!(counts(&url).documents, stats.documents);
    assert!(events_after > 0);
    drop_schema(&server, &name);
}
