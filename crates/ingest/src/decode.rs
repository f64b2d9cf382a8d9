//! Character decoding of text and HTML bytes.
//!
//! HTML follows the order browsers use: a byte order mark, then the transport's declared
//! charset, then a `<meta>` declaration in the first kilobytes, then valid UTF-8, then a guess by
//! `chardetng`. Plain text skips the declarations it cannot have.

use encoding_rs::{Encoding, UTF_8};

/// Decoded text and a note when something about the decoding deserves a word in the document's
/// errors (a guessed encoding, replaced bytes).
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// The charset parameter of a `Content-Type` value, e.g. `text/html; charset=windows-1251`.
pub fn charset_of_content_type(ct: &str) -> Option<&str> {
    let lower = ct.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = ct[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    let cs = &rest[..end];
    (!cs.is_empty()).then_some(cs)
}

/// Scans the start of an HTML page for `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = String::from_utf8_lossy(&head[start..end]);
        if let Some(cs) = charset_of_content_type(&tag) {
            if let Some(enc) = Encoding::for_label(cs.as_bytes()) {
                // A page cannot declare UTF-16 in ASCII-compatible bytes; browsers read UTF-8.
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Some(UTF_8);
                }
                return Some(enc);
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&bytes[..bytes.len().min(256 * 1024)], true);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

fn decode_with(bytes: &[u8], enc: &'static Encoding, how: &str) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let note =
        had_errors.then(|| format!("bytes not valid in {} ({how}) were replaced", enc.name()));
    Decoded {
        text: text.into_owned(),
        note,
    }
}

/// Decodes an HTML page; `transport` is the charset the HTTP or WARC headers declared.
pub fn decode_html(bytes: &[u8], transport: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom_len..], enc, "byte order mark");
    }
    if let Some(enc) = transport.and_then(|t| Encoding::for_label(t.trim().as_bytes())) {
        return decode_with(bytes, enc, "declared by the transport");
    }
    if let Some(enc) = meta_charset(bytes) {
        return decode_with(bytes, enc, "declared in <meta>");
    }
    utf8_or_detected(bytes, "no charset declared and not valid UTF-8")
}

/// [`decode_html`] taking the bytes by value: a page in UTF-8 (declared so, or declaring
/// nothing) becomes its text without a copy. The result is the same as [`decode_html`]'s.
pub fn decode_html_owned(bytes: Vec<u8>, transport: Option<&str>) -> Decoded {
    if Encoding::for_bom(&bytes).is_some() {
        return decode_html(&bytes, transport);
    }
    let declared = transport
        .and_then(|t| Encoding::for_label(t.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes));
    if declared.is_some_and(|enc| enc != UTF_8) {
        return decode_html(&bytes, transport);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded { text, note: None },
        Err(e) => decode_html(e.as_bytes(), transport),
    }
}

/// Decodes plain text: a byte order mark, else UTF-8, else a detected legacy encoding.
pub fn decode_text(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom_len..], enc, "byte order mark");
    }
    utf8_or_detected(bytes, "not valid UTF-8")
}

/// The last resort of both decoders: the bytes as UTF-8 when they are valid, else decoded in
/// the detected legacy encoding with a note that starts with `why`.
fn utf8_or_detected(bytes: &[u8], why: &str) -> Decoded {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            note: None,
        };
    }
    let enc = guess(bytes);
    let mut d = decode_with(bytes, enc, "detected");
    if d.note.is_none() {
        d.note = Some(format!("{why}; decoded as {} (detected)", enc.name()));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_charset_is_found_in_any_case_and_quoting() {
        assert_eq!(
            charset_of_content_type("text/html; charset=UTF-8"),
            Some("UTF-8")
        );
        assert_eq!(
            charset_of_content_type("text/html;Charset=\"koi8-r\""),
            Some("koi8-r")
        );
        assert_eq!(charset_of_content_type("text/html"), None);
    }

    #[test]
    fn bom_wins_over_every_declaration() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=windows-1251><p>Київ".as_bytes());
        let d = decode_html(&bytes, Some("iso-8859-1"));
        assert!(d.text.ends_with("Київ"), "{}", d.text);
        assert!(d.note.is_none());
    }

    #[test]
    fn transport_charset_wins_over_meta() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("<meta charset=utf-8><p>Харків</p>");
        let d = decode_html(&bytes, Some("windows-1251"));
        assert!(d.text.contains("Харків"));
    }

    #[test]
    fn meta_prescan_finds_http_equiv_declarations() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body><p>Одеса</p>";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(page);
        let d = decode_html(&bytes, None);
        assert!(d.text.contains("Одеса"), "{}", d.text);
    }

    #[test]
    fn undeclared_legacy_cyrillic_is_detected_and_noted() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "<p>Повітряні сили повідомили, що вночі було збито дванадцять дронів над областю.</p>",
        );
        let d = decode_html(&bytes, None);
        assert!(d.text.contains("Повітряні сили"), "{}", d.text);
        assert!(d.note.unwrap().contains("windows-1251"));
    }

    #[test]
    fn owned_decoding_matches_borrowed_decoding() {
        let (cyr, _, _) = encoding_rs::WINDOWS_1251
            .encode("<p>Повітряні сили повідомили про дрони над областю.</p>");
        let cases: Vec<(Vec<u8>, Option<&str>)> = vec![
            (
                b"<meta charset=utf-8><p>Kyiv \xe2\x80\x94 ok".to_vec(),
                None,
            ),
            (b"<meta charset=utf-8><p>bad \xff byte".to_vec(), None),
            (b"<p>no declaration \xc3\xa9".to_vec(), None),
            (b"<p>no declaration, bad \xff".to_vec(), None),
            (b"\xef\xbb\xbf<p>bom".to_vec(), Some("iso-8859-1")),
            (b"<p>caf\xe9".to_vec(), Some("iso-8859-1")),
            (b"<p>ok".to_vec(), Some("utf-8")),
            (b"<p>bad \xfe".to_vec(), Some("UTF-8")),
            (cyr.into_owned(), None),
            (Vec::new(), None),
        ];
        for (bytes, transport) in cases {
            let a = decode_html(&bytes, transport);
            let b = decode_html_owned(bytes.clone(), transport);
            assert_eq!(a.text, b.text, "{bytes:?}");
            assert_eq!(a.note, b.note, "{bytes:?}");
        }
    }

    #[test]
    fn plain_text_utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Sumy".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).text, "Sumy");
    }

    #[test]
    fn invalid_utf8_text_is_decoded_with_a_note() {
        let d = decode_text(b"Kherson \xff\xfe region");
        assert!(d.text.starts_with("Kherson"));
        assert!(d.note.is_some());
    }
}
