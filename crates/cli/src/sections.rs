//! Bounded work per document: a long text is recognised and read for events in sections.
//!
//! Recognition and event extraction look at a document as a whole (a place is weighed against
//! every other place of the text, a report joins the events reported before it), and parts of
//! that work grow faster than the text. A live blog of a few hundred kilobytes is common, and a
//! crawl can hold a page of any size, so a text longer than [`WHOLE_BYTES`] is cut into
//! sections of at most [`SECTION_BYTES`] at paragraph breaks ([`sections`]), each section is
//! analysed on its own (on the worker pool), and the mentions and events are moved back to
//! their places in the whole text ([`analyse`]). The cost of a document is then linear in its
//! size, and a text of normal length (every article, and live blogs up to [`WHOLE_BYTES`]) is
//! analysed exactly as before. Events of one happening reported in two sections stay two
//! events of the document; the store fuses them like reports from two documents.
//!
//! The sizes: the work on a section grows faster than its length (a text repeating one short
//! report, the worst case, costs about four times as much per byte in sections of 128 KB as
//! in sections of 32 KB), while a section of 32 KB still holds a long article whole.

use rayon::prelude::*;
use sitrep_model::{Document, Event, Mention};
use sitrep_recognise::Recogniser;
use std::borrow::Cow;
use std::ops::Range;

/// Texts up to this many bytes are analysed whole.
pub const WHOLE_BYTES: usize = 128 * 1024;

/// Longer texts are analysed in sections of at most this many bytes.
pub const SECTION_BYTES: usize = 32 * 1024;

/// The byte ranges of the sections of `text`, in order, covering it without gaps: the whole
/// text when it is at most `max` bytes long; otherwise ranges of at most `max` bytes, each
/// cut after a paragraph break (a blank line), or when a paragraph is longer than that, after a
/// line break, a sentence end or a space, and as a last resort at a character boundary. Cuts
/// are looked for in the second half of a window first, so sections are never needlessly
/// small, and finding them is linear in the text.
pub fn sections(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(8);
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let end = floor_char_boundary(text, start + max);
        let half = ceil_char_boundary(text, start + max / 2).min(end);
        let cut = cut_in(text, half, end)
            .or_else(|| cut_in(text, start, half))
            .filter(|&c| c > start)
            .unwrap_or(if end > start {
                end
            } else {
                ceil_char_boundary(text, start + 1)
            });
        out.push(start..cut);
        start = cut;
    }
    if start < text.len() || out.is_empty() {
        out.push(start..text.len());
    }
    out
}

/// The best place to end a section within `text[from..to]`: just after the last paragraph
/// break, else the last line break, else the last sentence end followed by a space, else the
/// last space.
fn cut_in(text: &str, from: usize, to: usize) -> Option<usize> {
    let window = &text.as_bytes()[from..to];
    let after = |i: usize, len: usize| from + i + len;
    if let Some(i) = memchr::memmem::rfind(window, b"\n\n") {
        return Some(after(i, 2));
    }
    if let Some(i) = memchr::memrchr(b'\n', window) {
        return Some(after(i, 1));
    }
    let mut sentence = None;
    for i in memchr::memrchr_iter(b' ', window) {
        if i > 0 && matches!(window[i - 1], b'.' | b'!' | b'?') {
            sentence = Some(after(i, 1));
            break;
        }
    }
    sentence.or_else(|| memchr::memrchr(b' ', window).map(|i| after(i, 1)))
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The mentions and events of `doc`: of the whole text when it is at most [`WHOLE_BYTES`]
/// long, else of each section, with their offsets moved to the whole text and their events
/// renumbered as the whole document's. Mentions are returned only with `keep_mentions`.
pub fn analyse(
    recogniser: &Recogniser,
    doc: &Document,
    keep_mentions: bool,
) -> (Vec<Mention>, Vec<Event>) {
    analyse_in(recogniser, doc, WHOLE_BYTES, SECTION_BYTES, keep_mentions)
}

/// [`analyse`] with the sizes given: texts up to `whole` bytes are analysed whole, longer ones
/// in sections of at most `section` bytes. Mentions are only returned when `keep_mentions` is
/// set (a long text has many, and they are dropped section by section otherwise).
pub fn analyse_in(
    recogniser: &Recogniser,
    doc: &Document,
    whole: usize,
    section: usize,
    keep_mentions: bool,
) -> (Vec<Mention>, Vec<Event>) {
    let one = |(at, section): (usize, Cow<'_, Document>)| {
        let mut mentions = recogniser.recognise(&section);
        let events = sitrep_events::extract(&section, &mentions);
        if !keep_mentions {
            mentions = Vec::new();
        }
        (at, mentions, events)
    };
    let units = split(doc, whole, section);
    let parts: Vec<Part> = if units.len() == 1 {
        units.into_iter().map(one).collect()
    } else {
        units.into_par_iter().map(one).collect()
    };
    join(doc, parts)
}

/// What one section yields: where it starts in the whole text, its mentions and its events.
pub type Part = (usize, Vec<Mention>, Vec<Event>);

/// The units `doc` is analysed in: the document itself when its text is at most `whole`
/// bytes, else each section of at most `section` bytes as a document of its own (the same
/// metadata, the section's text), each with the byte at which it starts in the whole text.
pub fn split(doc: &Document, whole: usize, section: usize) -> Vec<(usize, Cow<'_, Document>)> {
    if doc.text.len() <= whole {
        return vec![(0, Cow::Borrowed(doc))];
    }
    let ranges = sections(&doc.text, section);
    let shell = Document {
        text: String::new(),
        errors: Vec::new(),
        ..doc.clone()
    };
    ranges
        .iter()
        .map(|r| {
            let section = Document {
                text: doc.text[r.clone()].to_string(),
                ..shell.clone()
            };
            (r.start, Cow::Owned(section))
        })
        .collect()
}

/// The mentions and events of the whole of `doc` from those of its units ([`split`]), in
/// order: offsets moved by where each section starts, event ids made the whole document's.
pub fn join(doc: &Document, parts: Vec<Part>) -> (Vec<Mention>, Vec<Event>) {
    if parts.len() == 1 {
        if let Some((0, mentions, events)) = parts.into_iter().next() {
            return (mentions, events);
        }
        return (Vec::new(), Vec::new());
    }
    let mut mentions = Vec::new();
    let mut events = Vec::new();
    for (at, m, e) in parts {
        let from = mentions.len();
        mentions.extend(m);
        for m in &mut mentions[from..] {
            m.shift(at);
        }
        let from = events.len();
        events.extend(e);
        for e in &mut events[from..] {
            e.shift(at);
            e.id =
                sitrep_events::merge::event_id(&doc.doc, e.kind, &e.evidence, e.location.as_ref());
        }
    }
    (mentions, events)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_cover(text: &str, max: usize) -> Vec<Range<usize>> {
        let s = sections(text, max);
        assert_eq!(s.first().map(|r| r.start), Some(0));
        assert_eq!(s.last().map(|r| r.end), Some(text.len()));
        for w in s.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        for r in &s {
            assert!(text.get(r.clone()).is_some(), "{r:?} off a char boundary");
            assert!(r.len() <= max.max(8), "{r:?} longer than {max}");
            assert!(!r.is_empty() || text.is_empty());
        }
        s
    }

    #[test]
    fn a_short_text_is_one_section() {
        assert_eq!(sections("Explosions in Kharkiv", 100), vec![0..21]);
        assert_eq!(sections("", 100), vec![0..0]);
    }

    #[test]
    fn sections_end_after_paragraph_breaks() {
        let para = "Drones struck Odesa overnight, the governor said.";
        let text = [para; 40].join("\n\n");
        let s = check_cover(&text, 500);
        assert!(s.len() > 1);
        for r in &s[..s.len() - 1] {
            assert!(text[r.clone()].ends_with("\n\n"), "{r:?}");
            assert!(r.len() >= 250, "{r:?}");
        }
    }

    #[test]
    fn a_long_paragraph_is_cut_after_a_sentence_then_a_space_then_anywhere() {
        let text = "Вибухи у Харкові. ".repeat(300);
        for r in &check_cover(&text, 200)[..1] {
            assert!(text[r.clone()].ends_with(". "), "{r:?}");
        }
        let words = "слово ".repeat(200);
        for r in &check_cover(&words, 100)[..1] {
            assert!(words[r.clone()].ends_with(' '));
        }
        check_cover(&"Ж".repeat(1000), 101);
        check_cover(&"x".repeat(1000), 7);
        check_cover("\n\n\n\n\n\n\n\n\n\n\n\n", 8);
    }

    proptest::proptest! {
        #[test]
        fn sections_cover_any_text(text in "(?s)[a-zЖж .\n\u{1F680}]{0,400}", max in 1usize..120) {
            check_cover(&text, max);
        }
    }

    /// A text of the report used by the scaling benchmark, repeated: in sections, every
    /// mention and piece of evidence still points at its own words, event ids stay distinct,
    /// and a text shorter than a section is analysed exactly as a whole.
    #[test]
    fn sections_give_offsets_into_the_whole_text() {
        let report = "On 8 May 2025, Russian forces shelled Nikopol with artillery. One man was \
                      killed and two women were wounded, the regional governor said.";
        let recogniser = Recogniser::new();
        let text = [report; 12].join("\n\n");
        let doc = Document {
            doc: sitrep_model::DocId("long.txt".into()),
            published: chrono::NaiveDate::from_ymd_opt(2025, 5, 9),
            text,
            ..Document::default()
        };
        let (wm, we) = analyse_in(&recogniser, &doc, usize::MAX, usize::MAX, true);
        let (sm, se) = analyse_in(&recogniser, &doc, 400, 400, true);
        assert!(analyse_in(&recogniser, &doc, 400, 400, false).0.is_empty());
        assert!(sections(&doc.text, 400).len() >= 4);
        assert_eq!(wm.len(), sm.len());
        for m in &sm {
            assert_eq!(&doc.text[m.start..m.end], m.text);
        }
        assert!(
            se.len() >= 4 && se.len() >= we.len(),
            "{} {}",
            se.len(),
            we.len()
        );
        let mut ids: Vec<&str> = se.iter().map(|e| e.id.0.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), se.len());
        for e in &se {
            for x in &e.evidence {
                assert_eq!(&doc.text[x.start..x.end], x.text);
            }
            for c in &e.claims {
                assert_eq!(&doc.text[c.start..c.end], c.text);
            }
            for p in &e.provenance {
                assert_eq!(&doc.text[p.start..p.end], p.text);
            }
            if let Some(l) = &e.location {
                let s = l.span.expect("a location span");
                assert_eq!(&doc.text[s.start..s.end], l.text);
            }
        }
        let one = Document {
            text: report.into(),
            ..doc.clone()
        };
        assert_eq!(
            analyse(&recogniser, &one, true),
            (
                recogniser.recognise(&one),
                sitrep_events::extract(&one, &recogniser.recognise(&one))
            )
        );
    }
}
