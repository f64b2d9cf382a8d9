//! The main-text page set (`tests/pages`, gold in `tests/pages-gold.json`, built by
//! `scripts/build_page_set.py`): pages in the
//! markup of common publishing systems, with gold snippets the main text must and must not
//! contain. The extractor alone must keep its recall and precision on them above the floors;
//! `.ci/run` scores the whole pipeline (which also drops prompts by clean-up rules) with
//! `scripts/score_pages.py`.

use std::path::Path;

/// Snippets compared in lower case with white space runs made one space.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn page_set_recall_and_precision_stay_above_their_floors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("../pages-gold.json")).unwrap())
            .unwrap();
    let pages = gold["pages"].as_object().unwrap();
    assert!(pages.len() >= 40, "{} pages", pages.len());
    let (mut tp, mut fn_, mut fp) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (name, g) in pages {
        let html = std::fs::read_to_string(dir.join(name)).unwrap();
        let text = norm(&sitrep_html::extract(&html).text);
        for s in g["must"].as_array().unwrap() {
            if text.contains(&norm(s.as_str().unwrap())) {
                tp += 1;
            } else {
                fn_ += 1;
                misses.push(format!("MISS {name}: {s}"));
            }
        }
        for s in g["must_not"].as_array().unwrap() {
            if text.contains(&norm(s.as_str().unwrap())) {
                fp += 1;
                misses.push(format!("LEAK {name}: {s}"));
            }
        }
    }
    let recall = tp as f64 / (tp + fn_) as f64;
    let precision = tp as f64 / (tp + fp) as f64;
    println!("page set: P={precision:.3} R={recall:.3}");
    for m in &misses {
        println!("{m}");
    }
    assert!(recall >= 0.98, "recall {recall:.3}\n{}", misses.join("\n"));
    assert!(
        precision >= 0.95,
        "precision {precision:.3}\n{}",
        misses.join("\n")
    );
}
