//! Prints one JSON line per page of a folder: `{"doc": NAME, "text": MAIN_TEXT}`, the input
//! of `score_articles.py`. Reads `.html` and `.html.gz` files, decoded as UTF-8 (lossy), on one
//! thread, in file-name order.
//!
//! `cargo run --release -p sitrep-html --example extract_pages -- DIR > pred.jsonl`

use std::io::{Read, Write};

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: extract_pages DIR");
        std::process::exit(2);
    };
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("cannot read {dir}: {e}");
            std::process::exit(1);
        }
    };
    paths.sort();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut pages = 0usize;
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut raw = Vec::new();
        let read = if name.ends_with(".html.gz") || name.ends_with(".htm.gz") {
            std::fs::File::open(&path)
                .and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut raw))
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            std::fs::File::open(&path).and_then(|mut f| f.read_to_end(&mut raw))
        } else {
            continue;
        };
        if let Err(e) = read {
            eprintln!("{name}: {e}");
            continue;
        }
        let html = String::from_utf8_lossy(&raw);
        let ex = sitrep_html::extract(&html);
        let line = format!(
            "{{\"doc\":{},\"text\":{}}}",
            json_str(&name),
            json_str(&ex.text)
        );
        if writeln!(out, "{line}").is_err() {
            return;
        }
        pages += 1;
    }
    eprintln!("{pages} pages");
}

/// A JSON string literal for `s`.
fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}
