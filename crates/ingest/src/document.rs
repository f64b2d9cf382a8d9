//! [`to_document`]: from a [`RawDoc`] to a cleaned [`Document`] with its metadata. Pure CPU work.
//!
//! Metadata sources, strongest first: the `--published` override; the container's explicit
//! fields ([`Hints`]: JSON Lines fields, feed item fields); the plain-text header and byline; the
//! page's own metadata (`<meta>`, Open Graph, JSON-LD, through `sitrep_html`); and for the
//! publication date, as a last resort, the crawl date of a WARC record.

use crate::clean::clean_normalised;
use crate::decode::{charset_of_content_type, decode_html_owned};
use crate::fragment::{fallback_extract, fragment_paragraphs, normalise_space};
use crate::meta::{
    detect_language, normalise_language, parse_byline, parse_published, parse_published_time,
    Byline,
};
use crate::text::{paragraphs, parse_text};
use crate::{IngestOptions, Payload, RawDoc};
use sitrep_html::Extracted;
use sitrep_model::Document;

/// Decodes, extracts, cleans and describes one record, using `sitrep_html` for main-text
/// extraction.
pub fn to_document(raw: RawDoc, opts: &IngestOptions) -> Document {
    to_document_with(raw, opts, sitrep_html::extract)
}

/// [`to_document`] with the main-text extractor given: tests use it to pin the extraction down.
/// When the extractor finds no text, the page's visible text is used instead and an error says so.
pub fn to_document_with(
    raw: RawDoc,
    opts: &IngestOptions,
    extract: impl Fn(&str) -> Extracted,
) -> Document {
    let RawDoc {
        id,
        input,
        payload,
        hints,
        mut errors,
    } = raw;
    let mut page = Extracted::default();
    let mut header_title = None;
    let mut header_date = None;
    let mut byline = Byline::default();
    let paras = match payload {
        Payload::Text(text) => {
            let parsed = parse_text(&text);
            header_title = parsed.title;
            header_date = parsed.published;
            byline = parsed.byline;
            parsed.paragraphs
        }
        Payload::Html(bytes) => {
            let transport = hints
                .content_type
                .as_deref()
                .and_then(charset_of_content_type);
            let decoded = decode_html_owned(bytes, transport);
            if let Some(note) = decoded.note {
                errors.push(format!("{input}: {note}"));
            }
            page = extract(&decoded.text);
            errors.extend(page.warnings.iter().map(|w| format!("{input}: {w}")));
            if page.text.trim().is_empty() {
                let fallback = fallback_extract(&decoded.text);
                if !fallback.text.is_empty() {
                    errors.push(format!(
                        "{input}: main-text extraction found no text; used the page's visible text"
                    ));
                }
                page.text = fallback.text;
                page.title = page.title.or(fallback.title);
            }
            paragraphs(&page.text)
        }
        Payload::Fragment(html) => fragment_paragraphs(&html),
        Payload::Empty => Vec::new(),
    };
    let mut paras = paras;
    // A byline at the top of extracted or fragment text is metadata as well.
    if byline == Byline::default() {
        if let Some(i) = paras.iter().take(3).position(|p| parse_byline(p).is_some()) {
            byline = parse_byline(&paras.remove(i)).unwrap_or_default();
        }
    }
    let clean_str =
        |s: &Option<String>| s.as_deref().map(normalise_space).filter(|t| !t.is_empty());
    let title = clean_str(&hints.title)
        .or(header_title)
        .or_else(|| clean_str(&page.title));
    // Every paragraph splitter above leaves whitespace normalised.
    let cleaned = clean_normalised(paras, title.as_deref());
    let text = cleaned.text();

    let mut published = opts.published;
    // The time with its offset, when the source of the date gives one.
    let mut published_at = None;
    if published.is_none() {
        if let Some(p) = hints.published.as_deref() {
            published = parse_published(p);
            published_at = parse_published_time(p);
            if published.is_none() {
                errors.push(format!("{input}: publication date {p:?} not understood"));
            }
        }
    }
    if published.is_none() && header_date.is_none() {
        if let Some(p) = page.published.as_deref() {
            published = parse_published(p);
            published_at = published.and_then(|_| parse_published_time(p));
        }
    }
    let published = published
        .or(header_date)
        .or_else(|| hints.fetched.as_deref().and_then(parse_published));
    let author = clean_str(&hints.author)
        .or(byline.author)
        .or_else(|| clean_str(&page.author));
    let outlet = clean_str(&hints.outlet)
        .or(byline.outlet)
        .or_else(|| clean_str(&page.site_name));
    let language = hints
        .language
        .as_deref()
        .and_then(normalise_language)
        .or_else(|| page.language.as_deref().and_then(normalise_language))
        .or_else(|| detect_language(&text));
    let url = clean_str(&hints.url).or_else(|| clean_str(&page.url));
    if text.is_empty() && errors.is_empty() {
        errors.push(format!("{input}: no text found"));
    }
    Document {
        doc: id,
        title,
        outlet,
        author,
        published,
        published_at,
        revision: hints.revision,
        language,
        url,
        text,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Hints;
    use chrono::NaiveDate;
    use sitrep_model::DocId;

    fn raw(payload: Payload, hints: Hints) -> RawDoc {
        RawDoc {
            id: DocId("x".into()),
            input: "x".into(),
            payload,
            hints,
            errors: vec![],
        }
    }

    #[test]
    fn published_override_wins_over_every_source() {
        let opts = IngestOptions {
            published: NaiveDate::from_ymd_opt(2020, 1, 1),
            ..Default::default()
        };
        let d = to_document(
            raw(
                Payload::Text("date 2025-06-06 Title Here\n\nBody of the report goes here.".into()),
                Hints::default(),
            ),
            &opts,
        );
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2020, 1, 1));
        assert_eq!(d.title.as_deref(), Some("Title Here"));
    }

    #[test]
    fn page_metadata_is_used_when_the_container_gives_none() {
        let page = |_: &str| {
            Extracted {
            text: "By Oksana Hrytsenko\n\nMissiles struck Dnipro on Tuesday, the regional governor said.".into(),
            title: Some("Missiles strike Dnipro".into()),
            published: Some("2025-04-08T09:00:00+03:00".into()),
            site_name: Some("Dnipro Daily".into()),
            language: Some("en-US".into()),
            ..Extracted::default()
        }
        };
        let hints = Hints {
            fetched: Some("2025-05-01T00:00:00Z".into()),
            url: Some("https://d.test/a".into()),
            ..Hints::default()
        };
        let d = to_document_with(
            raw(Payload::Html(b"<p>ignored</p>".to_vec()), hints),
            &IngestOptions::default(),
            page,
        );
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2025, 4, 8));
        assert_eq!(d.outlet.as_deref(), Some("Dnipro Daily"));
        assert_eq!(d.author.as_deref(), Some("Oksana Hrytsenko"));
        assert_eq!(d.language.as_deref(), Some("en"));
        assert_eq!(
            d.text,
            "Missiles struck Dnipro on Tuesday, the regional governor said."
        );
        assert!(d.errors.is_empty(), "{:?}", d.errors);
    }

    #[test]
    fn crawl_date_is_only_a_last_resort() {
        let hints = Hints {
            fetched: Some("2025-05-01T00:00:00Z".into()),
            ..Hints::default()
        };
        let d = to_document_with(
            raw(
                Payload::Html(b"<p>Shelling in Kherson.</p>".to_vec()),
                hints,
            ),
            &IngestOptions::default(),
            fallback_extract,
        );
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2025, 5, 1));
    }

    #[test]
    fn an_unparsable_container_date_is_reported() {
        let hints = Hints {
            published: Some("last Tuesday".into()),
            ..Hints::default()
        };
        let d = to_document(
            raw(Payload::Text("Some text of the report.".into()), hints),
            &IngestOptions::default(),
        );
        assert_eq!(d.published, None);
        assert!(d.errors[0].contains("\"last Tuesday\" not understood"));
    }

    #[test]
    fn one_line_posts_keep_their_text() {
        for post in [
            "Explosions in Kharkiv",
            "Kyiv: air raid alert",
            "Вибухи в Одесі",
        ] {
            let d = to_document(
                raw(Payload::Text(format!("{post}\n")), Hints::default()),
                &IngestOptions::default(),
            );
            assert_eq!(d.text, post);
            assert!(d.errors.is_empty(), "{:?}", d.errors);
        }
    }

    #[test]
    fn empty_stub_extraction_falls_back_to_visible_text_with_a_note() {
        let d = to_document_with(
            raw(Payload::Html(b"<html><head><title>T</title></head><body><p>Blasts in Kursk.</p></body></html>".to_vec()), Hints::default()),
            &IngestOptions::default(),
            |_| Extracted::default(),
        );
        assert_eq!(d.text, "Blasts in Kursk.");
        assert_eq!(d.title.as_deref(), Some("T"));
        assert!(d.errors[0].contains("main-text extraction found no text"));
    }
}
