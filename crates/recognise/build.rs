//! Builds the binary index of the embedded gazetteer (`data/gazetteer.tsv.gz`) into `OUT_DIR`,
//! so that the library reads it in place at start-up instead of parsing the TSV. The index
//! builder is the library's own (`src/places/load/builder.rs` and `src/places/load/index.rs`,
//! with the name normalisation of `src/places/tokens.rs`), included here as modules.

use std::io::Read;
use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/places/load/builder.rs"]
mod builder;
#[allow(dead_code)]
#[path = "src/chars.rs"]
mod chars;
#[allow(dead_code)]
#[path = "src/places/fold.rs"]
mod fold;
#[allow(dead_code)]
#[path = "src/places/load/index.rs"]
mod index;
#[allow(dead_code)]
#[path = "src/places/tokens.rs"]
mod tokens;

use fold::{admin_stem, consonants, fold_into, skeleton, skeleton_into};
use tokens::norm;

const SOURCES: &[&str] = &[
    "../../data/gazetteer.tsv.gz",
    "src/chars.rs",
    "src/places/fold.rs",
    "src/places/load/builder.rs",
    "src/places/load/index.rs",
    "src/places/tokens.rs",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for s in SOURCES {
        println!("cargo:rerun-if-changed={s}");
    }
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let data = manifest.join(SOURCES[0]);
    let gz = std::fs::read(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}", data.display()))?;
    let idx = index::build(&text).map_err(|e| format!("{}: {e}", data.display()))?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("gazetteer.idx");
    std::fs::write(&out, idx).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(())
}
