//! Fuzz targets on stable: property tests that feed the feed, WARC and JSON Lines readers (and
//! the whole detection path) arbitrary bytes and mutations of valid inputs. Nothing may panic,
//! and every record read must turn into a document.

use proptest::prelude::*;
use sitrep_ingest::feed::read_feed;
use sitrep_ingest::jsonl::JsonlReader;
use sitrep_ingest::messages::ExportReader;
use sitrep_ingest::warc::WarcReader;
use sitrep_ingest::{read_bytes, response_record, to_document, IngestOptions};

const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title><item><title>A &amp; B</title><link>https://x.test/1</link><pubDate>Mon, 14 Oct 2024 21:00:00 +0300</pubDate><content:encoded><![CDATA[<p>Drones over Sumy.</p>]]></content:encoded></item><item><description>&lt;p&gt;Second&lt;/p&gt;</description></item></channel></rss>"#;
const ATOM: &str = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>D</title><entry><id>1</id><link href="https://x.test/2"/><author><name>N</name></author><content type="xhtml"><div><p>Port hit.</p></div></content></entry></feed>"#;
const JSONL: &str = "{\"id\":\"a\",\"text\":\"One.\"}\n{\"url\":\"https://x.test\",\"html\":\"<p>Two</p>\",\"published\":\"2025-01-02\"}\n";

fn warc() -> Vec<u8> {
    let mut w = response_record(
        "https://x.test/w",
        "urn:uuid:1",
        "2025-01-01T00:00:00Z",
        "Content-Type: text/html\r\n",
        b"<html><body><p>Kherson.</p></body></html>",
    );
    w.extend(response_record(
        "https://x.test/c",
        "urn:uuid:2",
        "2025-01-01T00:00:00Z",
        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
        b"5\r\n<p>ab\r\n0\r\n\r\n",
    ));
    w
}

/// The bundled sample channel export and its later dump of edits, one message per line.
fn export_sample() -> (Vec<u8>, Vec<u8>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/export");
    (
        std::fs::read(format!("{dir}/result.json")).unwrap(),
        std::fs::read(format!("{dir}/updates.jsonl")).unwrap(),
    )
}

/// JSON values of the shapes a message holds, nested, for building odd messages.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "(?s).{0,20}".prop_map(Value::String),
        Just(Value::String("2025-04-14T09:31:10".into())),
        Just(Value::String("1744612270".into())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    prop_oneof![
                        Just("id".to_string()),
                        Just("type".to_string()),
                        Just("text".to_string()),
                        Just("date".to_string()),
                        Just("date_unixtime".to_string()),
                        Just("edited".to_string()),
                        Just("edited_unixtime".to_string()),
                        Just("from_id".to_string()),
                        Just("messages".to_string()),
                        Just("chats".to_string()),
                        Just("list".to_string()),
                        Just("poll".to_string()),
                        Just("question".to_string()),
                        "[a-z_]{1,8}",
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Applies byte edits (overwrite, delete, insert) at positions taken modulo the length.
fn mutate(mut bytes: Vec<u8>, edits: &[(u8, usize, u8)]) -> Vec<u8> {
    for &(op, at, b) in edits {
        let n = bytes.len();
        match op % 4 {
            0 if n > 0 => bytes[at % n] = b,
            1 if n > 0 => {
                bytes.remove(at % n);
            }
            2 => bytes.insert(at % (n + 1), b),
            _ => bytes.truncate(at % (n + 1)),
        }
    }
    bytes
}

fn documents(
    items: impl Iterator<Item = Result<sitrep_ingest::RawDoc, sitrep_ingest::IngestError>>,
) {
    let opts = IngestOptions::default();
    for raw in items.flatten() {
        let doc = to_document(raw, &opts);
        assert!(!doc.doc.0.is_empty());
    }
}

fn edits() -> impl Strategy<Value = Vec<(u8, usize, u8)>> {
    proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn feed_reader_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        documents(read_feed(&bytes, "f", "f").into_iter());
    }

    #[test]
    fn feed_reader_survives_mutated_feeds(e in edits(), atom in any::<bool>()) {
        let base = if atom { ATOM } else { RSS };
        documents(read_feed(&mutate(base.as_bytes().to_vec(), &e), "f", "f").into_iter());
    }

    #[test]
    fn warc_reader_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut prefixed = b"WARC/1.0\r\n".to_vec();
        prefixed.extend_from_slice(&bytes);
        documents(WarcReader::new(&bytes[..], "w".into(), "w".into()));
        documents(WarcReader::new(&prefixed[..], "w".into(), "w".into()));
    }

    #[test]
    fn warc_reader_survives_mutated_records(e in edits()) {
        let bytes = mutate(warc(), &e);
        let n = WarcReader::new(&bytes[..], "w".into(), "w".into()).take(1000).count();
        prop_assert!(n < 1000);
        documents(WarcReader::new(&bytes[..], "w".into(), "w".into()));
    }

    #[test]
    fn jsonl_reader_survives_arbitrary_and_mutated_lines(bytes in proptest::collection::vec(any::<u8>(), 0..1024), e in edits()) {
        documents(JsonlReader::new(&bytes[..], "j".into(), "j".into()));
        let m = mutate(JSONL.as_bytes().to_vec(), &e);
        documents(JsonlReader::new(&m[..], "j".into(), "j".into()));
    }

    #[test]
    fn format_detection_and_gzip_survive_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048), gz in any::<bool>()) {
        let mut input = if gz { vec![0x1f, 0x8b, 8, 0] } else { Vec::new() };
        input.extend_from_slice(&bytes);
        documents(read_bytes("x", input, &IngestOptions::default()));
    }

    #[test]
    fn export_reader_survives_arbitrary_and_mutated_exports(bytes in proptest::collection::vec(any::<u8>(), 0..2048), e in edits()) {
        documents(ExportReader::new(bytes.clone(), "r".into(), "r".into()));
        let (export, dump) = export_sample();
        let m = mutate(export, &e);
        let n = ExportReader::new(m.clone(), "r".into(), "r".into()).take(10_000).count();
        prop_assert!(n < 10_000);
        documents(ExportReader::new(m.clone(), "r".into(), "r".into()));
        documents(read_bytes("result.json", m, &IngestOptions::default()));
        let d = mutate(dump, &e);
        documents(read_bytes("updates.jsonl", d, &IngestOptions::default()));
    }

    #[test]
    fn export_reader_survives_odd_messages(messages in proptest::collection::vec(json_value(), 0..6), top in json_value()) {
        let mut export = serde_json::json!({"name": "C", "id": 5, "messages": messages.clone()});
        if let (Some(o), serde_json::Value::Object(extra)) = (export.as_object_mut(), top) {
            for (k, v) in extra {
                o.entry(k).or_insert(v);
            }
        }
        let pretty = serde_json::to_vec_pretty(&export).unwrap();
        documents(read_bytes("result.json", pretty, &IngestOptions::default()));
        let lines: Vec<u8> = messages
            .iter()
            .flat_map(|m| {
                let mut l = serde_json::to_vec(m).unwrap();
                l.push(b'\n');
                l
            })
            .collect();
        documents(read_bytes("dump.jsonl", lines, &IngestOptions::default()));
    }
}
