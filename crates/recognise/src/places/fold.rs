//! Transliteration as a matcher: the forms under which the Latin spellings of one Cyrillic name
//! meet, whatever system wrote them, and under which the Cyrillic name meets them too.
//!
//! Names of places in Ukraine and Russia reach English text through many systems: Ukrainian
//! national transliteration (KMU 2010: "Horlivka", "Sloviansk", "Shchastia"), BGN/PCGN and news
//! romanisations of the Russian name ("Gorlovka", "Slavyansk", "Schastye"), GOST and passport
//! systems ("Kharkiv", "Zaporizhzhia"), scholarly and ISO 9 forms with their diacritics dropped
//! ("Char'kiv", "Černihiv"), and informal ones ("Krasnoarmeysk", "Slavyansky"). Two forms are
//! computed from a name's lookup form (see `tokens::norm`):
//!
//! - [`fold`], the strong form: Cyrillic letters written in one Latin scheme; `y`, `j` and `i`
//!   one letter; `kh`, `h` and `g` one letter (Ukrainian г is h, Russian г is g); `ts`/`tz` one
//!   letter; `ye`/`ie`/`je` and `e` one vowel; `sch`/`shch`/`shh` one sound; doubled letters
//!   single (so "-iy", "-ii", "-y", "-yi", "-yy" and "-ij" all end in `i`); apostrophes were
//!   already dropped by the lookup form. Spellings of one name in the systems above (without
//!   their diacritics) and its Cyrillic form fold alike.
//! - [`skeleton`], the loose form: the strong form of each word without its vowels after the
//!   first letter, with `ш`/`ж` written as `s`/`z` and "ch" as `h`. It makes the Russian and
//!   Ukrainian forms of one name meet ("Gorlovka"/"Horlivka", "Semenovka"/"Semenivka",
//!   "Zolotoe"/"Zolote", "Slavyansky"/"Sloviansk"), German spellings meet English ones
//!   ("Charkiw"/"Kharkiv"), and ISO 9 without diacritics meet BGN/PCGN (but for ч, whose "č"
//!   loses its mark into the "c" of ц);
//!   it also makes unrelated names meet, so the recogniser takes it only with support from the
//!   text.
//!
//! Upper-case ASCII letters never occur in lookup forms; the strong form uses three of them for
//! the sounds Latin writes with two or more letters: `C` for ч, `S` for ш and щ, `Z` for ж.

/// The Latin letters of a lower-case Cyrillic letter, or `None` when `c` is not one. The
/// Latin letters then go through the same rules as Latin text, so that a Cyrillic name and its
/// transliterations are read alike letter group by letter group.
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' | 'й' => "i",
        'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

/// Latin letter groups and what they fold to, longer groups before their prefixes
/// ([`group_at`] is this table written out as one match; a test checks they agree).
#[cfg_attr(not(test), allow(dead_code))]
const GROUPS: &[(&str, &str)] = &[
    ("shch", "S"),
    ("shh", "S"),
    ("sch", "S"),
    ("sh", "S"),
    ("zh", "Z"),
    ("tch", "C"),
    ("ts", "c"),
    ("tz", "c"),
    ("tc", "c"),
    ("ch", "C"),
    ("kh", "h"),
];

/// The letter group of [`GROUPS`] at the start of `b`, as (its length, what it folds to): the
/// table written out as one match.
#[inline]
fn group_at(b: &[u8]) -> Option<(usize, char)> {
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    Some(match (b.first().copied().unwrap_or(0), at(1)) {
        (b's', b'h') if at(2) == b'c' && at(3) == b'h' => (4, 'S'),
        (b's', b'h') if at(2) == b'h' => (3, 'S'),
        (b's', b'h') => (2, 'S'),
        (b's', b'c') if at(2) == b'h' => (3, 'S'),
        (b'z', b'h') => (2, 'Z'),
        (b't', b'c') if at(2) == b'h' => (3, 'C'),
        (b't', b's' | b'z' | b'c') => (2, 'c'),
        (b'c', b'h') => (2, 'C'),
        (b'k', b'h') => (2, 'h'),
        _ => return None,
    })
}

/// Appends `c` to the strong form being built in `out` from byte `base` on: "ie" (Ukrainian
/// є, "ye", "je") is "e", and a letter after itself is dropped.
#[inline]
fn join(out: &mut String, base: usize, c: char) {
    if c.is_ascii() {
        // The same rules on bytes: an ASCII letter ends `out` exactly when its last byte is it.
        let last = out.as_bytes()[base..].last().copied();
        if c == 'e' && last == Some(b'i') {
            out.truncate(out.len() - 1);
        } else if last == Some(c as u8) {
            return;
        }
        if c == 'e' && out.len() > base && out.as_bytes()[out.len() - 1] == b'e' {
            return;
        }
        out.push(c);
        return;
    }
    if out.len() > base {
        if c == 'e' && out.ends_with('i') {
            out.pop();
        }
        if out.len() > base && out.ends_with(c) {
            return;
        }
    }
    out.push(c);
}

/// The sounds of a name, before vowels are joined: Cyrillic letters written in Latin by
/// [`cyrillic`], then Latin groups through [`GROUPS`], `y`/`j` as `i`, `g` as `h`, `w` as `v`,
/// `x` as `ks`, `q` as `k`; spaces and other characters as they are. Each sound goes to
/// `emit` in order.
#[inline]
fn sounds(latin: &str, mut emit: impl FnMut(char)) {
    let b = latin.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c >= 0x80 {
            let Some(ch) = latin[i..].chars().next() else {
                break;
            };
            emit(ch);
            i += ch.len_utf8();
            continue;
        }
        if matches!(c, b's' | b'z' | b't' | b'c' | b'k') {
            if let Some((len, to)) = group_at(&b[i..]) {
                emit(to);
                i += len;
                continue;
            }
        }
        match c {
            b'y' | b'j' => emit('i'),
            b'g' => emit('h'),
            b'w' => emit('v'),
            b'x' => {
                emit('k');
                emit('s');
            }
            b'q' => emit('k'),
            _ => emit(char::from(c)),
        }
        i += 1;
    }
}

/// Appends the strong folded form of a lookup form (see the module documentation) to `out`.
pub(crate) fn fold_into(norm: &str, out: &mut String) {
    fold_with(norm, out, &mut String::new());
}

/// [`fold_into`] with a scratch buffer of the caller's (for the Latin letters of a Cyrillic
/// name), so that folding many words allocates nothing. The sounds are joined as they come:
/// folding a Latin word touches each of its bytes once.
pub(crate) fn fold_with(norm: &str, out: &mut String, tmp: &mut String) {
    let base = out.len();
    if norm.is_ascii() {
        // A Latin word's sounds are ASCII, at most two per byte ("x" is "ks"): a word of up
        // to 32 bytes is joined on the stack, with the rules of [`join`] on bytes.
        if norm.len() <= 32 {
            let mut buf = [0u8; 64];
            let mut n = 0usize;
            sounds(norm, |c| {
                let c = c as u8;
                if c == b'e' && n > 0 && buf[n - 1] == b'i' {
                    n -= 1;
                }
                if n > 0 && buf[n - 1] == c {
                    return;
                }
                buf[n] = c;
                n += 1;
            });
            out.push_str(std::str::from_utf8(&buf[..n]).unwrap_or_default());
            return;
        }
        sounds(norm, |c| join(out, base, c));
        return;
    }
    tmp.clear();
    for ch in norm.chars() {
        match cyrillic(ch) {
            Some(l) => tmp.push_str(l),
            None => tmp.push(ch),
        }
    }
    sounds(tmp, |c| join(out, base, c));
}

/// The strong folded form of a lookup form.
pub(crate) fn fold(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    fold_into(norm, &mut out);
    out
}

/// Appends the loose form of a strong folded form to `out`: for each word, `a` if it starts
/// with a vowel (ISO 9 writes я as "a" where others write "ya"), then its consonants, with `S`
/// and `Z` as `s` and `z` (ISO 9's š and ž without diacritics) and `C` as `h` (German and Czech
/// write х as "ch": "Charkiw").
pub(crate) fn skeleton_into(folded: &str, out: &mut String) {
    for (k, word) in folded.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        for (j, c) in word.chars().enumerate() {
            let c = match c {
                'a' | 'e' | 'i' | 'o' | 'u' if j == 0 => 'a',
                'a' | 'e' | 'i' | 'o' | 'u' => continue,
                'C' => 'h',
                'S' => 's',
                'Z' => 'z',
                c => c,
            };
            out.push(c);
        }
    }
}

/// The loose form of a strong folded form.
pub(crate) fn skeleton(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    skeleton_into(folded, &mut out);
    out
}

/// Consonant letters in a loose form: names of fewer are too short to be matched loosely.
pub(crate) fn consonants(skel: &str) -> usize {
    skel.chars().filter(|c| c.is_alphanumeric()).count()
}

/// Adjective endings of administrative names, longest first: "Slovianskyi", "Slavyansky",
/// "Slovianska", "Slavyanskoye", "Slavyanskaya", "Slavyanskogo" all end in `sk` plus one of these
/// (in strong folded form).
const ADJECTIVE_ENDINGS: &[&str] = &["oho", "oi", "aia", "oe", "ie", "a", "e", "i", "o"];

/// The stem of an administrative name in strong folded form: without the adjective ending
/// after `sk` or `ck` ("slovianski" and "slavianskoe" give "sloviansk" and "slaviansk", the
/// folded names of the towns they are named after). Other names are returned as they are.
pub(crate) fn admin_stem(folded: &str) -> &str {
    for end in ADJECTIVE_ENDINGS {
        if let Some(stem) = folded.strip_suffix(end) {
            if stem.ends_with("sk") || stem.ends_with("ck") {
                return stem;
            }
        }
    }
    folded
}

#[cfg(test)]
mod tests;
