//! The `sitrep` binary as a user runs it: on the bundled sample articles, on bad input, and
//! through the store.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env_remove("SITREP_DB")
        // No imported gazetteer unless a test makes one.
        .env("SITREP_GAZETTEER", "/nonexistent/sitrep/gazetteer.idx")
        .output()
        .expect("the sitrep binary runs")
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn jsonl(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn extract_prints_one_contract_object_per_sample_document() {
    let out = sitrep(&["extract", "--format", "jsonl", samples().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = jsonl(&out);
    assert!(docs.len() >= 12, "{} documents", docs.len());
    for d in &docs {
        for key in [
            "doc",
            "title",
            "outlet",
            "author",
            "published",
            "language",
            "text",
            "events",
            "errors",
        ] {
            assert!(d.get(key).is_some(), "{key} missing in {}", d["doc"]);
        }
        let text = d["text"].as_str().unwrap();
        for e in d["events"].as_array().unwrap() {
            for ev in e["evidence"].as_array().unwrap() {
                let (s, t) = (
                    ev["start"].as_u64().unwrap() as usize,
                    ev["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    &text[s..t],
                    ev["text"].as_str().unwrap(),
                    "evidence span points at its text"
                );
            }
        }
    }
    let events: usize = docs
        .iter()
        .map(|d| d["events"].as_array().unwrap().len())
        .sum();
    assert!(events >= 12, "{events} events from the samples");
}

#[test]
fn same_input_gives_same_event_ids() {
    let a = sitrep(&[
        "extract",
        samples()
            .join("03_kharkiv_glide_bombs.txt")
            .to_str()
            .unwrap(),
    ]);
    let b = sitrep(&[
        "extract",
        samples()
            .join("03_kharkiv_glide_bombs.txt")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn mentions_flag_adds_typed_mentions_with_spans() {
    let out = sitrep(&[
        "extract",
        "--mentions",
        samples()
            .join("03_kharkiv_glide_bombs.txt")
            .to_str()
            .unwrap(),
    ]);
    let doc = &jsonl(&out)[0];
    let text = doc["text"].as_str().unwrap();
    let mentions = doc["mentions"].as_array().expect("mentions array");
    let kinds: std::collections::BTreeSet<&str> = mentions
        .iter()
        .map(|m| m["type"].as_str().unwrap())
        .collect();
    for k in ["place", "weapon", "date", "quantity"] {
        assert!(kinds.contains(k), "no {k} mention: {kinds:?}");
    }
    for m in mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
    }
    let kharkiv = mentions
        .iter()
        .find(|m| m["text"] == "Kharkiv")
        .expect("Kharkiv is a place");
    assert_eq!(kharkiv["value"]["country"], "UA");
}

#[test]
fn published_flag_resolves_relative_dates() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("note.txt");
    std::fs::write(&f, "Russian drones struck Sumy on Sunday, killing two people, the regional administration said.\n").unwrap();
    let out = sitrep(&["extract", "--published", "2025-06-06", f.to_str().unwrap()]);
    let doc = &jsonl(&out)[0];
    assert_eq!(doc["published"], "2025-06-06");
    let ev = &doc["events"][0];
    assert_eq!(ev["date"]["start"], "2025-06-01");
    assert_eq!(ev["counts"]["killed"], 2);
    let bad = sitrep(&["extract", "--published", "June 6", f.to_str().unwrap()]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--published"));
}

#[test]
fn bad_inputs_are_named_and_the_rest_still_processed() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, [0u8, 159, 146, 150, 255, 0, 1, 2, 3]).unwrap();
    let good = samples().join("03_kharkiv_glide_bombs.txt");
    let missing = dir.path().join("missing.txt");
    let out = sitrep(&[
        "extract",
        junk.to_str().unwrap(),
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed input sets the exit code"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.txt"), "{stderr}");
    let docs = jsonl(&out);
    assert!(docs
        .iter()
        .any(|d| d["doc"] == "03_kharkiv_glide_bombs.txt"));
}

#[test]
fn explain_shows_the_words_behind_each_field() {
    let out = sitrep(&[
        "explain",
        samples()
            .join("03_kharkiv_glide_bombs.txt")
            .to_str()
            .unwrap(),
    ]);
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("air_strike"), "{s}");
    assert!(s.contains("<- \""), "field sources are shown: {s}");
    assert!(s.contains("evidence"), "{s}");
}

#[test]
fn ingest_twice_adds_nothing_and_queries_and_exports_work() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    let first = sitrep(&["ingest", "--quiet", "--db", db, samples().to_str().unwrap()]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let list = |args: &[&str]| {
        let mut a = vec!["events", "--db", db, "--format", "json"];
        a.extend_from_slice(args);
        let out = sitrep(&a);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).unwrap()
    };
    let all = list(&[]);
    assert!(!all.is_empty());
    let again = sitrep(&["ingest", "--quiet", "--db", db, samples().to_str().unwrap()]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 documents stored"));
    assert_eq!(list(&[]).len(), all.len(), "re-ingesting adds no events");
    for e in list(&["--country", "UA"]) {
        assert_eq!(e["location"]["country"], "UA");
    }
    let one = sitrep(&["event", "--db", db, all[0]["id"].as_str().unwrap()]);
    assert!(one.status.success());
    let csv = sitrep(&["export", "--db", db, "--format", "acled-csv"]);
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .starts_with("event_id_cnty,event_date,year"),
        "{csv}"
    );
    let geo = sitrep(&["export", "--db", db, "--format", "geojson"]);
    let geo: serde_json::Value = serde_json::from_slice(&geo.stdout).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
}

#[test]
fn a_foreign_file_given_as_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "my notes, not a database\n").unwrap();
    let out = sitrep(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        samples().to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.txt"));
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "my notes, not a database\n"
    );
}

#[test]
fn a_url_input_is_fetched_and_extracted() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let mut buf = [0u8; 4096];
        let _ = conn.read(&mut buf);
        let body = "<html lang=\"en\"><head><title>Drones hit Sumy | Wire</title></head><body>\
<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>Drones hit Sumy</h1>\
<p>Russian drones struck an industrial site in Sumy overnight, injuring three workers, the regional administration said on Tuesday.</p>\
<p>Firefighters put out a blaze at the site, officials said, adding that air defence units shot down most of the drones.</p>\
</article><footer>Subscribe to our newsletter</footer></body></html>";
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        conn.write_all(head.as_bytes()).unwrap();
        conn.write_all(body.as_bytes()).unwrap();
    });
    let url = format!("http://127.0.0.1:{port}/sumy.html");
    let out = sitrep(&["extract", "--published", "2025-05-14", &url]);
    server.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = &jsonl(&out)[0];
    let text = doc["text"].as_str().unwrap();
    assert!(text.contains("injuring three workers"), "{text}");
    assert!(!text.contains("Subscribe"), "{text}");
    let ev = &doc["events"][0];
    assert_eq!(ev["location"]["name"], "Sumy");
    assert_eq!(ev["counts"]["injured"], 3);
}

/// `sitrep bench` times every stage, storage included, on the samples, and leaves no database
/// behind in the temporary folder it stored into.
#[test]
fn bench_times_every_stage_and_cleans_up_its_database() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["bench", "--rounds", "1", samples().to_str().unwrap()])
        .env("TMPDIR", tmp.path())
        .output()
        .expect("the sitrep binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for stage in [
        "baseline",
        "ingest",
        "recognise",
        "events",
        "whole pipeline",
        "fuse + store",
        "pipeline + store",
    ] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(stage))
            .unwrap_or_else(|| panic!("no {stage} row in\n{stdout}"));
        let rate: f64 = line[28..]
            .split_whitespace()
            .next()
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("no rate in {line:?}"));
        assert!(rate > 0.0, "{line}");
    }
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// OCHA COD-AB settlements and units in their published layout, written for this test.
const SETTLEMENTS: &str = "#source: written for the test
pcode\tname_en\tname_uk\tname_uk_latin\thromada_pcode\thromada_en\traion_pcode\traion_en\toblast_pcode\toblast_en\tlat\tlon
UA1412009002\tZarichkove Pershe\tЗарічкове Перше\t\tUA1412009\tKramatorska\tUA1412\tKramatorskyi\tUA14\tDonetska\t48.6610\t37.6320
";
const UNITS: &str = "pcode\tlevel\tname_en\tname_uk\tparent_pcode\tlat\tlon
UA1412\tadmin2\tKramatorskyi\tКраматорський\tUA14\t48.77\t37.52
UA1412009\tadmin3\tKramatorska\tКраматорська\tUA1412\t48.73\t37.55
";

#[test]
fn gazetteer_import_info_place_and_extract_use_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let (s, u) = (dir.path().join("s.tsv"), dir.path().join("u.tsv"));
    std::fs::write(&s, SETTLEMENTS).unwrap();
    std::fs::write(&u, UNITS).unwrap();
    let idx = dir.path().join("sub").join("g.idx");
    let idx_s = idx.to_str().unwrap();
    let out = sitrep(&[
        "--gazetteer",
        idx_s,
        "gazetteer",
        "import",
        s.to_str().unwrap(),
        u.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("OCHA COD-AB settlements (1 rows, 1 records"),
        "{stdout}"
    );
    assert!(idx.exists());

    let out = sitrep(&["--gazetteer", idx_s, "gazetteer", "info"]);
    let info = String::from_utf8_lossy(&out.stdout);
    assert!(
        info.contains("imported index") && info.contains("community: 1"),
        "{info}"
    );
    let out = sitrep(&["gazetteer", "info"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("compiled-in only"));

    let out = sitrep(&[
        "--gazetteer",
        idx_s,
        "place",
        "Zarechkove Pershe",
        "--region",
        "Kramatorsky district",
    ]);
    let place = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = place.lines().nth(1).unwrap_or("");
    assert!(
        first.contains("Zarichkove Pershe") && first.contains("named with"),
        "{place}"
    );

    // SITREP_GAZETTEER names the index for every command.
    let input = dir.path().join("a.txt");
    std::fs::write(
        &input,
        "Shelling hit the village of Zarichkove Pershe overnight.",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["extract", "--mentions", input.to_str().unwrap()])
        .env("SITREP_GAZETTEER", &idx)
        .output()
        .unwrap();
    let docs = jsonl(&out);
    let ids: Vec<&str> = docs[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "place")
        .filter_map(|m| m["value"]["id"].as_str())
        .collect();
    assert_eq!(ids, ["ocha:UA1412009002"]);

    // A missing or damaged index named on the command line is an error naming it.
    let out = sitrep(&["--gazetteer", "/nonexistent/g.idx", "place", "Kyiv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/g.idx"));
    std::fs::write(dir.path().join("bad.idx"), "not an index").unwrap();
    let bad = dir.path().join("bad.idx");
    let out = sitrep(&["--gazetteer", bad.to_str().unwrap(), "place", "Kyiv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.idx"));
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Three outlets tell one night's drone attack on Odesa: one leads with the interception, two
/// with the attack, and they disagree on how many drones were downed. The store holds one
/// drone attack with three sources and the disagreement.
#[test]
fn three_outlets_on_one_night_attack_fuse_into_one_event_with_their_contradiction() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("o.db");
    let db = db.to_str().unwrap();
    let out = sitrep(&[
        "ingest",
        "--quiet",
        "--db",
        db,
        &fixture("odesa_three_outlets.jsonl"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = sitrep(&["events", "--db", db, "--format", "json"]);
    let events: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = &events[0];
    assert_eq!(e["kind"], "drone_strike");
    assert_eq!(e["location"]["name"], "Odesa");
    assert_eq!(e["attacker"], "Russian Armed Forces");
    assert_eq!(e["counts"]["launched"], 40);
    assert_eq!(e["sources"].as_array().unwrap().len(), 3);
    assert_eq!(e["independent_sources"], 3);
    let c = e["contradictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "intercepted")
        .expect("the downed counts disagree");
    let values: Vec<&serde_json::Value> = c["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["value"])
        .collect();
    assert_eq!(values, [&serde_json::json!(32), &serde_json::json!(30)]);
    assert!(!e["contradictions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["field"] == "outcome"));
}

/// The Air Force's overnight report: one Russian drone attack on Ukraine with its launched and
/// downed counts, its local impacts on their own, and nothing placed at the launch sites.
#[test]
fn the_air_force_report_gives_one_russian_attack_and_no_event_at_its_launch_sites() {
    let sample = samples().join("01_air_force_overnight_drones.txt");
    let out = sitrep(&["extract", "--format", "jsonl", sample.to_str().unwrap()]);
    let doc = &jsonl(&out)[0];
    let events = doc["events"].as_array().unwrap();
    let attack: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["counts"]["launched"] == 87)
        .collect();
    assert_eq!(attack.len(), 1, "{events:#?}");
    let a = attack[0];
    assert_eq!(a["kind"], "drone_strike");
    assert_eq!(a["attacker"], "Russian Armed Forces");
    assert_eq!(a["counts"]["intercepted"], 61);
    assert_eq!(a["location"]["country"], "UA");
    assert_eq!(a["date"]["start"], "2025-04-13");
    for e in events {
        assert_ne!(
            e["location"]["country"], "RU",
            "no event at a launch site: {e:#?}"
        );
        assert_ne!(
            e["attacker"], "Ukrainian Air Force",
            "the reporting body never attacks"
        );
        assert_ne!(
            e["kind"], "interception",
            "the downed drones belong to the attack"
        );
    }
}

/// The sample channel export: every post is stored once, ingesting it again stores nothing,
/// and the later dump's edit of a post replaces it, its higher toll replacing the first one in
/// the fused event.
#[test]
fn channel_export_is_stored_once_and_an_edit_replaces_its_post() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let db = db.to_str().unwrap();
    let export = samples().join("export");
    let result = export.join("result.json");
    let result = result.to_str().unwrap();
    let ingest = |input: &str| {
        let out = sitrep(&["ingest", "--quiet", "--db", db, input]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let first = ingest(result);
    assert!(first.contains("11 documents stored"), "{first}");
    let again = ingest(result);
    assert!(
        again.contains("0 documents stored") && again.contains("11 duplicates"),
        "{again}"
    );
    let events = || {
        let out = sitrep(&[
            "events", "--db", db, "--format", "json", "--place", "Zaporizh",
        ]);
        serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).unwrap()
    };
    let before = events();
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(before[0]["counts"]["injured"], 2);
    let updates = export.join("updates.jsonl");
    let later = ingest(updates.to_str().unwrap());
    assert!(
        later.contains("2 documents stored (1 replacing an earlier version)"),
        "{later}"
    );
    let after = events();
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(after[0]["id"], before[0]["id"], "the edit keeps the event");
    assert_eq!(after[0]["counts"]["killed"], 1);
    assert_eq!(after[0]["counts"]["injured"], 4);
    assert_eq!(after[0]["sources"].as_array().unwrap().len(), 1);
    assert_eq!(after[0]["sources"][0]["doc"], "t.me/c/1873304519/2105");
    let one = sitrep(&[
        "event",
        "--db",
        db,
        "--format",
        "json",
        after[0]["id"].as_str().unwrap(),
    ]);
    let one: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(one["reports"].as_array().unwrap().len(), 1, "{one}");
    let whole = ingest(export.to_str().unwrap());
    assert!(whole.contains("0 documents stored"), "{whole}");
}

/// The events the sample channel's English posts report, as the posts say them.
#[test]
fn channel_export_posts_give_their_events() {
    let out = sitrep(&[
        "extract",
        "--format",
        "jsonl",
        samples()
            .join("export")
            .join("result.json")
            .to_str()
            .unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = jsonl(&out);
    assert_eq!(docs.len(), 11);
    let post = |n: u32| {
        docs.iter()
            .find(|d| d["doc"] == format!("t.me/c/1873304519/{n}"))
            .unwrap_or_else(|| panic!("post {n}"))
    };
    let kinds = |n: u32| -> Vec<String> {
        post(n)["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e["kind"].as_str().unwrap(),
                    e["location"]["name"].as_str().unwrap_or("-")
                )
            })
            .collect()
    };
    assert_eq!(kinds(2101), ["air_alert Kyiv"]);
    assert_eq!(kinds(2102), ["explosion Kyiv"]);
    let strike = &post(2105)["events"][0];
    assert_eq!(strike["kind"], "air_strike");
    assert_eq!(strike["counts"]["injured"], 2);
    assert_eq!(strike["date"]["start"], "2025-04-14");
    let claim = &post(2107)["events"][0];
    assert_eq!(claim["kind"], "interception");
    assert_eq!(claim["status"], "claimed");
    assert_eq!(claim["counts"]["intercepted"], 14);
    assert_eq!(claim["claims"][0]["source"], "Russian Ministry of Defence");
    assert_eq!(kinds(2108), ["drone_strike Izmayil"]);
    // The explosions the post leads with are the bomb it then names: one strike on Kharkiv
    // (its Kyivskyi district is Kharkiv's, not Donetsk's).
    assert_eq!(kinds(2110), ["air_strike Kharkiv"]);
    assert_eq!(post(2110)["events"][0]["counts"]["injured"], 3);
    // Posts in Ukrainian or Russian only are documents without events from English cues.
    for n in [2106, 2109, 2111] {
        assert!(post(n)["events"].as_array().unwrap().is_empty(), "{n}");
        assert!(!post(n)["text"].as_str().unwrap().is_empty());
    }
    assert_eq!(post(2101)["published_at"], "2025-04-14T00:41:12+03:00");
    assert_eq!(post(2106)["author"], "Министерство обороны РФ");
}

/// `sitrep serve` on a free loopback port, stopped when dropped; reads the address and the
/// token it prints.
struct Served {
    child: std::process::Child,
    base: String,
    token: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &str) -> Served {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--db", db, "--addr", "127.0.0.1:0"])
        .env_remove("SITREP_TOKEN")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("sitrep serve starts");
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let (mut base, mut token) = (None, None);
    while base.is_none() || token.is_none() {
        let line = lines
            .next()
            .expect("sitrep serve prints its address")
            .unwrap();
        if let Some(rest) = line.strip_prefix("sitrep: serving ") {
            base = rest.split('/').take(3).collect::<Vec<_>>().join("/").into();
        }
        if let Some(t) = line.strip_prefix("sitrep: writes need the header: Authorization: Bearer ")
        {
            token = Some(t.to_string());
        }
    }
    std::thread::spawn(move || lines.for_each(drop));
    Served {
        child,
        base: base.unwrap(),
        token: token.unwrap(),
    }
}

/// Fused events as JSON, without the times they were stored at.
fn events_without_times(db: &str) -> Vec<serde_json::Value> {
    let out = sitrep(&["events", "--db", db, "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut events: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    for e in &mut events {
        let o = e.as_object_mut().unwrap();
        o.remove("first_seen");
        o.remove("last_updated");
    }
    events
}

#[test]
fn serve_stores_each_uploaded_file_as_ingest_stores_it() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("in");
    std::fs::create_dir(&files).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(samples())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    for n in &names {
        std::fs::copy(samples().join(n), files.join(n)).unwrap();
    }
    let by_ingest = dir.path().join("ingest.db");
    let mut args = vec!["ingest", "--quiet", "--db", by_ingest.to_str().unwrap()];
    args.extend(names.iter().map(String::as_str));
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(&args)
        .current_dir(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let by_upload = dir.path().join("served.db");
    let served = serve(by_upload.to_str().unwrap());
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    // Without the token, nothing is stored.
    let refused = agent
        .post(&format!("{}/api/documents?name={}", served.base, names[0]))
        .send(&std::fs::read(files.join(&names[0])).unwrap()[..])
        .unwrap();
    assert_eq!(refused.status(), 401);
    for n in &names {
        let mut res = agent
            .post(&format!("{}/api/documents?name={n}", served.base))
            .header("authorization", &format!("Bearer {}", served.token))
            .send(&std::fs::read(files.join(n)).unwrap()[..])
            .unwrap();
        let body = res.body_mut().read_to_string().unwrap();
        assert_eq!(res.status(), 200, "{n}: {body}");
    }
    let api: serde_json::Value = serde_json::from_str(
        &agent
            .get(&format!("{}/api/events?limit=1000", served.base))
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap(),
    )
    .unwrap();
    drop(served);
    let ingested = events_without_times(by_ingest.to_str().unwrap());
    assert!(ingested.len() > 10);
    assert_eq!(events_without_times(by_upload.to_str().unwrap()), ingested);
    // The API's objects are those of `sitrep events --format json`.
    let mut from_api = api["events"].as_array().unwrap().clone();
    for e in &mut from_api {
        let o = e.as_object_mut().unwrap();
        o.remove("first_seen");
        o.remove("last_updated");
    }
    assert_eq!(from_api, ingested);
}

#[test]
fn serve_refuses_a_public_address_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--db", db.to_str().unwrap(), "--addr", "0.0.0.0:0"])
        .env_remove("SITREP_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0.0.0.0:0 is not a loopback address"), "{err}");
    assert!(err.contains("--token"), "{err}");
    let bad_hook = sitrep(&[
        "serve",
        "--db",
        db.to_str().unwrap(),
        "--webhook",
        "ftp://x",
    ]);
    assert!(String::from_utf8_lossy(&bad_hook.stderr).contains("http://"));
}
