//! Shows how one page is read: metadata, the path to the chosen article container, the heaviest
//! dropped subtrees, and the extracted text.
//!
//! `cargo run -p sitrep-html --example inspect_page -- PAGE.html[.gz]`

use std::io::{Read, Write};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: inspect_page PAGE");
        std::process::exit(2);
    };
    let mut raw = Vec::new();
    let res = std::fs::File::open(&path).and_then(|f| {
        if path.ends_with(".gz") {
            flate2::read::GzDecoder::new(f).read_to_end(&mut raw)
        } else {
            let mut f = f;
            f.read_to_end(&mut raw)
        }
    });
    if let Err(e) = res {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
    let html = String::from_utf8_lossy(&raw);
    let doc = sitrep_html::dom::parse(&html);
    let ex = sitrep_html::extract(&html);
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) ends the output quietly.
    let _ = write!(out, "{}", sitrep_html::main_text::explain(&doc));
    let _ = writeln!(
        out,
        "title={:?}\nauthor={:?}\npublished={:?}\nsite={:?}\nlang={:?}\nurl={:?}\nwarnings={:?}\n---\n{}",
        ex.title, ex.author, ex.published, ex.site_name, ex.language, ex.url, ex.warnings, ex.text
    );
}
