//! Measures whether clean-up removes article content: for each benchmark page, counts the
//! sentences (of eight or more words) of the true article body found in the extracted text before
//! and after [`sitrep_ingest::clean::clean`], and lists the paragraphs clean-up dropped that held
//! such a sentence.
//!
//! `cargo run -p sitrep-ingest --example clean_bench -- BENCH_DIR [OUT_PREFIX]` where BENCH_DIR
//! holds `ground-truth.json` and `html/<id>.html.gz`. With OUT_PREFIX, the texts before and after
//! clean-up are also written as `OUT_PREFIX.before.jsonl` and `OUT_PREFIX.after.jsonl` in the
//! shape the article scorer reads.

use std::io::Read;

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: clean_bench BENCH_DIR");
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/ground-truth.json")).expect("ground truth"),
    )
    .expect("json");
    let out = std::env::args().nth(2);
    let mut before_lines = String::new();
    let mut after_lines = String::new();
    let (mut total, mut before, mut after, mut pages) = (0usize, 0usize, 0usize, 0usize);
    let mut dropped_chars = 0usize;
    for (id, v) in truth.as_object().expect("object") {
        let Ok(file) = std::fs::File::open(format!("{dir}/html/{id}.html.gz")) else {
            continue;
        };
        let mut html = Vec::new();
        if flate2::read::GzDecoder::new(file)
            .read_to_end(&mut html)
            .is_err()
        {
            continue;
        }
        let html = String::from_utf8_lossy(&html);
        let mut ex = sitrep_html::extract(&html);
        if ex.text.trim().is_empty() {
            ex = sitrep_ingest::fallback_extract(&html);
        }
        let paras: Vec<String> = ex.text.split("\n\n").map(str::to_string).collect();
        let raw = norm(&ex.text);
        let cleaned = sitrep_ingest::clean::clean(paras, ex.title.as_deref());
        let kept = norm(&cleaned.text());
        let doc = format!("{id}.html.gz");
        before_lines += &(serde_json::json!({"doc": doc, "text": ex.text}).to_string() + "\n");
        after_lines +=
            &(serde_json::json!({"doc": doc, "text": cleaned.text()}).to_string() + "\n");
        pages += 1;
        let body = v["articleBody"].as_str().unwrap_or("");
        for sent in body.split_inclusive(['.', '!', '?']).map(norm) {
            if sent.split(' ').count() < 8 {
                continue;
            }
            total += 1;
            if raw.contains(&sent) {
                before += 1;
                if kept.contains(&sent) {
                    after += 1;
                } else {
                    let mut named = false;
                    for (rule, p) in &cleaned.dropped {
                        if p.contains(&sent) || (p.len() > 3 && sent.contains(p.as_str())) {
                            println!("LOST [{rule:?}] {id}: {p}");
                            named = true;
                        }
                    }
                    if !named {
                        println!("LOST [?] {id}: {sent}");
                    }
                }
            }
        }
        dropped_chars += cleaned.dropped.iter().map(|(_, p)| p.len()).sum::<usize>();
    }
    if let Some(prefix) = out {
        std::fs::write(format!("{prefix}.before.jsonl"), before_lines).expect("write");
        std::fs::write(format!("{prefix}.after.jsonl"), after_lines).expect("write");
    }
    println!("pages {pages}; body sentences {total}; in extracted text {before}; after clean-up {after}; dropped {dropped_chars} chars");
}
