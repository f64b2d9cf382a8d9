//! HTML parsing and main-text extraction: the article body and the page's metadata.
//!
//! [`extract`] takes a decoded HTML page and returns an [`Extracted`] value: the main text with
//! navigation, share bars, related links, comments, cookie and newsletter prompts dropped, and the
//! metadata found in `<title>`, `<meta>`, Open Graph and JSON-LD.
//!
//! Modules: [`dom`] (tolerant tokenizer and arena tree, [`dom::Document`]), [`entities`]
//! (character references), [`text`] (paragraph cutting), [`meta`] (metadata,
//! [`meta::Metadata`]), [`marks`] (boilerplate subtrees), `furniture` (lines that are never
//! article text) and [`main_text`] (article container selection).

pub mod dom;
pub mod entities;
mod furniture;
pub mod main_text;
pub mod marks;
pub mod meta;
pub mod text;

/// What a page yields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The main text: paragraphs separated by a blank line (`"\n\n"`).
    pub text: String,
    pub title: Option<String>,
    pub author: Option<String>,
    /// The publication date as the page writes it (ISO 8601 in most pages); the caller parses it.
    pub published: Option<String>,
    /// The publisher's name (`og:site_name`, JSON-LD `publisher`).
    pub site_name: Option<String>,
    /// The declared language (`<html lang>`, `og:locale`, `content-language`).
    pub language: Option<String>,
    /// The canonical URL when the page declares one.
    pub url: Option<String>,
    /// Problems met while reading the page (it still yields what it can).
    pub warnings: Vec<String>,
}

/// The attributes the extractor reads (metadata, main-text scoring, hidden content); the
/// others are skipped while parsing.
const EXTRACTION_ATTRS: &[&str] = &[
    "alt",
    "aria-hidden",
    "class",
    "content",
    "datetime",
    "hidden",
    "href",
    "http-equiv",
    "id",
    "itemprop",
    "lang",
    "name",
    "property",
    "rel",
    "role",
    "style",
    "type",
    "xml:lang",
];

/// Extracts the main text and metadata of an HTML page.
///
/// Never panics: malformed markup is repaired the way browsers do for the common cases, and a
/// page without recognisable article text yields an empty `text` and a warning.
pub fn extract(html: &str) -> Extracted {
    let doc = dom::parse_keeping(html, dom::Keep::Only(EXTRACTION_ATTRS));
    let meta = meta::read(&doc);
    let mut text = main_text::main_text(&doc, meta.title.as_deref());
    if let Some(post) = meta
        .description
        .as_deref()
        .and_then(|d| main_text::short_post(&doc, d, meta.title.as_deref(), &text))
    {
        text = post;
    }
    let mut warnings = meta.warnings;
    if text.is_empty() {
        warnings.push("no main text found".to_string());
    }
    Extracted {
        text,
        title: meta.title,
        author: meta.author,
        published: meta.published,
        site_name: meta.site_name,
        language: meta.language,
        url: meta.url,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parsing with only the attributes the extractor reads gives the same text and metadata
    /// as parsing with every attribute, on each test page and on the whole of the sample pages
    /// bundled with the project.
    #[test]
    fn keeping_only_read_attributes_changes_nothing() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let page_set = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pages");
        let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
        let mut pages = 0;
        for dir in [fixtures, page_set, samples] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if !path.extension().is_some_and(|e| e == "html" || e == "htm") {
                    continue;
                }
                let html = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                let full = dom::parse(&html);
                let kept = dom::parse_keeping(&html, dom::Keep::Only(EXTRACTION_ATTRS));
                let (mf, mk) = (meta::read(&full), meta::read(&kept));
                assert_eq!(format!("{mf:?}"), format!("{mk:?}"), "{}", path.display());
                assert_eq!(
                    main_text::main_text(&full, mf.title.as_deref()),
                    main_text::main_text(&kept, mk.title.as_deref()),
                    "{}",
                    path.display()
                );
                pages += 1;
            }
        }
        assert!(pages >= 46, "{pages} pages");
    }
}
