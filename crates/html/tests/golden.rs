//! Golden tests: each `tests/fixtures/NAME.html` is extracted and compared with
//! `tests/fixtures/NAME.expected` (metadata lines, a `---` line, then the main text).
//! Run with `UPDATE_EXPECT=1` to rewrite the expected files after a deliberate change, and
//! review the diff.

use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn render(ex: &sitrep_html::Extracted) -> String {
    let field = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
    format!(
        "title: {}\nauthor: {}\npublished: {}\nsite_name: {}\nlanguage: {}\nurl: {}\nwarnings: {}\n---\n{}\n",
        field(&ex.title),
        field(&ex.author),
        field(&ex.published),
        field(&ex.site_name),
        field(&ex.language),
        field(&ex.url),
        ex.warnings.len(),
        ex.text
    )
}

/// Extracts `NAME.html` and compares the rendering with `NAME.expected`. Returns the extraction
/// for further checks.
fn check(name: &str) -> sitrep_html::Extracted {
    let html = std::fs::read_to_string(fixture(&format!("{name}.html"))).expect("fixture page");
    let ex = sitrep_html::extract(&html);
    let got = render(&ex);
    let path = fixture(&format!("{name}.expected"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &got).expect("write expected");
        return ex;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_EXPECT=1", path.display()));
    assert_eq!(
        got,
        want,
        "{name}: extraction differs from {}",
        path.display()
    );
    ex
}

#[test]
fn news_article_loses_its_furniture() {
    let ex = check("news_with_boilerplate");
    assert!(ex.text.starts_with("KHARKIV, Ukraine"));
    assert!(ex.text.contains("Repeated attacks on the grid"));
    assert!(ex.text.ends_with("without giving details."));
    for junk in [
        "cookies",
        "Share on",
        "newsletter",
        "Related",
        "comments",
        "Privacy",
        "World",
    ] {
        assert!(!ex.text.contains(junk), "{junk} left in text");
    }
    assert_eq!(
        ex.title.as_deref(),
        Some("Drone strike damages power substation near Kharkiv")
    );
    assert_eq!(ex.author.as_deref(), Some("Olena Marchenko"));
    assert_eq!(ex.published.as_deref(), Some("2024-03-14T07:45:00Z"));
    assert_eq!(ex.site_name.as_deref(), Some("Northern Wire"));
    assert_eq!(ex.language.as_deref(), Some("en-GB"));
}

#[test]
fn json_ld_metadata_is_read() {
    let ex = check("json_ld");
    assert_eq!(
        ex.title.as_deref(),
        Some("Port of Odesa resumes grain shipments after overnight missile attack")
    );
    assert_eq!(
        ex.author.as_deref(),
        Some("Taras Hrytsenko, Maria Kovalenko")
    );
    assert_eq!(ex.published.as_deref(), Some("2023-08-02T11:20:00+03:00"));
    assert_eq!(ex.site_name.as_deref(), Some("Black Sea Courier"));
    assert_eq!(
        ex.url.as_deref(),
        Some("https://bsc.example/news/odesa-grain-shipments")
    );
    assert_eq!(ex.language.as_deref(), Some("uk"));
    assert!(
        ex.warnings.iter().any(|w| w.contains("JSON-LD")),
        "{:?}",
        ex.warnings
    );
    assert_eq!(ex.text.split("\n\n").count(), 3);
}

#[test]
fn bare_paragraphs_are_the_text() {
    let ex = check("bare_paragraphs");
    assert_eq!(ex.text.split("\n\n").count(), 3);
    assert!(ex
        .text
        .contains("\"improved their tactical position\" near the town & destroyed"));
    assert_eq!(ex.title, None);
}

#[test]
fn repeated_caption_is_dropped() {
    let ex = check("repeated_caption");
    assert!(!ex.text.contains("Residents are evacuated"), "{}", ex.text);
    assert!(ex.text.contains("Kakhovka dam was breached"));
    assert!(ex.text.ends_with("another day."));
    assert_eq!(ex.published.as_deref(), Some("2023-06-06"));
}

#[test]
fn cyrillic_page_keeps_its_text() {
    let ex = check("cyrillic");
    assert!(ex.text.starts_with("ЗАПОРІЖЖЯ – Унаслідок"));
    assert!(ex.text.contains("п'ятиповерховий"));
    assert!(!ex.text.contains("Поділитися"));
    assert!(!ex.text.contains("Популярне"));
    assert_eq!(
        ex.title.as_deref(),
        Some("Удар по Запоріжжю: пошкоджено житловий будинок")
    );
    assert_eq!(ex.author.as_deref(), Some("Ірина Коваль"));
    assert_eq!(ex.site_name.as_deref(), Some("Південний вісник"));
    assert_eq!(ex.language.as_deref(), Some("uk"));
}
