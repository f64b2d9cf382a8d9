//! Counts in digits and words, ranges and hedges.
//!
//! [`find`] scans a text for quantities and returns one [`Mention`] with a
//! [`MentionValue::Quantity`] ([`Count`]) per quantity, its span covering the whole phrase
//! including the hedge ("at least 12", "more than two dozen", "dozens", "No casualties").
//! Nothing here says what is counted; the event builder pairs counts with nouns.
//!
//! The rules, chosen to match how ACLED codes vague reports:
//!
//! - exact numbers in digits (`6`, `1,200`, `1.5 million`) or words (`six`, `twenty-five`,
//!   `a hundred`, `two dozen`, `half a dozen`);
//! - ranges: `5-7`, `5 to 7`, `five or six`, `between 10 and 15`;
//! - open hedges: `at least`, `upwards of`, `no fewer than`, `a minimum of` give
//!   `{min: N, max: null}`; `more than`, `over`, `in excess of` are read as they say, strictly:
//!   `{min: N + 1, max: null}` ("more than twenty wounded" is 21 or more, "more than a dozen"
//!   13 or more);
//! - upper hedges: `up to`, `as many as`, `no more than`, `at most` give `{min: 1, max: N}`;
//!   `fewer than`, `less than`, `under` give `{min: 1, max: N - 1}`;
//! - approximations (`about`, `around`, `nearly`, `some`, `an estimated`, `only`, ...) keep the
//!   figure as exact;
//! - vague words: `dozens` ≥ 12, `scores of` ≥ 20, `hundreds` ≥ 100, `thousands` ≥ 1,000,
//!   `tens of thousands` ≥ 10,000, `hundreds of thousands` ≥ 100,000, `millions` ≥ 1,000,000,
//!   `several` and `a few` ≥ 2 (`several hundred` ≥ 200), `a couple of` = 2;
//! - zero: `no casualties`, `no deaths`, `no one`, `nobody`, `none`, `without casualties`.
//!
//! Not counts, and skipped: years (`2024`, unless hedged: "at least 2000"), dates
//! (`November 19`, `19.11.2024`), times (`19:32`, `1932ET`, `5 p.m.`), model numbers
//! (`Kh-101`, `S-300`, `M142`, `9M723`, `TB2`), ordinals (`19th`), percentages, money (`$1.5
//! billion`, `20 million euros`), measurements and durations (`30 km`, `5 tons`, `48 hours`),
//! references (`Article 5`, `No. 3`), hyphenated compounds (`155-mm`, `10-year-old`), and the
//! word "one" unless it is hedged, follows a verb ("killing one") or precedes a noun or verb
//! ("one was damaged", "one person"), so that "one of the" and "one day" are not counts.

pub(crate) mod lex;
pub(crate) mod words;

#[cfg(test)]
mod tests;

use lex::{adjacent, month_before, month_of, tokenize, Kind, Tok};
use sitrep_model::{Count, Mention, MentionValue};
use words::{parse_at, Num};

/// Every quantity in `text`, in order.
pub fn find(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    lex::for_each_chunk(text, |toks| find_in_tokens(text, toks, &mut out));
    out
}

/// The value of a string made only of English number words (`"twenty-five"`,
/// `"two thousand five hundred"`, `"a dozen"`), ignoring case and surrounding whitespace.
pub fn parse_number_words(s: &str) -> Option<u64> {
    let toks = tokenize(s);
    if toks.iter().any(Tok::is_digits) {
        return None;
    }
    whole_number(&toks)
}

/// The value of a string that is one number in digits (`"1,200"`, `"1.5 million"`) or words.
pub fn parse_number(s: &str) -> Option<u64> {
    whole_number(&tokenize(s))
}

/// The count a string states when the whole string is one quantity phrase: `"at least 12"`,
/// `"dozens"`, `"between 10 and 15"`, `"six"`.
pub fn parse_count(s: &str) -> Option<Count> {
    let toks = tokenize(s);
    let m = match_at(&toks, 0, true)?;
    (m.last + 1 == toks.len()).then_some(m.count)
}

fn whole_number(toks: &[Tok]) -> Option<u64> {
    let n = parse_at(toks, 0)?;
    (n.last + 1 == toks.len()).then_some(n.value)
}

/// Appends the quantities among tokens of `text` to `out`.
pub(crate) fn find_in_tokens(text: &str, toks: &[Tok], out: &mut Vec<Mention>) {
    let mut i = 0;
    while i < toks.len() {
        // Only digit runs and the words listed in `lex` can start a quantity.
        if toks[i].class & lex::NUM == 0 {
            i += 1;
            continue;
        }
        match match_at(toks, i, false) {
            Some(m) => {
                let (start, end) = (toks[m.first].start, toks[m.last].end);
                out.push(Mention {
                    value: MentionValue::Quantity(m.count),
                    text: text[start..end].to_string(),
                    start,
                    end,
                });
                i = m.last + 1;
            }
            None => i += 1,
        }
    }
}

/// A quantity found over tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
struct Match {
    first: usize,
    last: usize,
    count: Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hedge {
    AtLeast,
    /// "more than 20", "over 20": 21 or more.
    Above,
    UpTo,
    Below,
    About,
}

/// The quantity starting at token `i`. `whole` relaxes the checks that need context (a lone
/// "one", a bare year) for [`parse_count`].
fn match_at(toks: &[Tok], i: usize, whole: bool) -> Option<Match> {
    toks.get(i)?;
    if let Some(m) = zero_at(toks, i) {
        return Some(m);
    }
    if let Some((hedge, j)) = hedge_at(toks, i) {
        let core = core_at(toks, j, true)?;
        let count = apply(hedge, core.count)?;
        return Some(Match {
            first: i,
            last: core.last,
            count,
        });
    }
    core_at(toks, i, whole)
}

fn apply(hedge: Hedge, c: Count) -> Option<Count> {
    let top = c.max.unwrap_or(c.min);
    Some(match hedge {
        Hedge::About => c,
        Hedge::AtLeast => Count::at_least(c.min),
        Hedge::Above => Count::at_least(top.checked_add(1)?),
        Hedge::UpTo if c.max.is_none() => c,
        Hedge::UpTo => Count::range(top.min(1), top),
        Hedge::Below => {
            let top = c.min.checked_sub(1)?;
            Count::range(top.min(1), top)
        }
    })
}

/// Hedge words before a number, and the index of the token after them.
fn hedge_at(toks: &[Tok], i: usize) -> Option<(Hedge, usize)> {
    use Hedge::*;
    let w = toks[i].lc();
    let seqs: &[(&[&[u8]], Hedge)] = match w {
        b"at" => &[(&[b"least"], AtLeast), (&[b"most"], UpTo)],
        b"more" => &[(&[b"than"], Above)],
        b"over" => &[(&[], Above)],
        b"upwards" => &[(&[b"of"], AtLeast)],
        b"well" | b"just" => &[
            (&[b"over"], Above),
            (&[b"under"], Below),
            (&[b"below"], Below),
            (&[], About),
        ],
        b"in" => &[(&[b"excess", b"of"], Above)],
        b"no" | b"not" => &[
            (&[b"fewer", b"than"], AtLeast),
            (&[b"less", b"than"], AtLeast),
            (&[b"more", b"than"], UpTo),
        ],
        b"a" => &[
            (&[b"minimum", b"of"], AtLeast),
            (&[b"maximum", b"of"], UpTo),
            (&[b"total", b"of"], About),
        ],
        b"up" => &[(&[b"to"], UpTo)],
        b"as" => &[(&[b"many", b"as"], UpTo)],
        b"fewer" | b"less" => &[(&[b"than"], Below)],
        b"under" | b"below" => &[(&[], Below)],
        b"about" | b"around" | b"approximately" | b"roughly" | b"nearly" | b"almost" | b"some"
        | b"estimated" | b"only" | b"exactly" | b"approx" => &[(&[], About)],
        b"an" => &[(&[b"estimated"], About)],
        b"close" => &[(&[b"to"], About)],
        _ => return None,
    };
    'seq: for (rest, hedge) in seqs {
        for (k, word) in rest.iter().enumerate() {
            if !toks.get(i + 1 + k).is_some_and(|t| t.is(word)) {
                continue 'seq;
            }
        }
        return Some((*hedge, i + 1 + rest.len()));
    }
    None
}

/// "no casualties", "no one", "nobody", "none", "without casualties".
fn zero_at(toks: &[Tok], i: usize) -> Option<Match> {
    let t = &toks[i];
    let zero = |last| {
        Some(Match {
            first: i,
            last,
            count: Count::exact(0),
        })
    };
    match t.lc() {
        b"nobody" => zero(i),
        b"none" if !toks.get(i + 1).is_some_and(|n| n.is(b"other")) => zero(i),
        b"no" => {
            let n = toks.get(i + 1)?;
            if n.is(b"one") {
                return zero(i + 1);
            }
            if n.is_dash() && adjacent(toks, i) && toks.get(i + 2).is_some_and(|o| o.is(b"one")) {
                return zero(i + 2);
            }
            let j = if is_zero_adjective(n.lc()) {
                i + 2
            } else {
                i + 1
            };
            if toks
                .get(j)
                .is_some_and(|n| n.is_word() && is_zero_noun(n.lc()))
            {
                return zero(j);
            }
            None
        }
        b"without" => {
            let n = toks.get(i + 1)?;
            if n.is_word() && matches!(n.lc(), b"casualties" | b"fatalities" | b"victims") {
                return zero(i + 1);
            }
            None
        }
        _ => None,
    }
}

fn is_zero_adjective(w: &[u8]) -> bool {
    matches!(
        w,
        b"immediate" | b"reported" | b"civilian" | b"known" | b"further" | b"serious" | b"human"
    )
}

fn is_zero_noun(w: &[u8]) -> bool {
    matches!(
        w,
        b"casualties"
            | b"casualty"
            | b"deaths"
            | b"death"
            | b"fatalities"
            | b"injuries"
            | b"victims"
            | b"dead"
            | b"injured"
            | b"wounded"
            | b"people"
            | b"civilians"
            | b"survivors"
    )
}

/// A number, range or vague quantity without a hedge, starting at token `i`.
fn core_at(toks: &[Tok], i: usize, hedged: bool) -> Option<Match> {
    let t = toks.get(i)?;
    if t.is(b"between") {
        let a = parse_at(toks, i + 1)?;
        if !toks.get(a.last + 1).is_some_and(|t| t.is(b"and")) {
            return None;
        }
        let b = parse_at(toks, a.last + 2)?;
        if b.value <= a.value || !context_ok(toks, i, b.last) {
            return None;
        }
        return Some(Match {
            first: i,
            last: b.last,
            count: Count::range(a.value, b.value),
        });
    }
    if let Some((count, last)) = vague_at(toks, i) {
        if !context_ok(toks, i, last) || of_unit(toks, last) {
            return None;
        }
        return Some(Match {
            first: i,
            last,
            count,
        });
    }
    let a = parse_at(toks, i)?;
    if is_year(&a) && !hedged {
        return None;
    }
    let mut count = Count::exact(a.value);
    let mut last = a.last;
    let mut ranged = false;
    if let Some(sep) = toks.get(a.last + 1) {
        // An em dash sets off a clause; only hyphens and en dashes join a range.
        let dash = sep.is_dash() && sep.ch != '—';
        if dash || sep.is(b"to") || sep.is(b"or") {
            match parse_at(toks, a.last + 2) {
                Some(b) if b.value > a.value && b.words == a.words && !is_year(&a) => {
                    count = Count::range(a.value, b.value);
                    last = b.last;
                    ranged = true;
                }
                // "3-1", "2024-11-19": a dash between digits that is not a rising range.
                Some(b) if dash && !a.words && !b.words => return None,
                _ => {}
            }
        }
    }
    if a.lone_one && !ranged && !hedged && !one_counts(toks, i) {
        return None;
    }
    if !context_ok(toks, i, last) {
        return None;
    }
    // "100+ drones": at least the figure.
    if !ranged && adjacent(toks, last) && toks.get(last + 1).is_some_and(|t| t.is_ch('+')) {
        return Some(Match {
            first: i,
            last: last + 1,
            count: Count::at_least(a.value),
        });
    }
    Some(Match {
        first: i,
        last,
        count,
    })
}

/// A lone four-digit number that reads as a year.
fn is_year(a: &Num) -> bool {
    a.bare_four_digits && (1900..=2100).contains(&a.value)
}

/// Vague quantity words: "dozens", "hundreds of thousands", "several hundred", "a few".
fn vague_at(toks: &[Tok], i: usize) -> Option<(Count, usize)> {
    let t = &toks[i];
    let is = |k: usize, w: &[u8]| toks.get(k).is_some_and(|t| t.is(w));
    let scale_after = |k: usize| {
        toks.get(k).and_then(|t| match t.lc() {
            b"hundred" => Some(100),
            b"thousand" => Some(1_000),
            b"million" => Some(1_000_000),
            b"dozen" => Some(12),
            _ => None,
        })
    };
    let of_big = |k: usize| -> Option<u64> {
        if !is(k, b"of") {
            return None;
        }
        match toks.get(k + 1)?.lc() {
            b"thousands" => Some(1_000),
            b"millions" => Some(1_000_000),
            _ => None,
        }
    };
    Some(match t.lc() {
        b"dozens" => (Count::at_least(12), i),
        b"hundreds" => match of_big(i + 1) {
            Some(m) => (Count::at_least(100 * m), i + 2),
            None => (Count::at_least(100), i),
        },
        b"tens" => (Count::at_least(10 * of_big(i + 1)?), i + 2),
        b"thousands" => (Count::at_least(1_000), i),
        b"millions" => (Count::at_least(1_000_000), i),
        b"scores" if is(i + 1, b"of") => (Count::at_least(20), i),
        b"several" => match scale_after(i + 1) {
            Some(m) => (Count::at_least(2 * m), i + 1),
            None => (Count::at_least(2), i),
        },
        b"a" if is(i + 1, b"few") => match scale_after(i + 2) {
            Some(m) => (Count::at_least(2 * m), i + 2),
            None => (Count::at_least(2), i + 1),
        },
        b"a" if is(i + 1, b"couple") => match scale_after(i + 2) {
            Some(m) => (Count::exact(2 * m), i + 2),
            None if is(i + 2, b"of") => match scale_after(i + 3) {
                Some(m) => (Count::exact(2 * m), i + 3),
                None => (Count::exact(2), i + 1),
            },
            None => return None,
        },
        _ => return None,
    })
}

/// "hundreds of kilometres", "millions of dollars": a vague word measuring, not counting.
fn of_unit(toks: &[Tok], last: usize) -> bool {
    toks.get(last + 1).is_some_and(|t| t.is(b"of"))
        && toks
            .get(last + 2)
            .is_some_and(|t| t.is_word() && is_unit(t.lc()))
}

/// Whether a lone "one" is a count here.
fn one_counts(toks: &[Tok], i: usize) -> bool {
    let next = toks.get(i + 1);
    if next.is_some_and(|n| n.is_word() && matches!(n.lc(), b"of" | b"another" | b"other")) {
        return false;
    }
    if let Some(p) = i.checked_sub(1).map(|k| &toks[k]) {
        if p.is_word() {
            let w = p.lc();
            if matches!(
                w,
                b"the" | b"this" | b"that" | b"which" | b"every" | b"any" | b"each" | b"such"
            ) {
                return false;
            }
            if w.len() > 4 && (w.ends_with(b"ing") || w.ends_with(b"ed")) {
                return true;
            }
        }
    }
    match next {
        Some(n) if n.is_word() && !n.cap => !is_one_stop(n.lc()),
        _ => false,
    }
}

/// Words after "one" that make it a pronoun or part of an idiom rather than a count.
fn is_one_stop(w: &[u8]) -> bool {
    matches!(
        w,
        b"and"
            | b"or"
            | b"but"
            | b"in"
            | b"on"
            | b"at"
            | b"for"
            | b"to"
            | b"by"
            | b"with"
            | b"from"
            | b"as"
            | b"than"
            | b"if"
            | b"that"
            | b"who"
            | b"which"
            | b"such"
            | b"the"
            | b"a"
            | b"an"
            | b"its"
            | b"his"
            | b"her"
            | b"their"
            | b"our"
            | b"can"
            | b"could"
            | b"would"
            | b"should"
            | b"must"
            | b"might"
            | b"may"
            | b"will"
            | b"said"
            | b"says"
            | b"thing"
            | b"things"
            | b"way"
            | b"side"
            | b"hand"
            | b"point"
            | b"time"
            | b"more"
            | b"less"
            | b"after"
            | b"day"
            | b"night"
            | b"another"
            | b"else"
            | b"hundred"
            | b"thousand"
            | b"million"
    )
}

/// Whether the tokens around a number span `first..=last` leave it a count.
fn context_ok(toks: &[Tok], first: usize, last: usize) -> bool {
    let head = &toks[first];
    if first > 0 {
        let p = &toks[first - 1];
        let touching = p.end == head.start;
        if touching {
            match p.kind {
                Kind::Word => return false,
                Kind::Digits => return false,
                Kind::Punct => {
                    if matches!(
                        p.ch,
                        '$' | '€' | '£' | '¥' | '₴' | '₽' | '#' | '+' | '№' | '@'
                    ) || matches!(p.ch, '/' | ':' | '.' | ',' | '\'' | '’')
                    {
                        return false;
                    }
                    // "Kh-101", "S-300", "2024-11": a dash glued to a word or number.
                    if p.is_dash() && first >= 2 && adjacent(toks, first - 2) {
                        return false;
                    }
                }
            }
        }
        if p.is_word() && is_reference(p.lc()) {
            return false;
        }
        // "UAH 500 million", "USD 20 billion"
        if p.is_word() && matches!(p.lc(), b"usd" | b"uah" | b"eur" | b"rub" | b"gbp") {
            return false;
        }
        if p.is_ch('.')
            && first >= 2
            && adjacent(toks, first - 2)
            && is_reference(toks[first - 2].lc())
        {
            return false;
        }
        if month_before(toks, first).is_some() {
            return false;
        }
        // The second day of "June 4 to 5", "19-20 November".
        if (p.is(b"to") || p.is(b"and") || p.is_dash())
            && first >= 2
            && toks[first - 2].is_digits()
            && month_before(toks, first - 2).is_some()
        {
            return false;
        }
    }
    if let Some(x) = toks.get(last + 1) {
        let touching = toks[last].end == x.start;
        if touching {
            match x.kind {
                Kind::Word | Kind::Digits => return false,
                Kind::Punct => {
                    if matches!(x.ch, '%' | '/' | ':' | '°' | '\'' | '’') {
                        return false;
                    }
                    // "155-mm", "10-year-old", "3-1", "19.11.2024", "1,2345".
                    if (x.is_dash() || matches!(x.ch, '.' | ',')) && adjacent(toks, last + 1) {
                        if let Some(y) = toks.get(last + 2) {
                            if y.is_digits() || (x.is_dash() && y.is_word()) {
                                return false;
                            }
                        }
                    }
                }
            }
        }
        if x.is_word() {
            if month_of(x).is_some() {
                return false;
            }
            let w = x.lc();
            if is_unit(w) {
                return false;
            }
            if w == b"per" && toks.get(last + 2).is_some_and(|t| t.is(b"cent")) {
                return false;
            }
            // "5 a.m.", "10 p.m."
            if (w == b"a" || w == b"p")
                && adjacent(toks, last + 1)
                && toks.get(last + 2).is_some_and(|t| t.is_ch('.'))
                && toks.get(last + 3).is_some_and(|t| t.is(b"m"))
            {
                return false;
            }
            // "the 19th of November" is handled by the adjacency rule; "19 of November" here.
            if w == b"of" && toks.get(last + 2).is_some_and(|t| month_of(t).is_some()) {
                return false;
            }
        }
    }
    true
}

/// Words before a number that make it a label rather than a count.
fn is_reference(w: &[u8]) -> bool {
    matches!(
        w,
        b"article"
            | b"art"
            | b"resolution"
            | b"no"
            | b"nos"
            | b"number"
            | b"chapter"
            | b"section"
            | b"page"
            | b"paragraph"
            | b"para"
            | b"route"
            | b"highway"
            | b"flight"
            | b"unit"
            | b"room"
            | b"block"
            | b"building"
            | b"platform"
            | b"gate"
            | b"level"
            | b"phase"
            | b"stage"
            | b"category"
            | b"model"
            | b"version"
            | b"item"
            | b"clause"
            | b"protocol"
            | b"part"
            | b"vol"
            | b"volume"
            | b"issue"
            | b"decree"
            | b"law"
            | b"aged"
            | b"age"
            | b"ages"
            | b"day"
            | b"week"
            | b"year"
    )
}

/// Units of measure, time, money and percentage: a number followed by one is not a count.
pub(crate) fn is_unit(w: &[u8]) -> bool {
    matches!(
        w,
        b"km"
            | b"kms"
            | b"kilometre"
            | b"kilometres"
            | b"kilometer"
            | b"kilometers"
            | b"mile"
            | b"miles"
            | b"m"
            | b"metre"
            | b"metres"
            | b"meter"
            | b"meters"
            | b"cm"
            | b"mm"
            | b"ft"
            | b"feet"
            | b"foot"
            | b"yard"
            | b"yards"
            | b"inch"
            | b"inches"
            | b"kg"
            | b"kilogram"
            | b"kilograms"
            | b"kilo"
            | b"kilos"
            | b"g"
            | b"gram"
            | b"grams"
            | b"ton"
            | b"tons"
            | b"tonne"
            | b"tonnes"
            | b"t"
            | b"lb"
            | b"lbs"
            | b"hectare"
            | b"hectares"
            | b"ha"
            | b"acre"
            | b"acres"
            | b"sq"
            | b"square"
            | b"cubic"
            | b"litre"
            | b"litres"
            | b"liter"
            | b"liters"
            | b"gallon"
            | b"gallons"
            | b"barrel"
            | b"barrels"
            | b"degree"
            | b"degrees"
            | b"knot"
            | b"knots"
            | b"mph"
            | b"kph"
            | b"kmh"
            | b"mw"
            | b"gw"
            | b"kw"
            | b"kv"
            | b"kt"
            | b"mt"
            | b"megaton"
            | b"megatons"
            | b"kiloton"
            | b"kilotons"
            | b"second"
            | b"seconds"
            | b"sec"
            | b"secs"
            | b"minute"
            | b"minutes"
            | b"min"
            | b"mins"
            | b"hour"
            | b"hours"
            | b"hr"
            | b"hrs"
            | b"h"
            | b"day"
            | b"days"
            | b"week"
            | b"weeks"
            | b"month"
            | b"months"
            | b"year"
            | b"years"
            | b"yr"
            | b"yrs"
            | b"decade"
            | b"decades"
            | b"century"
            | b"centuries"
            | b"night"
            | b"nights"
            | b"am"
            | b"pm"
            | b"gmt"
            | b"utc"
            | b"cet"
            | b"cest"
            | b"eet"
            | b"eest"
            | b"msk"
            | b"et"
            | b"est"
            | b"edt"
            | b"pst"
            | b"bst"
            | b"local"
            | b"o"
            | b"percent"
            | b"pc"
            | b"percentage"
            | b"dollar"
            | b"dollars"
            | b"usd"
            | b"euro"
            | b"euros"
            | b"eur"
            | b"hryvnia"
            | b"hryvnias"
            | b"hryvnas"
            | b"uah"
            | b"ruble"
            | b"rubles"
            | b"rouble"
            | b"roubles"
            | b"rub"
            | b"pound"
            | b"pounds"
            | b"gbp"
            | b"cent"
            | b"cents"
            | b"yuan"
            | b"times"
    )
}
