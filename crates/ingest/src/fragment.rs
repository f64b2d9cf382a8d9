//! A small HTML-to-text converter for fragments (feed item content) and for pages on which
//! main-text extraction finds nothing.
//!
//! [`fragment_paragraphs`] walks the markup once: block elements end a paragraph, `script`,
//! `style` and page furniture containers (`nav`, `header`, `footer`, `aside`, `form`) are skipped,
//! and character references are decoded. [`fallback_extract`] wraps it as a `sitrep_html::Extracted`.

use sitrep_html::Extracted;

/// Elements whose content is never text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "nav", "header", "footer", "aside",
    "form", "button", "select", "iframe", "object",
];

/// Elements that start or end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "blockquote",
    "section",
    "article",
    "main",
    "figure",
    "figcaption",
    "hr",
    "pre",
    "dd",
    "dt",
    "dl",
    "body",
    "html",
    "caption",
    "address",
];

/// Converts HTML to paragraphs of text with whitespace normalised.
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    let mut paras = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < bytes.len() {
        let Some(rel) = memchr::memchr(b'<', &bytes[i..]) else {
            cur.push_str(&html[i..]);
            break;
        };
        cur.push_str(&html[i..i + rel]);
        i += rel;
        let rest = &html[i..];
        if let Some(body) = rest.strip_prefix("<!--") {
            i += 4 + body.find("-->").map_or(body.len(), |e| e + 3);
            continue;
        }
        let Some((name, closing, tag_len)) = tag_at(rest) else {
            // A lone '<' is text.
            cur.push('<');
            i += 1;
            continue;
        };
        i += tag_len;
        if !closing && SKIP.contains(&name.as_str()) {
            i += skip_element(&html[i..], &name);
            flush(&mut cur, &mut paras);
            continue;
        }
        if BLOCK.contains(&name.as_str()) {
            flush(&mut cur, &mut paras);
        } else if !cur.ends_with(' ') {
            // Inline tags may separate words in sloppy markup; a space is harmless.
            if matches!(name.as_str(), "td" | "span") {
                cur.push(' ');
            }
        }
    }
    flush(&mut cur, &mut paras);
    paras
}

fn flush(cur: &mut String, paras: &mut Vec<String>) {
    let decoded = decode_entities(cur);
    let norm = normalise_space(&decoded);
    if !norm.is_empty() {
        paras.push(norm);
    }
    cur.clear();
}

/// Collapses runs of whitespace (including no-break spaces) into single spaces and trims, and
/// drops zero-width characters and soft hyphens.
pub fn normalise_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}'
        ) {
            continue;
        }
        if c.is_whitespace() || c == '\u{00A0}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// [`normalise_space`] taking ownership: text that is already normalised (the common case for
/// extracted paragraphs) is returned as it is, without a copy.
pub fn normalise_space_owned(s: String) -> String {
    if is_normalised(&s) {
        s
    } else {
        normalise_space(&s)
    }
}

/// Whether [`normalise_space`] would return `s` unchanged: single spaces between words, none at
/// either end, and no other whitespace, no-break space or zero-width character.
fn is_normalised(s: &str) -> bool {
    let mut after_space = true;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // ASCII: a space not after another or at the start, or any other character that
            // is not whitespace.
            i += 1;
            if b == b' ' {
                if after_space {
                    return false;
                }
                after_space = true;
            } else if matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
                return false;
            } else {
                after_space = false;
            }
            continue;
        }
        if (0xC2..=0xDF).contains(&b) && i + 1 < bytes.len() {
            // Two-byte characters: U+0085 and U+00A0 are whitespace, U+00AD is dropped, the
            // others are kept as they are.
            if b == 0xC2 && matches!(bytes[i + 1], 0x85 | 0xA0 | 0xAD) {
                return false;
            }
            i += 2;
            after_space = false;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
            continue;
        }
        if c.is_whitespace()
            || matches!(
                c,
                '\u{00A0}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}'
            )
        {
            return false;
        }
        after_space = false;
    }
    !after_space || s.is_empty()
}

#[cfg(test)]
mod normalised_tests {
    use super::*;

    #[test]
    fn normalised_text_is_recognised_exactly() {
        for s in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\u{0b}b",
            "a\u{a0}b",
            "Київ — місто",
            "Київ\u{2003}місто",
            "soft\u{ad}hyphen",
            "zero\u{200b}width",
            "x\u{1c}y",
            "a\u{85}b",
            "a\u{80}b ß\u{7ff}\u{800}",
            "Київ і Харків",
        ] {
            assert_eq!(is_normalised(s), normalise_space(s) == s, "{s:?}");
            assert_eq!(normalise_space_owned(s.to_string()), normalise_space(s));
        }
    }
}

/// Parses the tag at the start of `s` (which begins with '<'): its lower-case name, whether it
/// is a closing tag, and its length including '>'. `None` when it is not a tag.
fn tag_at(s: &str) -> Option<(String, bool, usize)> {
    let b = s.as_bytes();
    let mut j = 1;
    let closing = b.get(1) == Some(&b'/');
    if closing {
        j += 1;
    }
    let bang = b.get(j) == Some(&b'!') || b.get(j) == Some(&b'?');
    if !bang && !b.get(j).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_start = j;
    while j < b.len()
        && (b[j].is_ascii_alphanumeric()
            || b[j] == b'!'
            || b[j] == b'?'
            || b[j] == b'-'
            || b[j] == b':')
    {
        j += 1;
    }
    let name = s[name_start..j].to_ascii_lowercase();
    // Find the end of the tag, stepping over quoted attribute values.
    let mut quote = None;
    while j < b.len() {
        match (quote, b[j]) {
            (None, b'"') | (None, b'\'') => quote = Some(b[j]),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return Some((name, closing, j + 1)),
            _ => {}
        }
        j += 1;
    }
    Some((name, closing, b.len()))
}

/// Length of the content of a skipped element up to and including its closing tag (the rest of
/// the input when it is never closed). Nested elements of the same name are counted.
fn skip_element(s: &str, name: &str) -> usize {
    let lower = s.to_ascii_lowercase();
    let open = format!("<{name}");
    let close = format!("</{name}");
    let raw_text = matches!(name, "script" | "style" | "template" | "noscript");
    let mut depth = 1;
    let mut i = 0;
    while i < lower.len() {
        let next_close = lower[i..].find(&close).map(|p| p + i);
        let next_open = if raw_text {
            None
        } else {
            lower[i..].find(&open).map(|p| p + i)
        };
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                let after = lower.as_bytes().get(o + open.len()).copied();
                if after.is_none_or(|b| !b.is_ascii_alphanumeric()) {
                    depth += 1;
                }
                i = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                let end = lower[c..].find('>').map_or(lower.len(), |e| c + e + 1);
                if depth == 0 {
                    return end;
                }
                i = end;
            }
            (_, None) => return s.len(),
        }
    }
    s.len()
}

/// Decodes numeric character references and the named references common in news pages.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c.is_whitespace() || c == '&' || c == '<')
            .map(|e| e + 1);
        let decoded = end
            .filter(|&e| rest.as_bytes()[e] == b';' && e <= 12)
            .and_then(|e| {
                let name = &rest[1..e];
                entity(name).map(|c| (c, e + 1))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{00A0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "shy" => '\u{00AD}',
        "eacute" => 'é',
        "euro" => '€',
        "times" => '×',
        _ => return None,
    })
}

/// Text of the first `<title>` element, if any.
fn page_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = lower[start..].find('>')? + start + 1;
    let close = lower[open_end..].find("</title")? + open_end;
    let t = normalise_space(&decode_entities(&html[open_end..close]));
    (!t.is_empty()).then_some(t)
}

/// A plain extraction used when the main-text extractor finds nothing: the page's visible text
/// outside page furniture containers, and its `<title>`.
pub fn fallback_extract(html: &str) -> Extracted {
    Extracted {
        text: fragment_paragraphs(html).join("\n\n"),
        title: page_title(html),
        ..Extracted::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_elements_make_paragraphs_and_inline_ones_do_not() {
        let p = fragment_paragraphs(
            "<p>Drones hit <b>Sumy</b> overnight.</p><p>Two were <a href='x'>injured</a>.</p>",
        );
        assert_eq!(p, ["Drones hit Sumy overnight.", "Two were injured."]);
    }

    #[test]
    fn scripts_styles_and_navigation_are_skipped() {
        let p = fragment_paragraphs(
            "<nav><ul><li>Home</li><li>World</li></ul></nav><script>var a = '<p>x</p>';</script><style>p{}</style><p>Shelling resumed.</p>",
        );
        assert_eq!(p, ["Shelling resumed."]);
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode_entities("Kyiv &amp; Lviv &#8211; &#x41; &bogus; AT&T"),
            "Kyiv & Lviv – A &bogus; AT&T"
        );
    }

    #[test]
    fn broken_markup_does_not_lose_the_text_before_it() {
        let p = fragment_paragraphs("<p>Glide bombs struck Kharkiv.<div class=\"unterminated");
        assert_eq!(p, ["Glide bombs struck Kharkiv."]);
        let p = fragment_paragraphs("a < b and <3 <p>ok");
        assert_eq!(p, ["a < b and <3", "ok"]);
    }

    #[test]
    fn fallback_takes_the_title_element() {
        let e = fallback_extract("<html><head><title>Odesa port hit &ndash; report</title></head><body><p>Text.</p></body></html>");
        assert_eq!(e.title.as_deref(), Some("Odesa port hit – report"));
        assert_eq!(e.text, "Text.");
    }
}
