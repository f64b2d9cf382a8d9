//! The lexer shared by the date and number scanners.
//!
//! [`tokenize`] splits text into [`Tok`]s: runs of letters (words), runs of ASCII digits, and
//! single punctuation characters. Whitespace separates tokens and is dropped; two tokens with
//! nothing between them are *adjacent* ([`adjacent`]), which is how the scanners tell `Kh-101`
//! from `5 - 7` and `19th` from `19 th`. Each short ASCII word carries a lowercase copy so that
//! keyword tests are a slice comparison without allocation.

/// The longest word, in bytes, whose lowercase copy is kept. Longer words never match a keyword.
const LC: usize = 14;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, ASCII or not.
    Word,
    /// ASCII digits.
    Digits,
    /// One character that is neither a letter, a digit nor whitespace.
    Punct,
}

/// One token with its byte span in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// A word whose first letter is uppercase.
    pub cap: bool,
    /// An ASCII word in capitals only ("ON", "NATO").
    pub upper: bool,
    /// The character of a punctuation token (`'\0'` for other tokens).
    pub ch: char,
    /// The value of a digit run, saturating at `u64::MAX`.
    pub val: u64,
    /// Which scanners this token can start a phrase for ([`NUM`], [`DATE`]).
    pub class: u8,
    lc: [u8; LC],
    lc_len: u8,
}

/// The token can start a quantity.
pub(crate) const NUM: u8 = 1;
/// The token can start a date phrase.
pub(crate) const DATE: u8 = 2;

/// Words that start both quantities and dates: number words ("two days ago" is a date),
/// "a"/"an", and "in" ("in excess of", "in 2023").
const NUM_AND_DATE_WORDS: &[&[u8]] = &[
    b"zero",
    b"one",
    b"two",
    b"three",
    b"four",
    b"five",
    b"six",
    b"seven",
    b"eight",
    b"nine",
    b"ten",
    b"eleven",
    b"twelve",
    b"thirteen",
    b"fourteen",
    b"fifteen",
    b"sixteen",
    b"seventeen",
    b"eighteen",
    b"nineteen",
    b"twenty",
    b"thirty",
    b"forty",
    b"fifty",
    b"sixty",
    b"seventy",
    b"eighty",
    b"ninety",
    b"half",
    b"a",
    b"an",
    b"in",
];

/// Words that start quantities only: hedges, vague quantities and zero.
const NUM_WORDS: &[&[u8]] = &[
    b"at",
    b"more",
    b"over",
    b"upwards",
    b"well",
    b"just",
    b"no",
    b"not",
    b"up",
    b"as",
    b"fewer",
    b"less",
    b"under",
    b"below",
    b"about",
    b"around",
    b"approximately",
    b"roughly",
    b"nearly",
    b"almost",
    b"some",
    b"estimated",
    b"only",
    b"exactly",
    b"approx",
    b"close",
    b"between",
    b"dozens",
    b"hundreds",
    b"tens",
    b"thousands",
    b"millions",
    b"scores",
    b"several",
    b"nobody",
    b"none",
    b"without",
];

/// Words that start dates only: lead-ins, relative words, weekdays (months are added from
/// [`MONTH_WORDS`]).
const DATE_WORDS: &[&[u8]] = &[
    b"on",
    b"during",
    b"the",
    b"early",
    b"late",
    b"mid",
    b"overnight",
    b"since",
    b"until",
    b"till",
    b"by",
    b"before",
    b"after",
    b"from",
    b"today",
    b"tonight",
    b"yesterday",
    b"earlier",
    b"later",
    b"last",
    b"this",
    b"next",
    b"previous",
    b"monday",
    b"tuesday",
    b"wednesday",
    b"thursday",
    b"friday",
    b"saturday",
    b"sunday",
];

/// Month names and abbreviations, lower case, with their month.
const MONTH_WORDS: &[(&[u8], u32)] = &[
    (b"january", 1),
    (b"jan", 1),
    (b"february", 2),
    (b"feb", 2),
    (b"march", 3),
    (b"mar", 3),
    (b"april", 4),
    (b"apr", 4),
    (b"may", 5),
    (b"june", 6),
    (b"jun", 6),
    (b"july", 7),
    (b"jul", 7),
    (b"august", 8),
    (b"aug", 8),
    (b"september", 9),
    (b"sep", 9),
    (b"sept", 9),
    (b"october", 10),
    (b"oct", 10),
    (b"november", 11),
    (b"nov", 11),
    (b"december", 12),
    (b"dec", 12),
];

/// The scanners a word (in lower case) can start a phrase for. Every word that some scanner
/// rule begins with is listed above; all other words are skipped without further tests. The
/// lists are read once into a hash table: most words of a text are in none of them, and a
/// table answers that in one probe.
fn classify(w: &[u8]) -> u8 {
    /// The listed words, and a bit set of their (length, first letter, last letter) triples
    /// that rules out most other words before any hashing.
    struct Table {
        gate: [u64; GATE_WORDS],
        map: crate::places::FxMap<&'static [u8], u8>,
    }
    const GATE_WORDS: usize = (LC * 26 * 26).div_ceil(64);
    fn gate_bit(w: &[u8]) -> Option<usize> {
        let (&first, &last) = (w.first()?, w.last()?);
        if w.len() > LC || !first.is_ascii_lowercase() || !last.is_ascii_lowercase() {
            return None;
        }
        Some(((w.len() - 1) * 26 + usize::from(first - b'a')) * 26 + usize::from(last - b'a'))
    }
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = Table {
            gate: [0; GATE_WORDS],
            map: crate::places::FxMap::default(),
        };
        let months = MONTH_WORDS.iter().map(|&(w, _)| (w, DATE));
        let lists = [
            (NUM_AND_DATE_WORDS, NUM | DATE),
            (NUM_WORDS, NUM),
            (DATE_WORDS, DATE),
        ];
        let words = lists
            .iter()
            .flat_map(|&(list, class)| list.iter().map(move |&w| (w, class)))
            .chain(months);
        for (w, class) in words {
            *t.map.entry(w).or_insert(0) |= class;
            if let Some(b) = gate_bit(w) {
                t.gate[b / 64] |= 1 << (b % 64);
            }
        }
        t
    });
    match gate_bit(w) {
        Some(b) if table.gate[b / 64] & (1 << (b % 64)) != 0 => {
            table.map.get(w).copied().unwrap_or(0)
        }
        _ => 0,
    }
}

impl Tok {
    /// The lowercase text of a short ASCII word; empty for other tokens.
    pub fn lc(&self) -> &[u8] {
        &self.lc[..usize::from(self.lc_len)]
    }

    /// Whether this is the word `w` (given in lowercase), in any case.
    pub fn is(&self, w: &[u8]) -> bool {
        self.kind == Kind::Word && self.lc() == w
    }

    /// Whether this is the punctuation character `c`.
    pub fn is_ch(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_digits(&self) -> bool {
        self.kind == Kind::Digits
    }

    /// Number of digits of a digit run (its byte length).
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// A hyphen or a dash as used between numbers or words.
    pub fn is_dash(&self) -> bool {
        self.kind == Kind::Punct && matches!(self.ch, '-' | '–' | '‑' | '—')
    }
}

/// Whether token `i` ends exactly where token `i + 1` starts.
pub(crate) fn adjacent(toks: &[Tok], i: usize) -> bool {
    match (toks.get(i), toks.get(i + 1)) {
        (Some(a), Some(b)) => a.end == b.start,
        _ => false,
    }
}

/// Splits `text` into tokens. Never fails: any character is a letter, a digit, whitespace or
/// punctuation.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 4);
    tokenize_into(text, 0..text.len(), &mut toks);
    toks
}

/// Text pieces of about [`CHUNK`] bytes, cut after a line break (or, in a text without line
/// breaks, at whitespace), so that a scanner can tokenize one piece at a time into a buffer
/// that stays in cache. A phrase never spans a line break in the scanners' grammar.
pub(crate) fn chunks(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    const CHUNK: usize = 16 * 1024;
    const HARD: usize = 128 * 1024;
    let b = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= b.len() {
            return None;
        }
        let soft = start + CHUNK;
        let end = if soft >= b.len() {
            b.len()
        } else {
            let hard = (start + HARD).min(b.len());
            match b[soft..hard].iter().position(|&c| c == b'\n') {
                Some(p) => soft + p + 1,
                None => {
                    hard + b[hard..]
                        .iter()
                        .position(u8::is_ascii_whitespace)
                        .unwrap_or(b.len() - hard)
                }
            }
        };
        let r = start..end;
        start = end;
        Some(r)
    })
}

/// Calls `f` with the tokens of each piece of `text` (see [`chunks`]) in turn, reusing one
/// buffer: the loop every scanner over a whole text runs.
pub(crate) fn for_each_chunk(text: &str, mut f: impl FnMut(&[Tok])) {
    // Room for the tokens of a typical chunk, so that the vector rarely grows.
    let mut toks = Vec::with_capacity(text.len().min(4096) / 4 + 1);
    for range in chunks(text) {
        toks.clear();
        tokenize_into(text, range, &mut toks);
        f(&toks);
    }
}

/// Appends the tokens of `text[range]` to `toks`, with offsets into the whole `text`.
/// `range` must start and end on char boundaries, as [`chunks`] guarantees.
pub(crate) fn tokenize_into(text: &str, range: std::ops::Range<usize>, toks: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let n = range.end.min(b.len());
    let mut i = range.start;
    while i < n {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i;
            let mut val: u64 = 0;
            while j < n && b[j].is_ascii_digit() {
                val = val
                    .saturating_mul(10)
                    .saturating_add(u64::from(b[j] - b'0'));
                j += 1;
            }
            toks.push(Tok {
                start: i,
                end: j,
                kind: Kind::Digits,
                cap: false,
                upper: false,
                ch: '\0',
                val,
                class: NUM | DATE,
                lc: [0; LC],
                lc_len: 0,
            });
            i = j;
            continue;
        }
        if c.is_ascii_alphabetic() {
            // The ASCII letters first, lower-cased on the way; a word that goes on in other
            // scripts has no lower-case form here.
            let mut lc = [0u8; LC];
            let mut all_upper = true;
            let mut j = i;
            while j < n && b[j].is_ascii_alphabetic() {
                if let Some(slot) = lc.get_mut(j - i) {
                    *slot = b[j] | 0x20;
                }
                all_upper &= b[j].is_ascii_uppercase();
                j += 1;
            }
            let (j, ascii) = if j < n && b[j] >= 0x80 {
                word_end(text, j, n)
            } else {
                (j, true)
            };
            let lc_len = if ascii && j - i <= LC {
                (j - i) as u8
            } else {
                lc = [0; LC];
                0
            };
            toks.push(Tok {
                start: i,
                end: j,
                kind: Kind::Word,
                cap: c.is_ascii_uppercase(),
                upper: ascii && all_upper,
                ch: '\0',
                val: 0,
                class: classify(&lc[..usize::from(lc_len)]),
                lc,
                lc_len,
            });
            i = j;
            continue;
        }
        if c < 0x80 {
            toks.push(punct(i, i + 1, c as char));
            i += 1;
            continue;
        }
        // A non-ASCII character: `i` is always on a char boundary here.
        let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
        let len = ch.len_utf8();
        if ch.is_whitespace() {
            i += len;
        } else if crate::chars::is_letter(ch) {
            let (j, _) = word_end(text, i, n);
            toks.push(Tok {
                start: i,
                end: j,
                kind: Kind::Word,
                cap: crate::chars::is_upper(ch),
                upper: false,
                ch: '\0',
                val: 0,
                class: 0,
                lc: [0; LC],
                lc_len: 0,
            });
            i = j;
        } else {
            toks.push(punct(i, i + len, ch));
            i += len;
        }
    }
}

/// The month (1-12) a capitalised month name or abbreviation stands for: `November`, `Nov`,
/// `Sept`. Lowercase words are not months, so that "may" and "march" stay verbs.
pub(crate) fn month_of(t: &Tok) -> Option<u32> {
    if !t.is_word() || !t.cap {
        return None;
    }
    month_name(t.lc())
}

/// The month a lowercase month name or abbreviation stands for.
pub(crate) fn month_name(w: &[u8]) -> Option<u32> {
    MONTH_WORDS.iter().find(|(m, _)| *m == w).map(|&(_, n)| n)
}

/// Whether a month token is an abbreviation rather than the full name.
pub(crate) fn is_month_abbreviation(t: &Tok) -> bool {
    t.len() <= 4 && !t.is(b"may") && !t.is(b"june") && !t.is(b"july")
}

/// Whether token `i` is a capitalised month, directly or as an abbreviation followed by a dot
/// (`Nov.`), looking backwards from the token after it: returns the month's token index.
pub(crate) fn month_before(toks: &[Tok], i: usize) -> Option<usize> {
    let p = i.checked_sub(1)?;
    if month_of(&toks[p]).is_some() {
        return Some(p);
    }
    // "Nov. 19", but not "... on 9 May. Seven people": a full month name before a stop ends
    // the sentence.
    if toks[p].is_ch('.')
        && p > 0
        && adjacent(toks, p - 1)
        && month_of(&toks[p - 1]).is_some()
        && is_month_abbreviation(&toks[p - 1])
    {
        return Some(p - 1);
    }
    None
}

fn punct(start: usize, end: usize, ch: char) -> Tok {
    Tok {
        start,
        end,
        kind: Kind::Punct,
        cap: false,
        upper: false,
        ch,
        val: 0,
        class: 0,
        lc: [0; LC],
        lc_len: 0,
    }
}

/// The end of the word starting at `i` (not past `n`), and whether it is all ASCII.
fn word_end(text: &str, i: usize, n: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let mut j = i;
    let mut ascii = true;
    while j < n {
        let c = b[j];
        if c.is_ascii_alphabetic() {
            j += 1;
        } else if (c == 0xd0 || c == 0xd1) && j + 1 < n {
            // U+0400..U+047F: Cyrillic letters, two bytes each.
            ascii = false;
            j += 2;
        } else if c >= 0x80 {
            match text[j..].chars().next() {
                Some(ch) if crate::chars::is_letter(ch) => {
                    ascii = false;
                    j += ch.len_utf8();
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    (j, ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_classified_and_others_are_not() {
        for &w in NUM_AND_DATE_WORDS {
            assert_eq!(classify(w), NUM | DATE, "{}", String::from_utf8_lossy(w));
        }
        for &w in NUM_WORDS {
            assert_eq!(classify(w), NUM, "{}", String::from_utf8_lossy(w));
        }
        for &w in DATE_WORDS.iter().chain(MONTH_WORDS.iter().map(|(w, _)| w)) {
            assert_eq!(classify(w), DATE, "{}", String::from_utf8_lossy(w));
        }
        for w in [
            &b"and"[..],
            b"said",
            b"missile",
            b"",
            b"thee",
            b"x",
            b"approximatelyy",
        ] {
            assert_eq!(classify(w), 0, "{}", String::from_utf8_lossy(w));
        }
    }

    #[test]
    fn splits_words_digits_and_punctuation_with_adjacency() {
        let t = tokenize("Kh-101, 1,200 Київ’s 19th");
        let kinds: Vec<_> = t.iter().map(|t| t.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            [Word, Punct, Digits, Punct, Digits, Punct, Digits, Word, Punct, Word, Digits, Word]
        );
        assert!(t[0].is(b"kh") && t[0].cap);
        assert!(adjacent(&t, 0) && adjacent(&t, 1));
        assert!(!adjacent(&t, 3));
        assert_eq!(t[6].val, 200);
        assert_eq!(t[7].lc(), b"", "non-ASCII words have no lowercase copy");
        assert!(t[8].is_ch('’'));
        assert!(adjacent(&t, 10) && t[11].is(b"th"));
    }

    #[test]
    fn chunks_cover_the_text_and_cut_after_line_breaks() {
        let line = "Five drones were shot down over Kyiv on Sunday.\n";
        let text = line.repeat(2000);
        let pieces: Vec<_> = chunks(&text).collect();
        assert!(pieces.len() > 1);
        assert_eq!(pieces[0].start, 0);
        assert_eq!(pieces.last().unwrap().end, text.len());
        for w in pieces.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert_eq!(text.as_bytes()[w[0].end - 1], b'\n');
        }
        let one_line = "Київ ".repeat(100_000);
        for r in chunks(&one_line) {
            assert!(one_line.is_char_boundary(r.start) && one_line.is_char_boundary(r.end));
        }
        assert_eq!(chunks("").count(), 0);
    }

    #[test]
    fn huge_digit_runs_saturate() {
        let t = tokenize("99999999999999999999999999");
        assert_eq!(t[0].val, u64::MAX);
    }
}
