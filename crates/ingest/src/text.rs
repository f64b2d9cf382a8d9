//! Plain-text articles: paragraphs and the header lines that carry metadata.
//!
//! [`parse_text`] recognises an optional `date YYYY-MM-DD` header (possibly followed on the same
//! line by the title), an optional one-word section label before the title, the title line, and a
//! byline (`By Jane Doe – Outlet`). Header and byline lines become metadata; the title stays as the
//! first paragraph because headlines often report the event itself.

use crate::fragment::normalise_space_owned;
use crate::meta::{parse_byline, parse_published, Byline};
use chrono::NaiveDate;
use once_cell::sync::Lazy;
use regex::Regex;

/// A plain-text article split into paragraphs, with its header metadata.
#[derive(Debug, Default, PartialEq)]
pub struct ParsedText {
    pub paragraphs: Vec<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub byline: Byline,
}

static DATE_HEADER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?i:date)\s*:?\s+(\d{4}-\d{1,2}-\d{1,2})\b\s*(.*)$").unwrap());

/// Splits text into paragraphs at blank lines and line breaks. A line break inside
/// hard-wrapped prose is joined instead: when the next line starts in lower case, or when the
/// line is long and does not end a sentence.
pub fn paragraphs(text: &str) -> Vec<String> {
    let text: std::borrow::Cow<'_, str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut last_len = 0;
    for line in text.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if !cur.is_empty() {
            let next_lower = line.chars().next().is_some_and(|c| c.is_lowercase());
            let ends_sentence = cur.ends_with([
                '.', '!', '?', ':', ';', '"', '\u{201D}', '\u{2019}', ')', '\u{2026}',
            ]);
            if next_lower || (!ends_sentence && last_len >= 60 && line.len() >= 2) {
                cur.push(' ');
                cur.push_str(line);
                last_len = line.len();
                continue;
            }
            out.push(std::mem::take(&mut cur));
        }
        cur.push_str(line);
        last_len = line.len();
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter()
        .map(normalise_space_owned)
        .filter(|b| !b.is_empty())
        .collect()
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A line that can be a headline: short and not a run of sentences.
fn looks_like_title(s: &str) -> bool {
    let words = word_count(s);
    (1..=30).contains(&words)
        && s.len() <= 300
        && (!s.ends_with('.') || words <= 12)
        && s.chars().any(char::is_alphabetic)
}

/// A section label before the title: one or two capitalised words without punctuation.
fn looks_like_section(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=2).contains(&words.len())
        && s.len() <= 25
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '&')
        })
}

/// Parses a plain-text article.
pub fn parse_text(text: &str) -> ParsedText {
    let mut paras = paragraphs(text);
    let mut out = ParsedText::default();
    // The date header, alone or followed by the title on the same line.
    if let Some(first) = paras.first() {
        if let Some(c) = DATE_HEADER.captures(first) {
            out.published = parse_published(&c[1]);
            let rest = c[2].trim().to_string();
            if rest.is_empty() {
                paras.remove(0);
            } else {
                paras[0] = rest;
            }
        }
    }
    // A section label is metadata only when a title follows it.
    if paras.len() >= 3
        && looks_like_section(&paras[0])
        && looks_like_title(&paras[1])
        && word_count(&paras[1]) >= 3
    {
        paras.remove(0);
    }
    // The byline may come just before or after the title.
    if let Some(i) = paras.iter().take(4).position(|p| parse_byline(p).is_some()) {
        out.byline = parse_byline(&paras[i]).unwrap_or_default();
        paras.remove(i);
    }
    if let Some(first) = paras.first() {
        // A title is followed by body text; a single short paragraph is just text.
        if paras.len() >= 2 && looks_like_title(first) {
            out.title = Some(first.clone());
        }
    }
    // A date line right under the title (e.g. "June 6, 2025") is header metadata too.
    if out.title.is_some() && paras.len() >= 3 {
        let line = &paras[1];
        if word_count(line) <= 6 && !line.ends_with('.') {
            if let Some(d) = parse_published(line) {
                out.published = out.published.or(Some(d));
                paras.remove(1);
            }
        }
    }
    out.paragraphs = paras;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_header_on_the_title_line_with_leading_space() {
        let p = parse_text(" date 2025-03-14 Drones Strike Oil Depot in Bryansk Region\n\nBy Ivan Petrenko – Kyiv Wire\n\nA fuel depot burned overnight.");
        assert_eq!(p.published, NaiveDate::from_ymd_opt(2025, 3, 14));
        assert_eq!(
            p.title.as_deref(),
            Some("Drones Strike Oil Depot in Bryansk Region")
        );
        assert_eq!(p.byline.author.as_deref(), Some("Ivan Petrenko"));
        assert_eq!(p.byline.outlet.as_deref(), Some("Kyiv Wire"));
        assert_eq!(
            p.paragraphs,
            [
                "Drones Strike Oil Depot in Bryansk Region",
                "A fuel depot burned overnight."
            ]
        );
    }

    #[test]
    fn date_header_on_its_own_line() {
        let p = parse_text(
            "date 2024-08-02\nShelling Hits Nikopol\nArtillery fire damaged homes, officials said.",
        );
        assert_eq!(p.published, NaiveDate::from_ymd_opt(2024, 8, 2));
        assert_eq!(p.title.as_deref(), Some("Shelling Hits Nikopol"));
        assert_eq!(p.paragraphs.len(), 2);
    }

    #[test]
    fn section_label_before_the_title_is_dropped() {
        let p = parse_text("Politics\n\nKremlin Warns of Response to Strikes\n\nThe Kremlin said on Monday it would respond.");
        assert_eq!(
            p.title.as_deref(),
            Some("Kremlin Warns of Response to Strikes")
        );
        assert_eq!(p.paragraphs[0], "Kremlin Warns of Response to Strikes");
    }

    #[test]
    fn first_paragraph_that_is_prose_is_not_a_title() {
        let p = parse_text("Russian forces struck the port of Izmail overnight with drones, damaging grain silos and a warehouse, the regional governor said on Wednesday morning in a statement on Telegram.\n\nNo one was hurt.");
        assert_eq!(p.title, None);
    }

    #[test]
    fn hard_wrapped_lines_in_a_block_are_joined() {
        let p = paragraphs("Air defence downed\n  twelve drones.\n\nTwo more fell.\r\n");
        assert_eq!(p, ["Air defence downed twelve drones.", "Two more fell."]);
    }

    #[test]
    fn date_line_under_the_title_is_metadata() {
        let p = parse_text("Blasts Reported in Sevastopol\nJune 6, 2025\nResidents reported explosions near the bay.");
        assert_eq!(p.published, NaiveDate::from_ymd_opt(2025, 6, 6));
        assert_eq!(
            p.paragraphs,
            [
                "Blasts Reported in Sevastopol",
                "Residents reported explosions near the bay."
            ]
        );
    }
}
