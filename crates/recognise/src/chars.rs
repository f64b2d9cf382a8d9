//! Character classes with fast paths for the scripts news text is written in.
//!
//! `char::is_alphabetic` searches Unicode tables for every character beyond ASCII, which
//! dominates tokenizing Cyrillic text. [`is_letter`] and [`is_upper`] answer directly for the
//! Latin-1, Latin Extended and Cyrillic blocks and for general punctuation (quotes, dashes),
//! and fall back to the standard library elsewhere, so they agree with it everywhere.

/// Whether `c` is alphabetic, as `char::is_alphabetic`.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7f}' => false,
        'ª' | 'µ' | 'º' => true,
        '\u{80}'..='\u{bf}' => false,
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{24f}' => true,
        // Cyrillic, without the thousands sign and the combining marks U+0482..U+0489.
        '\u{400}'..='\u{481}' | '\u{48a}'..='\u{4ff}' => true,
        '\u{482}'..='\u{489}' => false,
        // General punctuation (spaces, dashes, quotes, bullets), super- and subscripts,
        // currency signs.
        '\u{2000}'..='\u{206f}' | '\u{20a0}'..='\u{20cf}' => false,
        // The unified CJK ideographs, kana, Hangul syllables.
        '\u{4e00}'..='\u{9fff}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{ac00}'..='\u{d7a3}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is a letter or a digit, as `char::is_alphanumeric`.
#[inline]
pub(crate) fn is_alnum(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7f}' => false,
        '²' | '³' | '¹' | '¼' | '½' | '¾' => true,
        '\u{80}'..='\u{bf}' => is_letter(c),
        '\u{2000}'..='\u{206f}' | '\u{20a0}'..='\u{20cf}' => false,
        '\u{c0}'..='\u{24f}'
        | '\u{400}'..='\u{4ff}'
        | '\u{3041}'..='\u{30fa}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}' => is_letter(c),
        _ => is_letter(c) || c.is_numeric(),
    }
}

/// Whether `c` is upper case, as `char::is_uppercase`.
#[inline]
pub(crate) fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' => true,
        '\0'..='\u{7f}' => false,
        // Cyrillic capitals of the basic alphabet and the ones with diacritics before them.
        '\u{400}'..='\u{42f}' => true,
        '\u{430}'..='\u{45f}' => false,
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths agree with the standard library on every character of the blocks they
    /// cover and beyond.
    #[test]
    fn classes_agree_with_the_standard_library() {
        for c in (0u32..0x11000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
        }
    }
}
