//! HTML parsing and main-text extraction: the article body and the page's metadata.
//!
//! [`extract`] takes a decoded HTML page and returns an [`Extracted`] value: the main text with
//! navigation, share bars, related links, comments, cookie and newsletter prompts dropped, and the
//! metadata found in `<title>`, `<meta>`, Open Graph and JSON-LD.
//!
//! Modules: [`dom`] (tolerant tokenizer and arena tree, [`dom::Document`]), [`entities`]
//! (character references), [`text`] (paragraph cutting), [`meta`] (metadata,
//! [`meta::Metadata`]) and [`main_text`] (article container selection).

pub mod dom;
pub mod entities;
pub mod main_text;
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

/// Extracts the main text and metadata of an HTML page.
///
/// Never panics: malformed markup is repaired the way browsers do for the common cases, and a
/// page without recognisable article text yields an empty `text` and a warning.
pub fn extract(html: &str) -> Extracted {
    let doc = dom::parse(html);
    let meta = meta::read(&doc);
    let text = main_text::main_text(&doc, meta.title.as_deref());
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
