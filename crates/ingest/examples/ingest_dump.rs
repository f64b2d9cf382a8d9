//! Prints the documents read from the inputs given on the command line, one JSON object per
//! line, and errors on standard error: `cargo run -p sitrep-ingest --example ingest_dump -- FILE...`.

use sitrep_ingest::{sources, to_document, IngestOptions};

fn main() {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    let opts = IngestOptions::default();
    for item in sources(&inputs, &opts) {
        match item {
            Ok(raw) => {
                let doc = to_document(raw, &opts);
                println!(
                    "{}",
                    serde_json::to_string(&doc).expect("documents serialise")
                );
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
