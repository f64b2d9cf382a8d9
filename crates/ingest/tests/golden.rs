//! Golden tests: every fixture under `tests/fixtures/` is read through `sources` and
//! `to_document`, and the output (documents and errors, in order) is compared with the
//! `.expected.json` file beside it. Set `UPDATE_EXPECT=1` to rewrite the expectations after a
//! deliberate change, then review the diff.
//!
//! Main-text extraction is pinned to `fallback_extract` so that these tests cover this crate's
//! own work (formats, decoding, clean-up, metadata) and do not move with the page extractor.
//! The gzip and WARC fixtures are built at test time from the HTML fixture.

use flate2::write::GzEncoder;
use sitrep_ingest::{fallback_extract, response_record, sources, to_document_with, IngestOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn tmp() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ingest-golden");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Runs the inputs and renders documents and errors as pretty JSON, with machine-specific
/// folders replaced by placeholders.
fn render(inputs: &[String]) -> String {
    let opts = IngestOptions::default();
    let items: Vec<serde_json::Value> = sources(inputs, &opts)
        .map(|item| match item {
            Ok(raw) => {
                serde_json::to_value(to_document_with(raw, &opts, fallback_extract)).unwrap()
            }
            Err(e) => serde_json::json!({ "error": e.to_string() }),
        })
        .collect();
    let out = serde_json::to_string_pretty(&items).unwrap() + "\n";
    out.replace(&tmp().display().to_string(), "$TMP")
        .replace(&fixtures().display().to_string(), "$FIXTURES")
}

/// Compares the output for `input` with `tests/fixtures/{name}.expected.json`.
fn check(name: &str, input: &Path) {
    let actual = render(&[input.display().to_string()]);
    let expected_path = fixtures().join(format!("{name}.expected.json"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run with UPDATE_EXPECT=1",
            expected_path.display()
        )
    });
    assert!(
        actual == expected,
        "{name}: output differs from {}\n--- actual ---\n{actual}",
        expected_path.display()
    );
}

fn warc_bytes() -> Vec<u8> {
    let page = std::fs::read(fixtures().join("page.html")).unwrap();
    let mut w = response_record(
        "https://dnipro-valley.example/nikopol",
        "urn:uuid:00000000-0000-4000-8000-00000000a001",
        "2024-10-05T12:00:00Z",
        "Content-Type: text/html; charset=ISO-8859-1\r\n",
        &page,
    );
    // A record whose header is broken, then one without a record id whose body is gzip-encoded.
    w.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: ?\r\n\r\nbroken\r\n\r\n",
    );
    let second = response_record(
        "https://dnipro-valley.example/second",
        "",
        "2024-10-05T12:00:01Z",
        "Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n",
        &gzip("<html><body><p>Второй материал: обстрел Никополя продолжался всю ночь, сообщили местные власти.</p></body></html>".as_bytes()),
    );
    w.extend(second);
    w
}

#[test]
fn golden_plain_text() {
    check("article.txt", &fixtures().join("article.txt"));
}

#[test]
fn golden_html_latin1() {
    check("page.html", &fixtures().join("page.html"));
}

#[test]
fn golden_html_gz() {
    let path = tmp().join("page.html.gz");
    std::fs::write(
        &path,
        gzip(&std::fs::read(fixtures().join("page.html")).unwrap()),
    )
    .unwrap();
    check("page.html.gz", &path);
}

#[test]
fn golden_jsonl_with_a_malformed_line() {
    check("records.jsonl", &fixtures().join("records.jsonl"));
}

#[test]
fn golden_rss() {
    check("rss.xml", &fixtures().join("rss.xml"));
}

#[test]
fn golden_atom() {
    check("atom.xml", &fixtures().join("atom.xml"));
}

#[test]
fn golden_warc() {
    let path = tmp().join("crawl.warc");
    std::fs::write(&path, warc_bytes()).unwrap();
    check("crawl.warc", &path);
}

#[test]
fn golden_warc_gz_one_member_per_record() {
    let path = tmp().join("crawl.warc.gz");
    // Each record its own gzip member, as crawlers write them; the broken record included.
    let w = warc_bytes();
    let mut starts: Vec<usize> = w
        .windows(8)
        .enumerate()
        .filter(|(_, s)| s == b"WARC/1.0")
        .map(|(i, _)| i)
        .collect();
    starts.push(w.len());
    let gz: Vec<u8> = starts
        .windows(2)
        .flat_map(|r| gzip(&w[r[0]..r[1]]))
        .collect();
    std::fs::write(&path, gz).unwrap();
    check("crawl.warc.gz", &path);
}

#[test]
fn the_same_article_as_text_html_and_gzip_yields_the_same_text() {
    let html = fixtures().join("page.html");
    let gz = tmp().join("same.html.gz");
    std::fs::write(&gz, gzip(&std::fs::read(&html).unwrap())).unwrap();
    let a: serde_json::Value =
        serde_json::from_str(&render(&[html.display().to_string()])).unwrap();
    let b: serde_json::Value = serde_json::from_str(&render(&[gz.display().to_string()])).unwrap();
    assert_eq!(a[0]["text"], b[0]["text"]);
    assert_eq!(a[0]["title"], b[0]["title"]);
}
