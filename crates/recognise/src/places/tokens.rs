//! Word tokens of a text and the normalised form under which names are looked up.
//!
//! [`norm`] folds case, Latin diacritics, `ё`, apostrophes, hyphens and dots so that "Kharkiv's",
//! "Bilhorod-Dnistrovskyi", "Bilhorod Dnistrovskyi" and "Černobyl" meet their gazetteer keys.
//! [`tokenize`] splits a text into [`Token`]s carrying their byte span, their normalised form and
//! the case facts the recogniser's rules need.

/// One word of the text.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset past the last character, without a possessive `'s`.
    pub end: usize,
    /// The normalised form (see [`norm`]); may contain spaces for hyphenated words.
    pub norm: String,
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
fn fold(c: char, out: &mut String) {
    if is_apostrophe(c) || c == '.' {
        return;
    }
    if is_hyphen(c) || c.is_whitespace() {
        if !out.ends_with(' ') && !out.is_empty() {
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
    for c in s.chars() {
        fold(c, &mut out);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Splits `text` into word tokens. A word is a run of letters and digits, with apostrophes and
/// hyphens allowed between letters, and dots between single capital letters ("U.S.").
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    let n = chars.len();
    let mut prev_end = 0usize;
    while i < n {
        let (start, c) = chars[i];
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n {
            let cj = chars[j].1;
            if cj.is_alphanumeric() {
                j += 1;
                continue;
            }
            let next_alnum = j + 1 < n && chars[j + 1].1.is_alphanumeric();
            if (is_apostrophe(cj) || is_hyphen(cj)) && next_alnum {
                j += 1;
                continue;
            }
            // "U.S." and "U.K.": a dot after a lone capital letter that is followed by another.
            if cj == '.'
                && chars[j - 1].1.is_uppercase()
                && (j < 2 || !chars[j - 2].1.is_alphanumeric())
                && j + 1 < n
                && chars[j + 1].1.is_uppercase()
                && (j + 2 >= n || !chars[j + 2].1.is_alphanumeric() || chars[j + 2].1 == '.')
            {
                j += 2;
                if j < n && chars[j].1 == '.' {
                    j += 1;
                }
                continue;
            }
            break;
        }
        let end = if j < n { chars[j].0 } else { text.len() };
        let mut word_end = end;
        let mut possessive = false;
        let word = &text[start..end];
        for suffix in ["'s", "’s", "ʼs"] {
            if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
                word_end = end - suffix.len();
                possessive = true;
                break;
            }
        }
        let surface = &text[start..word_end];
        let cap = surface.chars().next().is_some_and(|c| c.is_uppercase());
        let (letters, all_upper) = surface
            .chars()
            .filter(|c| c.is_alphabetic())
            .fold((0usize, true), |(n, up), c| (n + 1, up && c.is_uppercase()));
        let upper = letters >= 2 && all_upper;
        let gap = &text[prev_end..start];
        let before = gap.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '“' | '”' | '‘' | '\'' | '(' | '[' | '«' | '„')
        });
        let sent_start = out.is_empty()
            || gap.contains('\n')
            || before.ends_with(['.', '!', '?', ':', '—', '–']);
        let joined_to_prev =
            !out.is_empty() && !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}');
        out.push(Token {
            start,
            end: word_end,
            norm: norm(surface),
            cap,
            upper,
            sent_start,
            possessive,
            joined_to_prev,
        });
        prev_end = end;
        i = j;
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
        let t = tokenize("Russia’s Bryansk region. Will U.S. aid\ncome?");
        let words: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
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
            let _ = tokenize(s);
        }
    }
}
