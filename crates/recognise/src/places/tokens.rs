//! Word tokens of a text and the normalised form under which names are looked up.
//!
//! [`norm`] folds case, Latin diacritics, `ё`, apostrophes, hyphens and dots so that "Kharkiv's",
//! "Bilhorod-Dnistrovskyi", "Bilhorod Dnistrovskyi" and "Černobyl" meet their gazetteer keys.
//! [`tokenize`] splits a text into [`Token`]s carrying their byte span, their normalised form and
//! the case facts the recogniser's rules need.

use crate::chars::{is_alnum, is_letter, is_upper};

/// One word of the text. The normalised form is a slice of the text when the word is already
/// in lookup form (lower-case letters and digits, the common case), and otherwise a slice of one
/// buffer shared by all tokens of the text, so tokens cost no allocation of their own.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset past the last character, without a possessive `'s`.
    pub end: usize,
    /// The normalised form (see [`norm`]); may contain spaces for hyphenated words.
    pub norm: &'a str,
    /// The first character is an upper-case letter.
    pub cap: bool,
    /// Every letter is upper case (and there are at least two).
    pub upper: bool,
    /// The token opens a sentence (start of text, or after `.`, `!`, `?`, `:` or a line break).
    pub sent_start: bool,
    /// A possessive `'s` or `’s` followed the word and is left out of `end`.
    pub possessive: bool,
    /// Only white space (no line break) separates this token from the previous one.
    pub joined_to_prev: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Appends the lookup form of one character to `out`: lower case, Latin diacritics removed, `ё`
/// as `е`, hyphens and white space as a single space; apostrophes and dots are dropped.
/// `base` is where the form being built starts in `out`.
fn fold(c: char, out: &mut String, base: usize) {
    // Basic Cyrillic first: lower-case letters stay, capitals shift down; ё/Ё become е below.
    match u32::from(c) {
        0x430..=0x44f | 0x450 | 0x452..=0x45f => {
            out.push(c);
            return;
        }
        0x410..=0x42f => {
            out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c));
            return;
        }
        0x400 | 0x402..=0x40f => {
            out.push(char::from_u32(u32::from(c) + 0x50).unwrap_or(c));
            return;
        }
        _ => {}
    }
    if is_apostrophe(c) || c == '.' {
        return;
    }
    if is_hyphen(c) || c.is_whitespace() {
        if out.len() > base && !out.ends_with(' ') {
            out.push(' ');
        }
        return;
    }
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let mapped: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ậ' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' | 'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ'
        | 'Ė' | 'Ę' | 'Ě' | 'ẹ' | 'ế' | 'ề' | 'ệ' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "g",
        'ĥ' | 'ħ' | 'Ĥ' | 'Ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī'
        | 'Ĭ' | 'Į' | 'İ' | 'ị' => "i",
        'ĵ' | 'Ĵ' => "j",
        'ķ' | 'Ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' | 'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø'
        | 'Ō' | 'Ŏ' | 'Ő' | 'ọ' | 'ố' | 'ồ' | 'ộ' | 'ơ' => "o",
        'ŕ' | 'ŗ' | 'ř' | 'Ŕ' | 'Ŗ' | 'Ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' | 'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ'
        | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' | 'ư' | 'ụ' => "u",
        'ŵ' | 'Ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' | 'Ý' | 'Ÿ' | 'Ŷ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ё' | 'Ё' => "е",
        'А'..='Я' => {
            out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c));
            return;
        }
        'а'..='я' => {
            out.push(c);
            return;
        }
        _ => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push_str(mapped);
}

/// The lookup form of a name or a piece of text: lower case, diacritics folded, apostrophes and
/// dots dropped, hyphens and runs of white space as one space.
pub(crate) fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    norm_into(s, &mut out);
    out
}

/// Appends the lookup form of `s` (see [`norm`]) to `out`.
fn norm_into(s: &str, out: &mut String) {
    let base = out.len();
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push_str(s);
        out[base..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        fold(c, out, base);
    }
    while out.len() > base && out.ends_with(' ') {
        out.pop();
    }
}

/// The character starting at byte `i` of `text` and its length in bytes; `None` at the end or
/// inside a character. ASCII is decoded without touching the UTF-8 machinery.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[inline]
fn alnum(c: Option<char>) -> bool {
    c.is_some_and(is_alnum)
}

#[inline]
fn upper(c: Option<char>) -> bool {
    c.is_some_and(is_upper)
}

/// What the text between two words says: whether the second opens a sentence (a line break,
/// or `.`, `!`, `?`, `:` or a dash before any quotes and brackets), and whether only spaces
/// separate them.
fn gap_facts(gap: &str) -> (bool, bool) {
    let g = gap.as_bytes();
    if g == b" " {
        return (false, true);
    }
    if gap.is_ascii() {
        let last = g.iter().rev().find(|&&c| {
            !matches!(
                c,
                b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b'"' | b'\'' | b'(' | b'['
            )
        });
        let sent = g.contains(&b'\n') || matches!(last, Some(b'.' | b'!' | b'?' | b':'));
        return (sent, !g.is_empty() && g.iter().all(|&c| c == b' '));
    }
    let before = gap.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '“' | '”' | '‘' | '\'' | '(' | '[' | '«' | '„')
    });
    (
        g.contains(&b'\n') || before.ends_with(['.', '!', '?', ':', '—', '–']),
        !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}'),
    )
}

/// Byte classes of the tokenizer: ASCII letters and digits, and among them capitals and digits.
const ALNUM: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_uppercase() {
            t[c] = ALNUM | UPPER;
        } else if b.is_ascii_lowercase() {
            t[c] = ALNUM;
        } else if b.is_ascii_digit() {
            t[c] = ALNUM | DIGIT;
        }
        c += 1;
    }
    t
};

/// The code point of a letter of the basic Cyrillic block (U+0400..U+045F) whose two bytes
/// start at `i`, without decoding anything else.
#[inline]
fn basic_cyrillic(b: &[u8], i: usize) -> Option<u32> {
    let (&lead, &next) = (b.get(i)?, b.get(i + 1)?);
    let cp = (u32::from(lead & 0x1f) << 6) | u32::from(next & 0x3f);
    ((lead == 0xd0 || lead == 0xd1) && next & 0xc0 == 0x80 && cp < 0x460).then_some(cp)
}

/// Splits `text` into word tokens. A word is a run of letters and digits, with apostrophes and
/// hyphens allowed between letters, and dots between single capital letters ("U.S.").
///
/// The scan runs over bytes: runs of ASCII letters and digits are skipped without decoding, and
/// a character is decoded only where it is not ASCII or where a rule needs to look at it.
/// Normalised forms that differ from the text are written to `arena`, which the tokens then
/// borrow.
pub(crate) fn tokenize<'a>(text: &'a str, arena: &'a mut String) -> Vec<Token<'a>> {
    arena.clear();
    let b = text.as_bytes();
    let n = b.len();
    // First pass: tokens with the place of their normalised form; the forms that need
    // rewriting go to `arena`, which can only be borrowed once it is complete.
    // Running text has a word every five or six bytes: room for one every four keeps the
    // vector from growing (and being copied) in all but the densest texts.
    let mut out: Vec<Token<'a>> = Vec::with_capacity(n / 4 + 1);
    let mut forms: Vec<(u32, u32)> = Vec::new();
    let mut prev_end = 0usize;
    let mut i = 0usize;
    while i < n {
        // Skip to the next letter or digit.
        if b[i] < 0x80 {
            if CLASS[usize::from(b[i])] & ALNUM == 0 {
                i += 1;
                continue;
            }
        } else {
            match char_at(text, i) {
                Some((c, _)) if is_alnum(c) => {}
                Some((_, len)) => {
                    i += len;
                    continue;
                }
                None => {
                    i += 1;
                    continue;
                }
            }
        }
        let start = i;
        // The first run of ASCII letters and digits, with the case facts of its bytes; a word
        // that is this run alone (the common case) needs no second look at its bytes.
        // Letters of the basic Cyrillic block (U+0400..U+045F, two bytes each) are counted in
        // the run too: `chars` counts characters, `unfolded` those outside a-z, 0-9 and а-я.
        let (mut j, mut uppers, mut digits, mut cyrillic, mut unfolded) = (i, 0, 0, 0, 0usize);
        loop {
            while j < n {
                let c = CLASS[usize::from(b[j])];
                if c & ALNUM == 0 {
                    break;
                }
                uppers += usize::from(c & UPPER != 0);
                digits += usize::from(c & DIGIT != 0);
                j += 1;
            }
            let Some(cp) = basic_cyrillic(b, j) else {
                break;
            };
            // Capitals U+0400..U+042F, а..я U+0430..U+044F, ѐ..џ U+0450..U+045F.
            uppers += usize::from(cp < 0x430);
            unfolded += usize::from(!(0x430..0x450).contains(&cp));
            cyrillic += 1;
            j += 2;
        }
        let first_run_end = j;
        // Characters of the run: one byte each, but two for a Cyrillic letter.
        let chars = j - i - cyrillic;
        loop {
            while j < n && b[j].is_ascii_alphanumeric() {
                j += 1;
            }
            // Most words end at an ASCII character that cannot continue them.
            if b.get(j)
                .is_none_or(|&c| c < 0x80 && !matches!(c, b'\'' | b'`' | b'-' | b'.'))
            {
                break;
            }
            let Some((cj, lj)) = char_at(text, j) else {
                break;
            };
            if !cj.is_ascii() && is_alnum(cj) {
                j += lj;
                continue;
            }
            // Only an apostrophe, a hyphen or a dot can continue a word past this point.
            if !(is_apostrophe(cj) || is_hyphen(cj) || cj == '.') {
                break;
            }
            let next = char_at(text, j + lj);
            let next_c = next.map(|(c, _)| c);
            if (is_apostrophe(cj) || is_hyphen(cj)) && alnum(next_c) {
                j += lj;
                continue;
            }
            // "U.S." and "U.K.": a dot after a lone capital letter that is followed by another.
            if cj == '.' && upper(next_c) {
                let mut back = text[..j].chars().rev();
                let (p1, p2) = (back.next(), back.next());
                if upper(p1) && !alnum(p2) {
                    let nl = next.map_or(1, |(_, l)| l);
                    let after = char_at(text, j + 1 + nl).map(|(c, _)| c);
                    if !alnum(after) {
                        j += 1 + nl;
                        if after == Some('.') {
                            j += 1;
                        }
                        continue;
                    }
                }
            }
            break;
        }
        let end = j;
        let mut word_end = end;
        let mut possessive = false;
        if end - start > 2 && b[end - 1] == b's' {
            let word = &text[start..end];
            for suffix in ["'s", "’s", "ʼs"] {
                if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
                    word_end = end - suffix.len();
                    possessive = true;
                    break;
                }
            }
        }
        let surface = &text[start..word_end];
        let sb = surface.as_bytes();
        // `rewrite`: the word is not its own lookup form (lower-case letters and digits only).
        let (cap, upper, rewrite) = if word_end == first_run_end {
            let letters = chars - digits;
            let cap = match basic_cyrillic(sb, 0) {
                Some(cp) => cp < 0x430,
                None => CLASS[usize::from(sb[0])] & UPPER != 0,
            };
            (
                cap,
                letters >= 2 && uppers == letters,
                uppers + unfolded > 0,
            )
        } else if surface.is_ascii() {
            let (mut letters, mut uppers, mut plain) = (0usize, 0usize, true);
            for &c in sb {
                letters += usize::from(c.is_ascii_alphabetic());
                uppers += usize::from(c.is_ascii_uppercase());
                plain &= c.is_ascii_lowercase() || c.is_ascii_digit();
            }
            let form = !plain;
            (
                sb[0].is_ascii_uppercase(),
                letters >= 2 && uppers == letters,
                form,
            )
        } else {
            let cap = surface.chars().next().is_some_and(is_upper);
            let (mut letters, mut all_upper, mut plain) = (0usize, true, true);
            for c in surface.chars() {
                if is_letter(c) {
                    letters += 1;
                    all_upper &= is_upper(c);
                }
                // Lower-case Cyrillic (without ё) and ASCII need no folding.
                plain &= matches!(c, 'а'..='я' | 'a'..='z' | '0'..='9');
            }
            let form = !plain;
            (cap, letters >= 2 && all_upper, form)
        };
        let (sent_start, joined_to_prev) = if out.is_empty() {
            (true, false)
        } else if start == prev_end + 1 && b[prev_end] == b' ' {
            (false, true)
        } else {
            gap_facts(&text[prev_end..start])
        };
        out.push(Token {
            start,
            end: word_end,
            // Rewritten forms are filled in below, from their place in `forms`.
            norm: if rewrite {
                let s = arena.len();
                norm_into(surface, arena);
                forms.push((out.len() as u32, s as u32));
                ""
            } else {
                surface
            },
            cap,
            upper,
            sent_start,
            possessive,
            joined_to_prev,
        });
        prev_end = end;
        i = j;
    }
    let arena: &'a String = arena;
    for (k, &(tok, s)) in forms.iter().enumerate() {
        let e = forms.get(k + 1).map_or(arena.len(), |f| f.1 as usize);
        out[tok as usize].norm = arena.get(s as usize..e).unwrap_or("");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_folds_case_diacritics_and_punctuation() {
        assert_eq!(norm("Černobyl’"), "cernobyl");
        assert_eq!(norm("Bilhorod-Dnistrovskyi"), "bilhorod dnistrovskyi");
        assert_eq!(norm("St. Petersburg"), "st petersburg");
        assert_eq!(norm("Київ"), "київ");
        assert_eq!(norm("Орёл"), "орел");
    }

    #[test]
    fn tokens_strip_possessives_and_mark_sentence_starts() {
        let mut arena = String::new();
        let t = tokenize("Russia’s Bryansk region. Will U.S. aid\ncome?", &mut arena);
        let words: Vec<&str> = t.iter().map(|t| t.norm).collect();
        assert_eq!(
            words,
            ["russia", "bryansk", "region", "will", "us", "aid", "come"]
        );
        assert!(t[0].possessive && t[0].sent_start);
        assert_eq!(t[0].end, "Russia".len());
        assert!(!t[1].sent_start && t[1].joined_to_prev);
        assert!(t[3].sent_start);
        assert!(t[4].upper);
        assert!(t[6].sent_start);
    }

    /// Each token's lookup form, whether it is capitalised, whether it is in capitals.
    fn case_facts(text: &str) -> Vec<(String, bool, bool)> {
        let mut arena = String::new();
        let t = tokenize(text, &mut arena);
        t.iter()
            .map(|t| (t.norm.to_string(), t.cap, t.upper))
            .collect()
    }

    #[test]
    fn case_facts_of_plain_and_compound_words() {
        let text = "NATO's 2nd HIMARS Kharkiv-based M2A2 Ok x3 it's Zaporizhzhia’s";
        assert_eq!(
            case_facts(text),
            [
                ("nato", true, true),
                ("2nd", false, false),
                ("himars", true, true),
                ("kharkiv based", true, false),
                ("m2a2", true, true),
                ("ok", true, false),
                ("x3", false, false),
                // Every "'s" is taken for a possessive, contractions too.
                ("it", false, false),
                ("zaporizhzhia", true, false),
            ]
            .map(|(w, c, u)| (w.to_string(), c, u))
        );
        let mut arena = String::new();
        let t = tokenize(text, &mut arena);
        assert!(t[0].possessive && t[7].possessive && t[8].possessive && !t[6].possessive);
        assert_eq!((t[4].start, t[4].end), (32, 36));
    }

    #[test]
    fn case_facts_and_forms_of_cyrillic_words() {
        assert_eq!(
            case_facts("Київщина ЗСУ Одеса ёлка Ёлки ЇЖАК Ѐлка ђура Х-59 Ґрунт"),
            [
                ("київщина", true, false),
                ("зсу", true, true),
                ("одеса", true, false),
                ("елка", false, false),
                ("елки", true, false),
                ("їжак", true, true),
                ("ѐлка", true, false),
                ("ђура", false, false),
                ("х 59", true, false),
                ("ґрунт", true, false),
            ]
            .map(|(w, c, u)| (w.to_string(), c, u))
        );
        let mut arena = String::new();
        // Lower-case а..я words are their own lookup form and borrow the text.
        let text = "над областю";
        let t = tokenize(text, &mut arena);
        let borrowed = |w: &str| text.as_bytes().as_ptr_range().contains(&w.as_ptr());
        assert!(t.len() == 2 && t.iter().all(|t| borrowed(t.norm)));
    }

    #[test]
    fn tokenize_never_panics_on_odd_input() {
        for s in [
            "",
            "'",
            "’s",
            "-",
            "A.",
            "U.S",
            "..U.S..",
            "\u{0}\u{ffff}x",
            "Ä’",
            "a-'b",
        ] {
            let _ = tokenize(s, &mut String::new());
        }
    }
}
