//! Word scanning shared by the text hashes: [`scan_words`] walks a text's words (maximal runs
//! of characters for which `char::is_alphanumeric` holds) and hands a [`WordSink`] the UTF-8
//! bytes of each word lower-cased character by character (`char::to_lowercase`).
//!
//! The hashes built on it are stored, so the scanner must give exactly what the plain
//! definition with `str::split` and the standard Unicode tables gives. It only answers from
//! ranges for the scripts news text mostly uses (ASCII, Latin-1 letters, basic Cyrillic,
//! general punctuation, Hangul syllables, common CJK ideographs), where the tables' answers
//! are known and checked for every character by the tests, and asks the tables otherwise.

/// ASCII bytes: the lower-case form of letters and digits, 0 for everything else.
const ASCII_LOWER: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// `c.is_alphanumeric()`, answered from ranges for common scripts.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7f => ASCII_LOWER[c as usize] != 0,
        // Latin-1 letters; the multiplication and division signs are symbols.
        0xc0..=0xff => c != '\u{d7}' && c != '\u{f7}',
        // Basic Cyrillic letters.
        0x400..=0x481 => true,
        // Spaces, dashes, quotation marks and format characters.
        0x2000..=0x206f => false,
        // CJK unified ideographs and Hangul syllables.
        0x4e00..=0x9fff | 0xac00..=0xd7a3 => true,
        _ => c.is_alphanumeric(),
    }
}

/// The lower-case form of a word character when it is one character known without the
/// tables, else `None`.
#[inline]
fn simple_lower(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde | 0x410..=0x42f => u + 0x20,
        0x400..=0x40f => u + 0x50,
        0x30..=0x39
        | 0x61..=0x7a
        | 0xdf..=0xf6
        | 0xf8..=0xff
        | 0x430..=0x45f
        | 0x4e00..=0x9fff
        | 0xac00..=0xd7a3 => u,
        _ => return None,
    };
    char::from_u32(l)
}

/// Receives the words of a text from [`scan_words`].
pub trait WordSink {
    /// A word begins.
    fn start(&mut self);
    /// The next byte of the word's lower-case UTF-8 form (per-character lower-casing).
    fn byte(&mut self, b: u8);
    /// The word ended; `text[word]` is its original text (`text` is the scanned text),
    /// `sigma` whether it holds a capital sigma (the one letter whose lower-case form in
    /// `str::to_lowercase` depends on its neighbours).
    fn end(&mut self, text: &str, word: std::ops::Range<usize>, sigma: bool);
}

/// The character at byte `i` of `text` (a character boundary) and its length in bytes.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let c = text[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// Feeds every word of `text` to `sink`, in order.
#[inline]
pub fn scan_words<S: WordSink>(text: &str, sink: &mut S) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        // Skip separators.
        let b = bytes[i];
        if b < 0x80 {
            if ASCII_LOWER[b as usize] == 0 {
                i += 1;
                continue;
            }
        } else {
            let (c, len) = char_at(text, i);
            if !is_word_char(c) {
                i += len;
                continue;
            }
        }
        let start = i;
        let mut sigma = false;
        sink.start();
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                let l = ASCII_LOWER[b as usize];
                if l == 0 {
                    break;
                }
                sink.byte(l);
                i += 1;
            } else {
                let (c, len) = char_at(text, i);
                if !is_word_char(c) {
                    break;
                }
                let mut buf = [0u8; 4];
                match simple_lower(c) {
                    Some(l) => {
                        for &b in l.encode_utf8(&mut buf).as_bytes() {
                            sink.byte(b);
                        }
                    }
                    None => {
                        sigma |= c == '\u{3a3}';
                        for l in c.to_lowercase() {
                            for &b in l.encode_utf8(&mut buf).as_bytes() {
                                sink.byte(b);
                            }
                        }
                    }
                }
                i += len;
            }
        }
        sink.end(text, start..i, sigma);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_characters_agree_with_the_unicode_tables_for_every_character() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "{c:?} {:#x}",
                c as u32
            );
        }
    }

    #[test]
    fn simple_lower_cases_agree_with_the_unicode_tables_for_every_character() {
        let mut known = 0;
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            if let Some(l) = simple_lower(c) {
                assert!(c.is_alphanumeric(), "{c:?}");
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c:?}");
                known += 1;
            }
        }
        assert!(known > 30_000);
    }

    /// Collects the words and their lower-case bytes.
    #[derive(Default)]
    struct Collect {
        current: Vec<u8>,
        words: Vec<(String, String, bool)>,
    }

    impl WordSink for Collect {
        fn start(&mut self) {
            self.current.clear();
        }
        fn byte(&mut self, b: u8) {
            self.current.push(b);
        }
        fn end(&mut self, text: &str, word: std::ops::Range<usize>, sigma: bool) {
            let lower = String::from_utf8(self.current.clone()).expect("UTF-8");
            self.words.push((text[word].to_string(), lower, sigma));
        }
    }

    fn reference_words(text: &str) -> Vec<(String, String, bool)> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                (
                    w.to_string(),
                    w.chars().flat_map(char::to_lowercase).collect(),
                    w.contains('\u{3a3}'),
                )
            })
            .collect()
    }

    #[test]
    fn words_of_mixed_scripts_match_the_split_definition() {
        for t in [
            "Удар по Харкову: ЗСУ повідомили про 12 дронів «Шахед» — ОДИН збито.",
            "ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ. Η πόλη επλήγη",
            "Straße café naïve résumé İstanbul DŽ ǅ 1st ½ ² × ÷ x’s  \u{0} end",
            "서울에서 회담이 열렸다 北京 ＡＢＣ",
            "",
            " ,, ",
        ] {
            let mut sink = Collect::default();
            scan_words(t, &mut sink);
            assert_eq!(sink.words, reference_words(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_match_the_split_definition(text in "(?s)[a-zA-Z0-9 ,.’ÉéΣσςİЖжЀѐ҂中이\u{300}\u{2071}\t\n-]{0,200}") {
            let mut sink = Collect::default();
            scan_words(&text, &mut sink);
            proptest::prop_assert_eq!(sink.words, reference_words(&text));
        }
    }
}
