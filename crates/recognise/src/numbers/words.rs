//! Numbers written in digits or in words, parsed from tokens.
//!
//! [`parse_at`] reads one number starting at a token: a digit run with thousands separators
//! (`170,000`), a decimal with a scale word (`1.5 million`), or English number words
//! (`twenty-five`, `a hundred`, `two thousand five hundred and six`, `half a dozen`).

use super::lex::{adjacent, Tok};

/// A number read from tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Num {
    pub value: u64,
    /// Index of the first and the last token of the number.
    pub first: usize,
    pub last: usize,
    /// Written in words rather than digits.
    pub words: bool,
    /// The lone word "one", which is far more often a pronoun than a count.
    pub lone_one: bool,
    /// A lone four-digit run without separators (which may be a year).
    pub bare_four_digits: bool,
}

/// The value of a unit or teen word (`zero` to `nineteen`).
pub(crate) fn small_word(w: &[u8]) -> Option<u64> {
    Some(match w {
        b"zero" => 0,
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        _ => return None,
    })
}

/// The value of a tens word (`twenty` to `ninety`).
pub(crate) fn tens_word(w: &[u8]) -> Option<u64> {
    Some(match w {
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        _ => return None,
    })
}

/// The value of a scale word above a hundred.
pub(crate) fn scale_word(w: &[u8]) -> Option<u64> {
    Some(match w {
        b"thousand" => 1_000,
        b"million" | b"mln" => 1_000_000,
        b"billion" | b"bln" => 1_000_000_000,
        _ => return None,
    })
}

fn multiplier(w: &[u8]) -> Option<u64> {
    if w == b"hundred" {
        Some(100)
    } else if w == b"dozen" {
        Some(12)
    } else {
        scale_word(w)
    }
}

/// Reads a number starting at token `i`, in digits or in words.
pub(crate) fn parse_at(toks: &[Tok], i: usize) -> Option<Num> {
    let t = toks.get(i)?;
    if t.is_digits() {
        parse_digits(toks, i)
    } else if t.is_word() {
        parse_words(toks, i)
    } else {
        None
    }
}

/// `6`, `1,200`, `170,000`, `2 million`, `1.5 million`. A decimal without a scale word is not
/// a count and gives `None`.
fn parse_digits(toks: &[Tok], i: usize) -> Option<Num> {
    let t = &toks[i];
    // Leading zeros ("0800", "007") mark times and codes, not counts.
    if t.len() > 15 || (t.len() > 1 && t.val < 10u64.pow(t.len() as u32 - 1)) {
        return None;
    }
    let mut value = t.val;
    let mut last = i;
    let mut grouped = false;
    // Thousands separators: groups of exactly three digits after a comma, all adjacent.
    if t.len() <= 3 {
        while adjacent(toks, last)
            && toks[last + 1].is_ch(',')
            && adjacent(toks, last + 1)
            && toks
                .get(last + 2)
                .is_some_and(|g| g.is_digits() && g.len() == 3)
            && !toks
                .get(last + 3)
                .is_some_and(|n| n.is_digits() && adjacent(toks, last + 2))
        {
            value = value.checked_mul(1000)?.checked_add(toks[last + 2].val)?;
            last += 2;
            grouped = true;
        }
    }
    // A decimal fraction counts only before a scale word: "1.5 million".
    let mut frac: Option<(u64, u32)> = None;
    if !grouped
        && adjacent(toks, last)
        && toks[last + 1].is_ch('.')
        && adjacent(toks, last + 1)
        && toks
            .get(last + 2)
            .is_some_and(|f| f.is_digits() && f.len() <= 6)
    {
        let f = &toks[last + 2];
        frac = Some((f.val, f.len() as u32));
        last += 2;
    }
    let bare_four_digits = !grouped && frac.is_none() && t.len() == 4;
    if let Some(next) = toks.get(last + 1) {
        if let Some(scale) = multiplier(next.lc()).filter(|_| next.is_word() && !next.is(b"dozen"))
        {
            let whole = u128::from(value) * u128::from(scale);
            let part = match frac {
                Some((f, digits)) => u128::from(f) * u128::from(scale) / 10u128.pow(digits),
                None => 0,
            };
            let v = u64::try_from(whole + part).ok()?;
            return Some(Num {
                value: v,
                first: i,
                last: last + 1,
                words: false,
                lone_one: false,
                bare_four_digits: false,
            });
        }
    }
    if frac.is_some() {
        return None;
    }
    Some(Num {
        value,
        first: i,
        last,
        words: false,
        lone_one: false,
        bare_four_digits,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Small,
    Teen,
    Tens,
    Hundred,
    Scale,
    Dozen,
    Article,
}

/// English number words: `six`, `twenty-five`, `twenty five`, `a hundred`,
/// `one hundred and twenty`, `two thousand five hundred`, `two dozen`, `half a dozen`.
fn parse_words(toks: &[Tok], i: usize) -> Option<Num> {
    let first = &toks[i];
    let mut k = i;
    let mut halve = false;
    // "half a dozen", "half a million"
    if first.is(b"half") {
        if toks.get(i + 1).is_some_and(|t| t.is(b"a"))
            && toks
                .get(i + 2)
                .is_some_and(|t| t.is_word() && multiplier(t.lc()).is_some())
        {
            halve = true;
            k = i + 1;
        } else {
            return None;
        }
    }
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut last_kind: Option<Last> = None;
    let mut min_scale = u64::MAX;
    let mut last_tok = k;
    let mut pos = k;
    while let Some(t) = toks.get(pos) {
        let w = t.lc();
        if t.is_word() {
            if last_kind.is_none() && (w == b"a" || w == b"an") {
                if toks
                    .get(pos + 1)
                    .is_some_and(|n| n.is_word() && multiplier(n.lc()).is_some())
                {
                    current = 1;
                    last_kind = Some(Last::Article);
                    last_tok = pos;
                    pos += 1;
                    continue;
                }
                return None;
            }
            if let Some(v) = small_word(w) {
                let ok = match last_kind {
                    None | Some(Last::Hundred) | Some(Last::Scale) => true,
                    Some(Last::Tens) => v < 10 && v > 0,
                    _ => false,
                };
                if !ok {
                    break;
                }
                current += v;
                last_kind = Some(if v < 10 { Last::Small } else { Last::Teen });
            } else if let Some(v) = tens_word(w) {
                if !matches!(last_kind, None | Some(Last::Hundred) | Some(Last::Scale)) {
                    break;
                }
                current += v;
                last_kind = Some(Last::Tens);
            } else if w == b"hundred" {
                if !matches!(
                    last_kind,
                    Some(Last::Small) | Some(Last::Teen) | Some(Last::Article)
                ) {
                    break;
                }
                current = current.max(1) * 100;
                last_kind = Some(Last::Hundred);
            } else if w == b"dozen" {
                if !matches!(
                    last_kind,
                    Some(Last::Small) | Some(Last::Teen) | Some(Last::Tens) | Some(Last::Article)
                ) {
                    break;
                }
                current = current.max(1) * 12;
                last_kind = Some(Last::Dozen);
                last_tok = pos;
                break;
            } else if let Some(scale) = scale_word(w) {
                // Scales fall from left to right: "two million three hundred thousand".
                if matches!(last_kind, None | Some(Last::Scale)) || scale >= min_scale {
                    break;
                }
                total = total.checked_add(current.max(1).checked_mul(scale)?)?;
                current = 0;
                min_scale = scale;
                last_kind = Some(Last::Scale);
            } else if w == b"and" {
                let next_small = toks
                    .get(pos + 1)
                    .is_some_and(|n| small_word(n.lc()).is_some() || tens_word(n.lc()).is_some());
                if matches!(last_kind, Some(Last::Hundred) | Some(Last::Scale)) && next_small {
                    pos += 1;
                    continue;
                }
                break;
            } else {
                break;
            }
            last_tok = pos;
            pos += 1;
        } else if t.is_dash()
            && last_kind == Some(Last::Tens)
            && adjacent(toks, pos - 1)
            && adjacent(toks, pos)
            && toks
                .get(pos + 1)
                .is_some_and(|n| small_word(n.lc()).is_some_and(|v| v > 0 && v < 10))
        {
            pos += 1;
        } else {
            break;
        }
    }
    if matches!(last_kind, None | Some(Last::Article)) {
        return None;
    }
    let mut value = total.checked_add(current)?;
    if halve {
        value /= 2;
    }
    let lone_one = last_tok == i && first.is(b"one");
    Some(Num {
        value,
        first: i,
        last: last_tok,
        words: true,
        lone_one,
        bare_four_digits: false,
    })
}

#[cfg(test)]
mod tests {
    use super::super::lex::tokenize;
    use super::*;

    fn num(s: &str) -> Option<(u64, usize)> {
        let t = tokenize(s);
        parse_at(&t, 0).map(|n| (n.value, n.last + 1))
    }

    #[test]
    fn reads_digits_with_separators_and_scales() {
        assert_eq!(num("170,000 people"), Some((170_000, 3)));
        assert_eq!(num("1,234,567"), Some((1_234_567, 5)));
        assert_eq!(num("1.5 million"), Some((1_500_000, 4)));
        assert_eq!(num("2 billion"), Some((2_000_000_000, 2)));
        assert_eq!(num("2.5 km"), None);
        assert_eq!(num("12, 13"), Some((12, 1)));
        assert_eq!(num("1,2345"), Some((1, 1)));
    }

    #[test]
    fn reads_number_words() {
        assert_eq!(num("six missiles"), Some((6, 1)));
        assert_eq!(num("twenty-five"), Some((25, 3)));
        assert_eq!(num("twenty five"), Some((25, 2)));
        assert_eq!(num("a hundred"), Some((100, 2)));
        assert_eq!(num("one hundred and twenty"), Some((120, 4)));
        assert_eq!(num("two thousand five hundred and six"), Some((2506, 6)));
        assert_eq!(num("two dozen"), Some((24, 2)));
        assert_eq!(num("half a dozen"), Some((6, 3)));
        assert_eq!(num("five six"), Some((5, 1)));
        assert_eq!(num("a house"), None);
        assert_eq!(num("hundred"), None);
        assert_eq!(num("twenty-one thousand"), Some((21_000, 4)));
        assert_eq!(
            num("three million two hundred thousand"),
            Some((3_200_000, 5))
        );
    }
}
