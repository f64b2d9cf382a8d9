//! Page furniture: short lines that are never article text wherever they stand (share and
//! subscribe prompts, teasers for other stories, photo credits, site notices, in English and in
//! the other languages of the reporting), and bylines and date stamps.

/// How teaser lines for other stories open, in Ukrainian, Russian, German and Polish.
const TEASER_STARTS: &[&str] = &[
    "читайте також",
    "читайте більше",
    "читайте также",
    "дивіться також",
    "смотрите также",
    "по темі",
    "по теме",
    "lesen sie auch",
    "mehr zum thema",
    "czytaj także",
    "czytaj też",
    "zobacz także",
    "zobacz też",
];

/// How prompts to subscribe or share open, in the same languages.
const PROMPT_STARTS: &[&str] = &[
    "підписуйтесь",
    "підписуйтеся",
    "підпишіться",
    "подписывайтесь",
    "подпишитесь",
    "поділитися",
    "поделиться",
    "melden sie sich",
    "abonnieren sie",
    "zapisz się",
    "subskrybuj",
    "udostępnij",
];

/// Site notices (cookies, copyright), in the same languages.
const NOTICES: &[&str] = &[
    "використовуємо файли cookie",
    "используем файлы cookie",
    "verwenden cookies",
    "używamy plików cookie",
    "усі права захищено",
    "все права защищены",
    "alle rechte vorbehalten",
    "wszelkie prawa zastrzeżone",
];

/// Short lines that are page furniture wherever they appear.
pub(crate) fn is_furniture(text: &str) -> bool {
    // Counting stops past 40: longer paragraphs are never furniture.
    let words = count_words_upto(text, 41);
    if words > 40 {
        return false;
    }
    let lower = text.to_lowercase();
    let l = lower.trim_matches(|c: char| !c.is_alphanumeric());
    const STARTS: &[&str] = &[
        "advert",
        "like this story",
        "sponsored",
        "share this",
        "share on",
        "share:",
        "read more",
        "read also",
        "related:",
        "related articles",
        "related stories",
        "see also",
        "also read",
        "continue reading",
        "story continues",
        "article continues",
        "sign up",
        "subscribe",
        "click here",
        "follow us",
        "photo:",
        "photograph:",
        "image:",
        "picture:",
        "credit:",
        "image source",
        "getty images",
        "copyright",
        "©",
        "all rights reserved",
        "watch:",
        "listen:",
        "video:",
        "reporting by",
        "editing by",
        "loading",
        "skip to",
        "this article",
        "comments",
        "print",
        "email",
        "more from",
        "most read",
        "recommended",
        "you may also",
        "you might also",
        "we use cookies",
        "published",
        "updated",
        "last updated",
    ];
    if words <= 8
        && STARTS
            .iter()
            .any(|s| l.starts_with(s.trim_end_matches(':')))
    {
        return true;
    }
    // Teasers and prompts in the other languages of the reporting, which open the line.
    if words <= 25 && TEASER_STARTS.iter().any(|s| l.starts_with(s)) {
        return true;
    }
    if words <= 40 && PROMPT_STARTS.iter().any(|s| l.starts_with(s)) {
        return true;
    }
    if words <= 30 && NOTICES.iter().any(|s| lower.contains(s)) {
        return true;
    }
    // Promotions: a short paragraph asking the reader to click, share or sign up.
    if words <= 40
        && (lower.contains("click here")
            || (lower.contains("newsletter")
                && (lower.contains("sign up") || lower.contains("subscribe")))
            || lower.contains("share it with"))
    {
        return true;
    }
    let credit = [
        "getty images",
        "ap photo",
        "/reuters",
        "/afp",
        "photo by",
        "photograph by",
        "(image:",
        "(photo:",
        "(picture:",
        "(credit:",
    ];
    words <= 14 && credit.iter().any(|c| lower.contains(c))
}

/// A short line that reads as a byline or a date stamp.
pub(crate) fn is_byline_or_date(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words > 12 {
        return false;
    }
    let lower = text.to_lowercase();
    if lower.starts_with("by ") || lower.starts_with("от ") || lower.starts_with("автор") {
        return true;
    }
    // A plausible year (four digits from 1900 to 2099) with a day or a time beside it.
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty())
        .collect();
    let year = numbers
        .iter()
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    year && numbers.len() >= 2
}

/// The number of words of `s` as `split_whitespace` cuts them, counting stops at `cap`.
fn count_words_upto(s: &str, cap: usize) -> usize {
    let (mut words, mut in_word) = (0usize, false);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && words < cap {
        let b = bytes[i];
        let ws = if b.is_ascii() {
            i += 1;
            matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
        } else if (0xC2..=0xDF).contains(&b) && i + 1 < bytes.len() {
            // Two-byte characters: only U+0085 and U+00A0 are whitespace.
            let ws = b == 0xC2 && matches!(bytes[i + 1], 0x85 | 0xA0);
            i += 2;
            ws
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            c.is_whitespace()
        };
        if ws {
            in_word = false;
        } else if !in_word {
            words += 1;
            in_word = true;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_cuts_them() {
        for s in [
            "",
            " a  b ",
            "Київ\u{a0}і\u{2003}Харків",
            "x\u{0b}y\u{85}z",
            "one",
            "İ\u{ad}\u{80} ß\u{7ff}\u{800}\u{3000}z",
        ] {
            assert_eq!(
                count_words_upto(s, 99),
                s.split_whitespace().count(),
                "{s:?}"
            );
            assert_eq!(count_words_upto(s, 1), s.split_whitespace().count().min(1));
        }
    }
}
