//! Bad input of every kind, all in one run: each yields a clear message naming the input (in the
//! document's errors, or as an error item), the good input among them is still read, and
//! nothing panics.

use flate2::write::GzEncoder;
use sitrep_ingest::{sources, to_document, IngestError, IngestOptions};
use std::io::Write;
use std::path::PathBuf;

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ingest-bad-input");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(name: &str, bytes: &[u8]) -> String {
    let p = dir().join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

/// A document or an error, rendered for assertions.
enum Out {
    Doc(sitrep_model::Document),
    Err(IngestError),
}

fn run(inputs: &[String]) -> Vec<Out> {
    let opts = IngestOptions::default();
    sources(inputs, &opts)
        .map(|r| match r {
            Ok(raw) => Out::Doc(to_document(raw, &opts)),
            Err(e) => Out::Err(e),
        })
        .collect()
}

fn doc(out: &Out) -> &sitrep_model::Document {
    match out {
        Out::Doc(d) => d,
        Out::Err(e) => panic!("expected a document, got error {e}"),
    }
}

fn err(out: &Out) -> String {
    match out {
        Out::Err(e) => e.to_string(),
        Out::Doc(d) => panic!("expected an error, got document {}", d.doc),
    }
}

#[test]
fn every_kind_of_bad_input_is_reported_and_the_rest_goes_on() {
    let good = write(
        "good.txt",
        b"Shelling Hits Kupiansk\n\nRussian artillery hit Kupiansk on Monday, officials said.",
    );
    let junk = write("junk.bin", &[0u8, 159, 146, 150, 1, 2, 3, 0, 255, 0, 7, 8]);
    let empty = write("empty.txt", b"");
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("<html><body><p>Air defence downed drones over Kyiv overnight, the city administration said.</p>".repeat(200).as_bytes()).unwrap();
    let full = gz.finish().unwrap();
    let truncated = write("cut.html.gz", &full[..full.len() / 2]);
    let broken = write(
        "broken.html",
        b"<html><body><p>Blasts were heard in Melitopol on Sunday<div><table><p unclosed='x",
    );
    let latin = write(
        "latin.txt",
        b"Explosions in Mariupol caf\xe9 district, residents said on Monday evening.",
    );
    let missing = dir().join("missing.txt").display().to_string();
    let url = "http://127.0.0.1:9/unreachable".to_string();
    let jsonl = write(
        "bad.jsonl",
        b"{\"text\":\"First record.\"}\n{not json\n{\"text\":\"Third record.\"}\n",
    );
    let warc = write(
        "bad.warc",
        b"WARC/1.0\r\nWARC-Type: response\r\nno colon here\r\n\r\n",
    );

    let out = run(&[
        good.clone(),
        junk.clone(),
        empty.clone(),
        truncated.clone(),
        broken.clone(),
        latin.clone(),
        missing.clone(),
        url.clone(),
        jsonl.clone(),
        warc.clone(),
        good,
    ]);
    assert_eq!(out.len(), 13);

    let d = doc(&out[0]);
    assert_eq!(d.title.as_deref(), Some("Shelling Hits Kupiansk"));
    assert!(d.errors.is_empty());

    let d = doc(&out[1]);
    assert_eq!(d.text, "");
    assert!(
        d.errors[0].starts_with(&junk) && d.errors[0].contains("binary content"),
        "{:?}",
        d.errors
    );

    let d = doc(&out[2]);
    assert_eq!(d.errors, [format!("{empty}: empty input")]);

    let d = doc(&out[3]);
    assert!(
        d.text.contains("Air defence downed drones over Kyiv"),
        "truncated gzip keeps what was read: {:?}",
        d.text
    );
    assert!(
        d.errors.iter().any(|e| e.starts_with(&truncated)),
        "{:?}",
        d.errors
    );

    let d = doc(&out[4]);
    assert!(
        d.text.contains("Blasts were heard in Melitopol on Sunday"),
        "{:?}",
        d.text
    );

    let d = doc(&out[5]);
    assert!(d.text.contains("café"), "{}", d.text);
    assert!(
        d.errors[0].starts_with(&latin) && d.errors[0].contains("not valid UTF-8"),
        "{:?}",
        d.errors
    );

    assert_eq!(err(&out[6]), format!("{missing}: no such file or folder"));
    assert!(
        err(&out[7]).starts_with("http://127.0.0.1:9/unreachable: cannot fetch"),
        "{}",
        err(&out[7])
    );

    assert_eq!(doc(&out[8]).text, "First record.");
    assert!(err(&out[9]).starts_with(&format!("{jsonl}:2: not a JSON record")));
    assert_eq!(doc(&out[10]).text, "Third record.");

    assert_eq!(
        err(&out[11]),
        format!("{warc}: WARC record 1 (byte 0): malformed header line \"no colon here\"")
    );

    assert_eq!(
        doc(&out[12]).title.as_deref(),
        Some("Shelling Hits Kupiansk")
    );
}

#[test]
fn a_folder_is_read_recursively_in_sorted_order_with_file_names_as_ids() {
    let root = dir().join("tree");
    std::fs::create_dir_all(root.join("b_sub")).unwrap();
    std::fs::write(root.join("c.txt"), "Third file text here.").unwrap();
    std::fs::write(root.join("a.txt"), "First file text here.").unwrap();
    std::fs::write(root.join("b_sub/inner.txt"), "Second file text here.").unwrap();
    std::fs::write(root.join(".hidden"), "not read").unwrap();
    std::fs::write(
        root.join("README.md"),
        "A folder description, not an article.",
    )
    .unwrap();
    let out = run(&[root.display().to_string()]);
    let ids: Vec<&str> = out.iter().map(|o| doc(o).doc.0.as_str()).collect();
    assert_eq!(ids, ["a.txt", "inner.txt", "c.txt"]);
}

/// Channel exports with a broken message, an unknown entity type or no messages at all, read
/// from files as a user gives them: each problem is named with the file and the message, and
/// every readable post of the files is still read.
#[test]
fn bad_channel_exports_are_reported_and_their_readable_posts_kept() {
    let message = |id: u32, text: &str| {
        format!(
            "  {{\n   \"id\": {id},\n   \"type\": \"message\",\n   \"date\": \"2025-04-14T09:0{}:00\",\n   \"date_unixtime\": \"{}\",\n   \"text\": {text}\n  }}",
            id % 10,
            1744610400 + id * 60
        )
    };
    let export = |messages: &[String]| {
        format!(
            "{{\n \"name\": \"Sumy Watch\",\n \"type\": \"public_channel\",\n \"id\": 1700800900,\n \"messages\": [\n{}\n ]\n}}\n",
            messages.join(",\n")
        )
    };
    let broken = write(
        "broken-result.json",
        export(&[
            message(1, "\"Explosions in Sumy\""),
            message(2, "\"Drones over Shostka, the text stops here"),
            message(
                3,
                "[{\"type\": \"hologram\", \"text\": \"Sumy:\"}, \" air raid alert\"]",
            ),
            message(4, "17"),
            message(5, "\"All clear in Sumy\""),
        ])
        .as_bytes(),
    );
    let empty = write("empty-result.json", export(&[]).as_bytes());
    let out = run(&[broken.clone(), empty.clone()]);
    let docs: Vec<&sitrep_model::Document> = out
        .iter()
        .filter_map(|o| match o {
            Out::Doc(d) => Some(d),
            Out::Err(_) => None,
        })
        .collect();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Explosions in Sumy",
            "Sumy: air raid alert",
            "All clear in Sumy"
        ]
    );
    assert!(docs[1].errors[0].contains("unknown text entity type \"hologram\""));
    assert!(docs[1].errors[0].starts_with(&format!("{broken}: message 3 (id 3)")));
    let errors: Vec<String> = out
        .iter()
        .filter(|o| matches!(o, Out::Err(_)))
        .map(err)
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("{broken}: message 2 (byte ")),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].contains("message 4 (id 4)") && errors[1].contains("neither a string nor a list")
    );
    assert_eq!(errors[2], format!("{empty}: the export: no messages"));
}
