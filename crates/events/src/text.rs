//! Sentences, paragraphs and words: a hand-written linear scanner.
//!
//! [`split`] cuts a document's text into [`Sentence`]s, each with its byte span, paragraph
//! number and flags (a heading line, a question). [`words`] lists the word spans of a slice.
//! Nothing here allocates per byte or backtracks, so the cost is linear in the text.

/// One sentence (or heading line) of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Paragraph number, counting blank-line separated blocks and heading lines.
    pub para: usize,
    /// A line without closing punctuation: a title, a heading or a caption.
    pub heading: bool,
    /// Ends with a question mark.
    pub question: bool,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep", "gov",
    "prof", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
    "aug", "sept", "sep", "oct", "nov", "dec", "adm", "brig", "cmdr", "u.s", "u.k", "u.n", "e.g",
    "i.e", "approx",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "J. Smith", "U.S."
    }
    let lower = w.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (lower.contains('.') && lower.len() <= 5 && !lower.ends_with(".."))
}

/// Splits `text` into sentences. Paragraphs are separated by blank lines; a single line
/// break also ends a sentence (titles, captions and list items stand on their own lines).
pub fn split(text: &str) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut i = 0usize;
    let n = bytes.len();
    let mut start: Option<usize> = None;
    let mut pending_break = false;
    while i < n {
        let b = bytes[i];
        if b == b'\n' {
            if let Some(s) = start.take() {
                push(text, &mut out, s, i, para, true);
            }
            // A blank line or a heading line starts a new paragraph.
            let mut j = i + 1;
            let mut newlines = 1;
            while j < n
                && (bytes[j] == b'\n' || bytes[j] == b'\r' || bytes[j] == b' ' || bytes[j] == b'\t')
            {
                if bytes[j] == b'\n' {
                    newlines += 1;
                }
                j += 1;
            }
            if newlines >= 2 || out.last().is_some_and(|s: &Sentence| s.heading) {
                pending_break = true;
            }
            i = j;
            continue;
        }
        if start.is_none() {
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if pending_break && !out.is_empty() {
                para += 1;
            }
            pending_break = false;
            start = Some(i);
        }
        if matches!(b, b'.' | b'!' | b'?') || text[i..].starts_with('\u{2026}') {
            let mut j = i + if b < 0x80 { 1 } else { 3 };
            // Closing quotes and brackets belong to the sentence.
            while j < n {
                let rest = &text[j..];
                if let Some(c) = rest.chars().next() {
                    if matches!(
                        c,
                        '"' | '\'' | ')' | '\u{201D}' | '\u{2019}' | '.' | '!' | '?'
                    ) {
                        j += c.len_utf8();
                        continue;
                    }
                }
                break;
            }
            let at_end = j >= n;
            // "stationed there.The building": sentences glued by a lost space, a lower-case
            // word before the stop and a capitalised word after it.
            let glued = b == b'.' && j == i + 1 && !at_end && {
                let before = text[..i].chars().next_back();
                let mut after = text[j..].chars();
                before.is_some_and(|c| c.is_lowercase())
                    && after.next().is_some_and(char::is_uppercase)
                    && after.next().is_some_and(char::is_lowercase)
            };
            let followed_by_space = at_end || bytes[j].is_ascii_whitespace() || glued;
            if followed_by_space {
                let s = start.unwrap_or(i);
                let word_start = text[s..i]
                    .rfind(|c: char| c.is_whitespace())
                    .map_or(s, |k| s + k + 1);
                let word = &text[word_start..i];
                let next_lower = text[j..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase());
                if b == b'.' && (is_abbreviation(word) || next_lower) && !at_end {
                    i = j;
                    continue;
                }
                push(text, &mut out, s, j, para, false);
                start = None;
                i = j;
                continue;
            }
            i = j;
            continue;
        }
        i += if b < 0x80 { 1 } else { utf8_len(b) };
    }
    if let Some(s) = start {
        push(text, &mut out, s, n, para, true);
    }
    out
}

fn utf8_len(b: u8) -> usize {
    match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

fn push(text: &str, out: &mut Vec<Sentence>, s: usize, e: usize, para: usize, line_end: bool) {
    let slice = &text[s..e];
    let trimmed = slice.trim_end();
    let e = s + trimmed.len();
    if trimmed.is_empty() {
        return;
    }
    let last = trimmed.chars().last().unwrap_or(' ');
    let closing = matches!(
        last,
        '.' | '!' | '?' | '"' | '\u{201D}' | ')' | ':' | '\u{2026}'
    );
    let heading = line_end && !closing;
    let question = trimmed
        .trim_end_matches(['"', '\u{201D}', '\'', '\u{2019}', ')'])
        .ends_with('?');
    out.push(Sentence {
        start: s,
        end: e,
        para,
        heading,
        question,
    });
}

/// The word spans of `text[start..end]`, as absolute offsets. A word is a run of letters and
/// digits, with inner apostrophes, hyphens and dots ("Russia's", "Kh-101", "U.S.").
pub fn words(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    words_into(text, start, end, &mut out);
    out
}

/// [`words`], appended to `out`.
pub fn words_into(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = text.get(start..end).unwrap_or("");
    let mut cur: Option<usize> = None;
    let mut last_end = 0usize;
    for (k, c) in slice.char_indices() {
        let inner = matches!(c, '\'' | '\u{2019}' | '-' | '.');
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if alnum {
            if cur.is_none() {
                cur = Some(k);
            }
            last_end = k + c.len_utf8();
        } else if inner && cur.is_some() {
            // Inner punctuation continues the word only when a letter or digit follows.
            let next = slice[k + c.len_utf8()..].chars().next();
            if !next.is_some_and(char::is_alphanumeric) {
                if let Some(s) = cur.take() {
                    out.push((start + s, start + last_end));
                }
            }
        } else if let Some(s) = cur.take() {
            out.push((start + s, start + last_end));
        }
    }
    if let Some(s) = cur {
        out.push((start + s, start + last_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_sentences_and_keeps_abbreviations() {
        let t = "Title Line Here\n\nU.S. officials said Mr. Smith left. He did not return! Why?\nNext para.";
        assert_eq!(
            texts(t),
            vec![
                "Title Line Here",
                "U.S. officials said Mr. Smith left.",
                "He did not return!",
                "Why?",
                "Next para."
            ]
        );
        let s = split(t);
        assert!(s[0].heading && !s[1].heading);
        assert!(s[3].question);
        assert_eq!(s[0].para + 1, s[1].para);
        assert_eq!(s[1].para, s[3].para);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let t = "He said: \u{201C}We will win.\u{201D} Then he left.";
        assert_eq!(
            texts(t),
            vec!["He said: \u{201C}We will win.\u{201D}", "Then he left."]
        );
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        let t = "Russia's Kh-101, fired.";
        let w: Vec<&str> = words(t, 0, t.len())
            .iter()
            .map(|&(s, e)| &t[s..e])
            .collect();
        assert_eq!(w, vec!["Russia's", "Kh-101", "fired"]);
    }

    #[test]
    fn sentences_glued_by_a_lost_space_are_split() {
        assert_eq!(
            texts("Launchers are stationed there.The building was attacked."),
            vec![
                "Launchers are stationed there.",
                "The building was attacked."
            ]
        );
        // Domains and initials stay whole.
        assert_eq!(
            texts("See kyivpost.com for more."),
            vec!["See kyivpost.com for more."]
        );
        assert_eq!(
            texts("U.S.A. Today it rained."),
            vec!["U.S.A. Today it rained."]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            "...",
            "\n\n\n",
            "é.",
            "a.\u{2026}b",
            "?\u{201D}",
            "\u{2019}.",
        ] {
            let _ = split(t);
            let _ = words(t, 0, t.len());
        }
    }
}
