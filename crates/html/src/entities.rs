//! Character references: [`decode_entities`] (and [`decode_entities_cow`], which borrows text
//! without references) turns `&amp;`, `&#8217;`, `&#x2014;` and the common
//! named references into characters. Unknown names stay as written; invalid code points become
//! U+FFFD; the C1 range is mapped through Windows-1252 as browsers do.

use memchr::memchr;
use std::borrow::Cow;

/// Windows-1252 characters for the numeric references 0x80..=0x9F.
const C1: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

/// The named references met in practice in article pages.
fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "hairsp" => "\u{200a}",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        "lrm" => "\u{200e}",
        "rlm" => "\u{200f}",
        "shy" => "\u{ad}",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "horbar" => "\u{2015}",
        "lsquo" => "\u{2018}",
        "rsquo" | "rsquor" => "\u{2019}",
        "sbquo" => "\u{201a}",
        "ldquo" => "\u{201c}",
        "rdquo" | "rdquor" => "\u{201d}",
        "bdquo" => "\u{201e}",
        "laquo" => "\u{ab}",
        "raquo" => "\u{bb}",
        "lsaquo" => "\u{2039}",
        "rsaquo" => "\u{203a}",
        "hellip" | "mldr" => "\u{2026}",
        "bull" | "bullet" => "\u{2022}",
        "middot" | "centerdot" => "\u{b7}",
        "prime" => "\u{2032}",
        "Prime" => "\u{2033}",
        "dagger" => "\u{2020}",
        "Dagger" => "\u{2021}",
        "permil" => "\u{2030}",
        "copy" | "COPY" => "\u{a9}",
        "reg" | "REG" => "\u{ae}",
        "trade" | "TRADE" => "\u{2122}",
        "deg" => "\u{b0}",
        "plusmn" | "pm" => "\u{b1}",
        "times" => "\u{d7}",
        "divide" | "div" => "\u{f7}",
        "minus" => "\u{2212}",
        "frac12" | "half" => "\u{bd}",
        "frac14" => "\u{bc}",
        "frac34" => "\u{be}",
        "sup1" => "\u{b9}",
        "sup2" => "\u{b2}",
        "sup3" => "\u{b3}",
        "micro" => "\u{b5}",
        "para" => "\u{b6}",
        "sect" => "\u{a7}",
        "cent" => "\u{a2}",
        "pound" => "\u{a3}",
        "curren" => "\u{a4}",
        "yen" => "\u{a5}",
        "euro" => "\u{20ac}",
        "brvbar" => "\u{a6}",
        "uml" | "die" => "\u{a8}",
        "ordf" => "\u{aa}",
        "ordm" => "\u{ba}",
        "not" => "\u{ac}",
        "macr" => "\u{af}",
        "acute" => "\u{b4}",
        "cedil" => "\u{b8}",
        "iexcl" => "\u{a1}",
        "iquest" => "\u{bf}",
        "larr" => "\u{2190}",
        "uarr" => "\u{2191}",
        "rarr" => "\u{2192}",
        "darr" => "\u{2193}",
        "harr" => "\u{2194}",
        "hearts" => "\u{2665}",
        "infin" => "\u{221e}",
        "ne" => "\u{2260}",
        "le" => "\u{2264}",
        "ge" => "\u{2265}",
        "asymp" => "\u{2248}",
        "tilde" => "\u{2dc}",
        "circ" => "\u{2c6}",
        "Agrave" => "\u{c0}",
        "Aacute" => "\u{c1}",
        "Acirc" => "\u{c2}",
        "Atilde" => "\u{c3}",
        "Auml" => "\u{c4}",
        "Aring" => "\u{c5}",
        "AElig" => "\u{c6}",
        "Ccedil" => "\u{c7}",
        "Egrave" => "\u{c8}",
        "Eacute" => "\u{c9}",
        "Ecirc" => "\u{ca}",
        "Euml" => "\u{cb}",
        "Igrave" => "\u{cc}",
        "Iacute" => "\u{cd}",
        "Icirc" => "\u{ce}",
        "Iuml" => "\u{cf}",
        "ETH" => "\u{d0}",
        "Ntilde" => "\u{d1}",
        "Ograve" => "\u{d2}",
        "Oacute" => "\u{d3}",
        "Ocirc" => "\u{d4}",
        "Otilde" => "\u{d5}",
        "Ouml" => "\u{d6}",
        "Oslash" => "\u{d8}",
        "Ugrave" => "\u{d9}",
        "Uacute" => "\u{da}",
        "Ucirc" => "\u{db}",
        "Uuml" => "\u{dc}",
        "Yacute" => "\u{dd}",
        "THORN" => "\u{de}",
        "szlig" => "\u{df}",
        "agrave" => "\u{e0}",
        "aacute" => "\u{e1}",
        "acirc" => "\u{e2}",
        "atilde" => "\u{e3}",
        "auml" => "\u{e4}",
        "aring" => "\u{e5}",
        "aelig" => "\u{e6}",
        "ccedil" => "\u{e7}",
        "egrave" => "\u{e8}",
        "eacute" => "\u{e9}",
        "ecirc" => "\u{ea}",
        "euml" => "\u{eb}",
        "igrave" => "\u{ec}",
        "iacute" => "\u{ed}",
        "icirc" => "\u{ee}",
        "iuml" => "\u{ef}",
        "eth" => "\u{f0}",
        "ntilde" => "\u{f1}",
        "ograve" => "\u{f2}",
        "oacute" => "\u{f3}",
        "ocirc" => "\u{f4}",
        "otilde" => "\u{f5}",
        "ouml" => "\u{f6}",
        "oslash" => "\u{f8}",
        "ugrave" => "\u{f9}",
        "uacute" => "\u{fa}",
        "ucirc" => "\u{fb}",
        "uuml" => "\u{fc}",
        "yacute" => "\u{fd}",
        "thorn" => "\u{fe}",
        "yuml" => "\u{ff}",
        "Yuml" => "\u{178}",
        "OElig" => "\u{152}",
        "oelig" => "\u{153}",
        "Scaron" => "\u{160}",
        "scaron" => "\u{161}",
        "Zcaron" => "\u{17d}",
        "zcaron" => "\u{17e}",
        "fnof" => "\u{192}",
        "Alpha" => "\u{391}",
        "Beta" => "\u{392}",
        "Gamma" => "\u{393}",
        "Delta" => "\u{394}",
        "Omega" => "\u{3a9}",
        "alpha" => "\u{3b1}",
        "beta" => "\u{3b2}",
        "gamma" => "\u{3b3}",
        "delta" => "\u{3b4}",
        "epsilon" => "\u{3b5}",
        "lambda" => "\u{3bb}",
        "mu" => "\u{3bc}",
        "pi" => "\u{3c0}",
        "sigma" => "\u{3c3}",
        "omega" => "\u{3c9}",
        "Tab" => "\t",
        "NewLine" => "\n",
        _ => return None,
    })
}

/// Names that browsers also accept without the closing semicolon.
fn legacy(name: &str) -> bool {
    matches!(
        name,
        "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg" | "AMP" | "LT" | "GT" | "QUOT"
    )
}

fn numeric(code: u32) -> char {
    match code {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1[(code - 0x80) as usize],
        _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
    }
}

/// Decodes character references in `s`. Never fails: anything that is not a reference stays.
pub fn decode_entities(s: &str) -> String {
    decode_entities_cow(s).into_owned()
}

/// [`decode_entities`] without a copy when `s` holds no `&`: the text is then borrowed as is.
pub fn decode_entities_cow(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let Some(first) = memchr(b'&', bytes) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    while i < bytes.len() {
        // Invariant: bytes[i] == b'&'.
        let consumed = decode_one(s, i, &mut out);
        i += consumed;
        match memchr(b'&', &bytes[i..]) {
            Some(p) => {
                out.push_str(&s[i..i + p]);
                i += p;
            }
            None => {
                out.push_str(&s[i..]);
                break;
            }
        }
    }
    Cow::Owned(out)
}

/// Decodes the reference at `s[i]` (an `&`), pushing its text; returns the bytes consumed.
fn decode_one(s: &str, i: usize, out: &mut String) -> usize {
    let bytes = s.as_bytes();
    let rest = &bytes[i + 1..];
    if rest.first() == Some(&b'#') {
        let (hex, start) = match rest.get(1) {
            Some(b'x') | Some(b'X') => (true, 2),
            _ => (false, 1),
        };
        let mut j = start;
        let mut code: u32 = 0;
        while j < rest.len() && j < start + 8 {
            let d = if hex {
                (rest[j] as char).to_digit(16)
            } else {
                (rest[j] as char).to_digit(10)
            };
            match d {
                Some(d) => {
                    code = code
                        .saturating_mul(if hex { 16 } else { 10 })
                        .saturating_add(d)
                }
                None => break,
            }
            j += 1;
        }
        if j == start {
            out.push('&');
            return 1;
        }
        // Overlong digit runs are consumed whole and give U+FFFD.
        while j < rest.len() && (rest[j] as char).is_ascii_hexdigit() && hex
            || j < rest.len() && rest[j].is_ascii_digit()
        {
            code = u32::MAX;
            j += 1;
        }
        if rest.get(j) == Some(&b';') {
            j += 1;
        }
        out.push(numeric(code));
        return j + 1;
    }
    let mut j = 0;
    while j < rest.len() && j < 32 && rest[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == 0 {
        out.push('&');
        return 1;
    }
    let name = &s[i + 1..i + 1 + j];
    if rest.get(j) == Some(&b';') {
        if let Some(v) = named(name) {
            out.push_str(v);
            return j + 2;
        }
    } else {
        // Without a semicolon, only the legacy names count, possibly as a prefix ("&copy2020").
        for len in (2..=j.min(6)).rev() {
            let pre = &name[..len];
            if legacy(pre) {
                if let Some(v) = named(pre) {
                    out.push_str(v);
                    return len + 1;
                }
            }
        }
    }
    out.push('&');
    1
}

#[cfg(test)]
mod tests {
    use super::decode_entities as d;

    #[test]
    fn named_numeric_and_invalid() {
        assert_eq!(d("a &amp; b"), "a & b");
        assert_eq!(d("&lt;p&gt;"), "<p>");
        assert_eq!(d("it&#8217;s &#x2014; ok"), "it\u{2019}s \u{2014} ok");
        assert_eq!(d("&#150;"), "\u{2013}");
        assert_eq!(d("&#0;&#xD800;&#99999999999;"), "\u{FFFD}\u{FFFD}\u{FFFD}");
        assert_eq!(d("&bogus; & &; &#; &#x;"), "&bogus; & &; &#; &#x;");
        assert_eq!(d("AT&T &copy2020 &nbsp"), "AT&T \u{a9}2020 \u{a0}");
        assert_eq!(d("caf&eacute;"), "caf\u{e9}");
        assert_eq!(d("tail &"), "tail &");
    }
}
