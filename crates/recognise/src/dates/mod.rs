//! Dates, absolute and relative, resolved against the publication date.
//!
//! [`find`] scans a text for date phrases and returns one [`Mention`] with a
//! [`MentionValue::Date`] ([`DateValue`]) per phrase. The span covers the whole phrase, its
//! lead-in included ("On the night of November 19", "early on Friday", "since February 24,
//! 2022"), so that an event can quote it. [`find_with_today`] is the same with the current
//! date given, which makes results reproducible; [`calendar`] holds the arithmetic.
//!
//! What is recognised:
//!
//! - calendar dates: `November 19`, `Nov. 19`, `19 November`, `26th March`, `March 26th`,
//!   `the 19th of November`, each with an optional year (`November 19, 2024`); numeric dates
//!   `19.11.2024`, `19/11/2024`, `19-11-2024`, read day first as in European and Ukrainian
//!   usage unless the second number cannot be a month (`11/19/2024`), and ISO `2024-11-19`;
//!   day ranges `19-20 November`, `November 19 to 20`;
//! - months and years after a lead-in: `in November`, `November 2024`, `in 2023`, `mid-2023`;
//! - weekdays: `Sunday`, `on Thursday`, `last Sunday`, `this Sunday`, `next Monday`,
//!   `Sunday night`, `early on Friday`, `late on Tuesday`, and a weekday with a date
//!   (`Saturday, 26th March`);
//! - relative days: `today`, `tonight`, `yesterday`, `the day before yesterday`, `overnight`,
//!   `last night`, `this morning`, `earlier in the day`, `earlier today`, `two days ago`,
//!   `a week ago`; weeks, months and years: `last week`, `this week`, `earlier this week`,
//!   `last month`, `this year`, `three weeks ago`, `a year ago`;
//! - `on the 19th`: a day of the publication month.
//!
//! Resolution rules:
//!
//! - **Bare weekdays** ("Sunday", "on Thursday", "this Sunday") mean the publication day when
//!   it falls on that weekday, and otherwise the most recent such day before it: a Monday
//!   report of strikes "on Monday" reports that day, as wire copy dates its own day by name.
//!   "last Sunday" is the most recent Sunday strictly before the publication date, a week
//!   earlier when the report is itself of a Sunday. "next Monday" is the first Monday after
//!   the publication date.
//! - **Nights.** "overnight" and "tonight" resolve to the publication day: a night spans two
//!   calendar days and a report published on day D about "overnight" strikes describes the
//!   night that ended on the morning of D. "last night" is the day before the publication day,
//!   the evening it starts on. "On the night of November 19" is the named day, start and end
//!   alike, since that is the day such a report is coded with; "the night of 19 to 20
//!   November" names two days and gives the range 19 to 20.
//! - **Yearless dates** take, with a publication date, the year that puts them at or before
//!   it, allowing up to [`calendar::FUTURE_SLACK_DAYS`] after it (an upcoming meeting).
//!   Without a publication date the year stays unknown (`--11-19`), except that (1) a weekday
//!   pins it ("Saturday, 26th March" is the most recent 26 March that was a Saturday, not
//!   after today, or the one nearest the anchor below when the text has one) and (2) a full
//!   date with a year written elsewhere in the same text (the anchor) gives the others its
//!   year; both set `year_inferred`. The anchor is the latest such date not after today,
//!   ignoring dates introduced by "since", which usually recall a distant start. A weekday
//!   that contradicts the year nearest the publication date also moves the date to the
//!   latest year where it fits, with `year_inferred` set. Years taken from the publication
//!   date are not marked as inferred: the contract treats them as fixed by it.
//! - **Relative phrases need the publication date.** Without one, "Sunday", "yesterday" or
//!   "last week" yield no mention rather than an invented date.
//! - "since February 24, 2022" runs from that date to the publication date (to the date itself
//!   when there is none), with the precision of the named date.
//! - Precision is `day` for days and day ranges, `week` for weeks (Monday to Sunday, ISO),
//!   `month` and `year` for those.

pub mod calendar;

#[cfg(test)]
mod tests;

use crate::numbers::lex::{self, adjacent, is_month_abbreviation, month_of, Tok};
use crate::numbers::words::parse_at;
use chrono::{Datelike, NaiveDate, Weekday};
use sitrep_model::{DatePrecision, DateValue, Mention, MentionValue, PartialDate};

/// Every date phrase in `text`, resolved against `published`, with the system's current date
/// as "today" for weekday-based year inference.
pub fn find(text: &str, published: Option<NaiveDate>) -> Vec<Mention> {
    find_with_today(text, published, chrono::Local::now().date_naive())
}

/// [`find`] with "today" given: years inferred from a weekday are never after `today`.
pub fn find_with_today(text: &str, published: Option<NaiveDate>, today: NaiveDate) -> Vec<Mention> {
    let mut items = Vec::new();
    lex::for_each_chunk(text, |toks| scan(toks, &mut items));
    resolve_all(text, &items, published, today)
}

/// The mentions of the date phrases `items` found in `text`, resolved against `published`.
pub(crate) fn resolve_all(
    text: &str,
    items: &[Item],
    published: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<Mention> {
    let anchor = if published.is_none() {
        text_anchor(items, today)
    } else {
        None
    };
    let ctx = Resolve {
        published,
        anchor,
        today,
    };
    items
        .iter()
        .filter_map(|it| {
            let value = ctx.resolve(it)?;
            Some(Mention {
                value: MentionValue::Date(value),
                text: text[it.start..it.end].to_string(),
                start: it.start,
                end: it.end,
            })
        })
        .collect()
}

/// The date a whole string states (`"November 19, 2024"`, `"last Sunday"`), or `None` when the
/// string is not exactly one date phrase.
pub fn parse_date(s: &str, published: Option<NaiveDate>, today: NaiveDate) -> Option<DateValue> {
    let toks = lex::tokenize(s);
    let mut items = Vec::new();
    scan(&toks, &mut items);
    match items.as_slice() {
        [it] if it.start == toks.first()?.start && it.end == toks.last()?.end => {
            let anchor = if published.is_none() {
                text_anchor(&items, today)
            } else {
                None
            };
            Resolve {
                published,
                anchor,
                today,
            }
            .resolve(it)
        }
        _ => None,
    }
}

/// How a weekday relates to the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    /// A bare weekday: the publication day itself when it matches, else before.
    Bare,
    /// Strictly before ("last Sunday").
    Past,
    /// The publication day itself when it matches, else before.
    This,
    /// Strictly after.
    Next,
}

/// A date phrase before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expr {
    /// A calendar day (or a month when `day` is `None`), possibly ending on another day of
    /// the same month (`to`), possibly with the weekday the text gives.
    Cal {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
        to: Option<u32>,
        weekday: Option<Weekday>,
    },
    Year(i32),
    Weekday(Weekday, Rel),
    /// Days from the publication date.
    Days(i64),
    /// ISO weeks from the publication date's week.
    Weeks(i64),
    Months(i64),
    Years(i64),
    /// The ISO week holding the day this many days from the publication date.
    WeekAround(i64),
    /// The month holding the publication date moved back this many months.
    MonthsAgo(i64),
    /// A day of the publication month ("on the 19th").
    DayOfMonth(u32),
    /// The weekend (Saturday and Sunday) on or before the publication date, moved by weeks.
    Weekend(i64),
}

/// A date phrase over bytes `start..end` of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    start: usize,
    end: usize,
    expr: Expr,
    since: bool,
}

/// What a lead-in before the core of a date phrase allows.
#[derive(Debug, Clone, Copy, Default)]
struct Lead {
    /// A bare month or year may follow ("in November", "in 2023").
    bare: bool,
    since: bool,
    /// Preceded by "on", so "on the 19th" is a day of the month.
    on: bool,
}

/// Lead-ins, longest first within each first word, with what they allow.
fn leads(first: &[u8]) -> &'static [(&'static [&'static [u8]], Lead)] {
    const NONE: Lead = Lead {
        bare: false,
        since: false,
        on: false,
    };
    const BARE: Lead = Lead {
        bare: true,
        since: false,
        on: false,
    };
    const ON: Lead = Lead {
        bare: false,
        since: false,
        on: true,
    };
    const SINCE: Lead = Lead {
        bare: true,
        since: true,
        on: false,
    };
    match first {
        b"on" => &[
            (&[b"on", b"the", b"night", b"of"], NONE),
            (&[b"on", b"the", b"morning", b"of"], NONE),
            (&[b"on", b"the", b"evening", b"of"], NONE),
            (&[b"on", b"the", b"afternoon", b"of"], NONE),
            (&[b"on"], ON),
        ],
        b"in" => &[
            (&[b"in", b"the", b"night", b"of"], NONE),
            (&[b"in", b"the", b"early", b"hours", b"of"], NONE),
            (&[b"in", b"early"], BARE),
            (&[b"in", b"late"], BARE),
            (&[b"in", b"mid"], BARE),
            (&[b"in"], BARE),
        ],
        b"during" => &[
            (&[b"during", b"the", b"night", b"of"], NONE),
            (&[b"during"], BARE),
        ],
        b"the" => &[
            (&[b"the", b"night", b"of"], NONE),
            (&[b"the", b"morning", b"of"], NONE),
            (&[b"the", b"evening", b"of"], NONE),
            (&[b"the", b"afternoon", b"of"], NONE),
            (&[b"the", b"early", b"hours", b"of"], NONE),
        ],
        b"early" => &[(&[b"early", b"on"], NONE), (&[b"early"], BARE)],
        b"late" => &[(&[b"late", b"on"], NONE), (&[b"late"], BARE)],
        b"mid" => &[(&[b"mid"], BARE)],
        b"overnight" => &[
            (&[b"overnight", b"on"], NONE),
            (&[b"overnight", b"into"], NONE),
            (&[b"overnight", b"to"], NONE),
            (&[b"overnight"], NONE),
        ],
        b"since" => &[(&[b"since"], SINCE)],
        b"until" | b"till" | b"by" | b"before" | b"after" | b"from" => &[(&[], BARE)],
        _ => &[],
    }
}

/// Appends the date phrases among `toks` to `out`, left to right, without overlaps.
pub(crate) fn scan(toks: &[Tok], out: &mut Vec<Item>) {
    let mut i = 0;
    while i < toks.len() {
        // Only digit runs and the words listed in `lex` can start a date phrase.
        if toks[i].class & lex::DATE == 0 {
            i += 1;
            continue;
        }
        match item_at(toks, i) {
            Some((last, expr, since)) => {
                out.push(Item {
                    start: toks[i].start,
                    end: toks[last].end,
                    expr,
                    since,
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
}

/// The date phrase starting at token `i`: its last token, meaning, and whether "since" led it.
fn item_at(toks: &[Tok], i: usize) -> Option<(usize, Expr, bool)> {
    // "Toronto, ON July 22", "IN Aug. 2": capitals are a region code, not a lead-in.
    let first = if toks[i].upper && toks[i].len() == 2 {
        &[][..]
    } else {
        toks[i].lc()
    };
    for (words, lead) in leads(first) {
        // An empty word list stands for the first word alone ("until", "by", ...).
        let n = words.len().max(1);
        if !words
            .iter()
            .enumerate()
            .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.is(w)))
        {
            continue;
        }
        let mut j = i + n;
        // "mid-2023", "mid-November"
        if toks.get(j - 1).is_some_and(|t| t.is(b"mid"))
            && toks.get(j).is_some_and(Tok::is_dash)
            && adjacent(toks, j - 1)
        {
            j += 1;
        }
        if let Some((last, expr)) = core_at(toks, j, *lead) {
            return Some((last, expr, lead.since));
        }
    }
    let (last, expr) = core_at(toks, i, Lead::default())?;
    Some((last, expr, false))
}

fn weekday_name(w: &[u8]) -> Option<Weekday> {
    Some(match w {
        b"monday" => Weekday::Mon,
        b"tuesday" => Weekday::Tue,
        b"wednesday" => Weekday::Wed,
        b"thursday" => Weekday::Thu,
        b"friday" => Weekday::Fri,
        b"saturday" => Weekday::Sat,
        b"sunday" => Weekday::Sun,
        _ => None?,
    })
}

fn is_part_of_day(t: &Tok) -> bool {
    matches!(t.lc(), b"morning" | b"night" | b"evening" | b"afternoon")
}

/// The core of a date phrase at token `j`: its last token and meaning.
fn core_at(toks: &[Tok], j: usize, lead: Lead) -> Option<(usize, Expr)> {
    let t = toks.get(j)?;
    let is = |k: usize, w: &[u8]| toks.get(k).is_some_and(|t| t.is(w));
    if t.is_digits() {
        return calendar_at(toks, j, lead);
    }
    if !t.is_word() {
        return None;
    }
    if month_of(t).is_some() {
        return calendar_at(toks, j, lead);
    }
    if let Some(wd) = weekday_name(t.lc()) {
        // A bare weekday is the publication day when it falls on it: "Russia struck Kharkiv
        // on Monday" in a Monday report is that Monday; "last Monday" is a week earlier.
        return weekday_at(toks, j, wd, Rel::Bare);
    }
    let w = t.lc();
    match w {
        b"today" => Some((j, Expr::Days(0))),
        b"tonight" | b"overnight" => Some((j, Expr::Days(0))),
        b"yesterday" => Some((j, Expr::Days(-1))),
        b"the" if is(j + 1, b"day") && is(j + 2, b"before") && is(j + 3, b"yesterday") => {
            Some((j + 3, Expr::Days(-2)))
        }
        b"the" if is(j + 1, b"weekend") => Some((j + 1, Expr::Weekend(0))),
        b"the" if lead.on || is(j + 2, b"of") => day_of_month_at(toks, j, lead),
        b"earlier" | b"later" => {
            if is(j + 1, b"in") && is(j + 2, b"the") && is(j + 3, b"day") {
                Some((j + 3, Expr::Days(0)))
            } else if is(j + 1, b"today") {
                Some((j + 1, Expr::Days(0)))
            } else if is(j + 1, b"this") {
                match toks.get(j + 2)?.lc() {
                    b"week" => Some((j + 2, Expr::Weeks(0))),
                    b"month" => Some((j + 2, Expr::Months(0))),
                    b"year" => Some((j + 2, Expr::Years(0))),
                    b"morning" | b"afternoon" | b"evening" => Some((j + 2, Expr::Days(0))),
                    _ => None,
                }
            } else {
                None
            }
        }
        b"last" | b"this" | b"next" | b"previous" => {
            let n = toks.get(j + 1)?;
            if let Some(wd) = weekday_name(n.lc()) {
                let rel = match w {
                    b"this" => Rel::This,
                    b"next" => Rel::Next,
                    _ => Rel::Past,
                };
                return weekday_at(toks, j + 1, wd, rel);
            }
            let off = match w {
                b"this" => 0,
                b"next" => 1,
                _ => -1,
            };
            match n.lc() {
                b"week" => Some((j + 1, Expr::Weeks(off))),
                b"month" => Some((j + 1, Expr::Months(off))),
                b"year" => Some((j + 1, Expr::Years(off))),
                b"weekend" => Some((j + 1, Expr::Weekend(off.min(0)))),
                b"night" if w == b"last" => Some((j + 1, Expr::Days(-1))),
                b"night" | b"morning" | b"afternoon" | b"evening" if w == b"this" => {
                    Some((j + 1, Expr::Days(0)))
                }
                _ => None,
            }
        }
        _ => ago_at(toks, j),
    }
}

/// "two days ago", "a week ago", "three months ago".
fn ago_at(toks: &[Tok], j: usize) -> Option<(usize, Expr)> {
    let t = &toks[j];
    let (n, k) = if t.is(b"a") || t.is(b"an") {
        (1, j + 1)
    } else {
        let num = parse_at(toks, j)?;
        (num.value, num.last + 1)
    };
    if n > 10_000 || !toks.get(k + 1).is_some_and(|t| t.is(b"ago")) {
        return None;
    }
    let n = i64::try_from(n).ok()?;
    let expr = match toks[k].lc() {
        b"day" | b"days" => Expr::Days(-n),
        b"week" if n == 1 => Expr::Days(-7),
        b"weeks" | b"week" => Expr::WeekAround(-7 * n),
        b"month" | b"months" => Expr::MonthsAgo(n),
        b"year" | b"years" => Expr::Years(-n),
        _ => return None,
    };
    Some((k + 1, expr))
}

/// A weekday at `j`, alone or followed by a date ("Saturday, 26th March") or a part of the day
/// ("Sunday night").
fn weekday_at(toks: &[Tok], j: usize, wd: Weekday, rel: Rel) -> Option<(usize, Expr)> {
    // "The Sunday Times": a title, not a day.
    if j > 0
        && toks[j - 1].is(b"the")
        && toks
            .get(j + 1)
            .is_some_and(|n| n.is_word() && n.cap && month_of(n).is_none())
    {
        return None;
    }
    let mut k = j + 1;
    if toks.get(k).is_some_and(|t| t.is_ch(',')) {
        k += 1;
    }
    if rel == Rel::Bare {
        if let Some((
            last,
            Expr::Cal {
                year,
                month,
                day: Some(day),
                to,
                ..
            },
        )) = calendar_at(toks, k, Lead::default())
        {
            return Some((
                last,
                Expr::Cal {
                    year,
                    month,
                    day: Some(day),
                    to,
                    weekday: Some(wd),
                },
            ));
        }
    }
    let last = if toks.get(j + 1).is_some_and(is_part_of_day) {
        j + 1
    } else {
        j
    };
    Some((last, Expr::Weekday(wd, rel)))
}

/// "the 19th" after "on", or "the 19th of November".
fn day_of_month_at(toks: &[Tok], j: usize, lead: Lead) -> Option<(usize, Expr)> {
    let d = toks.get(j + 1)?;
    let day = day_number(d)?;
    if !(adjacent(toks, j + 1) && toks.get(j + 2).is_some_and(is_ordinal_suffix)) {
        return None;
    }
    if toks.get(j + 3).is_some_and(|t| t.is(b"of")) {
        if let Some(month) = toks.get(j + 4).and_then(month_of) {
            let (last, year) = year_after(toks, j + 4);
            let month_last = abbreviation_dot(toks, j + 4);
            return Some((
                last.max(month_last),
                Expr::Cal {
                    year,
                    month,
                    day: Some(day),
                    to: None,
                    weekday: None,
                },
            ));
        }
    }
    // "on the 19th floor" is not a date: nothing may follow but punctuation.
    if lead.on
        && !toks
            .get(j + 3)
            .is_some_and(|t| t.is_word() || t.is_digits())
    {
        return Some((j + 2, Expr::DayOfMonth(day)));
    }
    None
}

fn is_ordinal_suffix(t: &Tok) -> bool {
    matches!(t.lc(), b"st" | b"nd" | b"rd" | b"th")
}

/// A day of the month: one or two digits from 1 to 31.
fn day_number(t: &Tok) -> Option<u32> {
    (t.is_digits() && t.len() <= 2 && (1..=31).contains(&t.val)).then_some(t.val as u32)
}

fn year_number(t: &Tok) -> Option<i32> {
    (t.is_digits() && t.len() == 4 && (1900..=2100).contains(&t.val)).then_some(t.val as i32)
}

/// After a month abbreviation at `m`, the index of its dot when one follows directly.
fn abbreviation_dot(toks: &[Tok], m: usize) -> usize {
    if is_month_abbreviation(&toks[m])
        && toks.get(m + 1).is_some_and(|t| t.is_ch('.'))
        && adjacent(toks, m)
    {
        m + 1
    } else {
        m
    }
}

/// An optional year after token `k` (", 2024" or " 2024"): the last token and the year.
fn year_after(toks: &[Tok], k: usize) -> (usize, Option<i32>) {
    let mut y = k + 1;
    if toks.get(y).is_some_and(|t| t.is_ch(',')) {
        y += 1;
    }
    match toks.get(y).and_then(year_number) {
        Some(year) if !glued_after(toks, y) => (y, Some(year)),
        _ => (k, None),
    }
}

/// Whether token `k` continues directly into a digit or a letter ("2024-11", "2024th").
fn glued_after(toks: &[Tok], k: usize) -> bool {
    adjacent(toks, k)
        && toks.get(k + 1).is_some_and(|t| {
            t.is_word()
                || t.is_digits()
                || (!t.is_ch('.') && !t.is_ch(',') && adjacent(toks, k + 1))
        })
}

/// A day with its optional ordinal suffix at `k`: the day and the last token.
fn day_at(toks: &[Tok], k: usize) -> Option<(u32, usize)> {
    let day = day_number(toks.get(k)?)?;
    if adjacent(toks, k) {
        let n = &toks[k + 1];
        if is_ordinal_suffix(n) {
            return Some((day, k + 1));
        }
        if n.is_word() || n.is_ch(':') || n.is_ch('%') {
            return None;
        }
    }
    Some((day, k))
}

/// After a day ending at `k`, a second day of a range: "-20", " to 20", " and 20".
fn range_end(toks: &[Tok], k: usize, from: u32) -> Option<(u32, usize)> {
    let sep = toks.get(k + 1)?;
    if !(sep.is_dash() || sep.is(b"to") || sep.is(b"and")) {
        return None;
    }
    let (to, last) = day_at(toks, k + 2)?;
    (to > from).then_some((to, last))
}

/// Calendar dates starting at `j`, a month name or digits.
fn calendar_at(toks: &[Tok], j: usize, lead: Lead) -> Option<(usize, Expr)> {
    let t = toks.get(j)?;
    let cal = |year, month, day, to| Expr::Cal {
        year,
        month,
        day,
        to,
        weekday: None,
    };
    if let Some(month) = month_of(t) {
        let m_end = abbreviation_dot(toks, j);
        if let Some((day, d_last)) = day_at(toks, m_end + 1) {
            let (to, last) = match range_end(toks, d_last, day) {
                Some((to, l)) => (Some(to), l),
                None => (None, d_last),
            };
            let (last, year) = year_after(toks, last);
            return Some((last, cal(year, month, Some(day), to)));
        }
        if let Some(year) = toks.get(m_end + 1).and_then(year_number) {
            if !glued_after(toks, m_end + 1) {
                return Some((m_end + 1, cal(Some(year), month, None, None)));
            }
        }
        if lead.bare && !is_month_abbreviation(t) {
            return Some((j, cal(None, month, None, None)));
        }
        return None;
    }
    if !t.is_digits() {
        return None;
    }
    // ISO 2024-11-19 and 2024/11/19.
    if let Some(year) = year_number(t) {
        if let Some((m, d, last)) = numeric_tail(toks, j) {
            if let Some(pd) = PartialDate::ymd(year, m, d) {
                return Some((last, cal(pd.year, pd.month, Some(pd.day), None)));
            }
            return None;
        }
    }
    // 19.11.2024, 19/11/2024, 19-11-2024 (and 11/19/2024 when 19 cannot be a month).
    if t.len() <= 2 {
        if let Some((a, _, last)) = numeric_tail(toks, j) {
            let (d, m) = (t.val as u32, a);
            if let Some(year) = toks.get(last).and_then(year_number) {
                let (d, m) = if m > 12 && d <= 12 { (m, d) } else { (d, m) };
                return PartialDate::ymd(year, m, d)
                    .map(|pd| (last, cal(pd.year, pd.month, Some(pd.day), None)));
            }
        }
    }
    // 19 November, 26th March, 19th of November, 19-20 November.
    if let Some((day, d_last)) = day_at(toks, j) {
        let (to, k) = match range_end(toks, d_last, day) {
            Some((to, l)) => (Some(to), l),
            None => (None, d_last),
        };
        let mut m = k + 1;
        if toks.get(m).is_some_and(|t| t.is(b"of")) {
            m += 1;
        }
        if let Some(month) = toks.get(m).and_then(month_of) {
            let m_end = abbreviation_dot(toks, m);
            let (last, year) = year_after(toks, m_end);
            // A dot after an abbreviation that ends the phrase is left to the sentence.
            let last = if year.is_none() && m_end != m && sentence_end_after(toks, m_end) {
                m
            } else {
                last
            };
            return Some((last, cal(year, month, Some(day), to)));
        }
    }
    // A bare year after a lead-in: "in 2023", "since 2014", "mid-2023".
    if lead.bare {
        if let Some(year) = year_number(t) {
            if !glued_after(toks, j) {
                return Some((j, Expr::Year(year)));
            }
        }
    }
    None
}

/// Whether what follows token `k` starts a new sentence (end of text or a capitalised word).
fn sentence_end_after(toks: &[Tok], k: usize) -> bool {
    toks.get(k + 1).is_none_or(|t| t.cap)
}

/// The rest of a numeric date after its first number at `j`: `.11.2024`, `-11-19`, `/11/19`,
/// all glued, the same separator twice. Returns the two numbers and the last token index.
fn numeric_tail(toks: &[Tok], j: usize) -> Option<(u32, u32, usize)> {
    let s1 = toks.get(j + 1)?;
    if !(adjacent(toks, j)
        && matches!(s1.ch, '.' | '/' | '-')
        && s1.kind == crate::numbers::lex::Kind::Punct)
    {
        return None;
    }
    let a = toks
        .get(j + 2)
        .filter(|t| t.is_digits() && t.len() <= 2 && adjacent(toks, j + 1))?;
    if !(adjacent(toks, j + 2) && toks.get(j + 3).is_some_and(|t| t.is_ch(s1.ch))) {
        return None;
    }
    let b = toks
        .get(j + 4)
        .filter(|t| t.is_digits() && adjacent(toks, j + 3))?;
    if adjacent(toks, j + 4)
        && toks
            .get(j + 5)
            .is_some_and(|t| t.is_digits() || t.is_ch(s1.ch))
    {
        return None;
    }
    Some((a.val as u32, b.val.min(u64::from(u32::MAX)) as u32, j + 4))
}

/// The latest full date written with its year, not after `today` and not introduced by
/// "since": the year a text without a publication date is about.
fn text_anchor(items: &[Item], today: NaiveDate) -> Option<NaiveDate> {
    items
        .iter()
        .filter(|it| !it.since)
        .filter_map(|it| match it.expr {
            Expr::Cal {
                year: Some(y),
                month,
                day: Some(d),
                ..
            } => NaiveDate::from_ymd_opt(y, month, d),
            _ => None,
        })
        .filter(|d| *d <= today)
        .max()
}

/// The dates a text's phrases are resolved against.
struct Resolve {
    published: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
    today: NaiveDate,
}

fn value(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> DateValue {
    DateValue {
        start: PartialDate::from_naive(start),
        end: PartialDate::from_naive(end),
        precision,
        year_inferred: false,
    }
}

impl Resolve {
    fn resolve(&self, it: &Item) -> Option<DateValue> {
        let mut v = self.resolve_expr(it.expr)?;
        if it.since {
            if let (Some(p), Some(start)) = (self.published, v.start.to_naive()) {
                if p >= start {
                    v.end = PartialDate::from_naive(p);
                }
            }
        }
        Some(v)
    }

    fn resolve_expr(&self, expr: Expr) -> Option<DateValue> {
        use DatePrecision as P;
        let p = self.published;
        match expr {
            Expr::Cal {
                year,
                month,
                day,
                to,
                weekday,
            } => self.calendar(year, month, day, to, weekday),
            Expr::Year(y) => Some(value(
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
                P::Year,
            )),
            Expr::Weekday(wd, rel) => {
                let p = p?;
                let d = match rel {
                    Rel::Past => calendar::weekday_before(p, wd)?,
                    Rel::This | Rel::Bare => calendar::weekday_on_or_before(p, wd)?,
                    Rel::Next => calendar::weekday_after(p, wd)?,
                };
                Some(value(d, d, P::Day))
            }
            Expr::Days(n) => {
                let d = calendar::shift_days(p?, n)?;
                Some(value(d, d, P::Day))
            }
            Expr::Weeks(n) => {
                let (a, b) = calendar::iso_week(p?, n)?;
                Some(value(a, b, P::Week))
            }
            Expr::WeekAround(n) => {
                let (a, b) = calendar::iso_week(calendar::shift_days(p?, n)?, 0)?;
                Some(value(a, b, P::Week))
            }
            Expr::Months(n) => {
                let (a, b) = calendar::month_span(p?, n)?;
                Some(value(a, b, P::Month))
            }
            Expr::MonthsAgo(n) => {
                let (a, b) = calendar::month_span(p?, -n)?;
                Some(value(a, b, P::Month))
            }
            Expr::Years(n) => {
                let y = p?.year().checked_add(i32::try_from(n).ok()?)?;
                Some(value(
                    NaiveDate::from_ymd_opt(y, 1, 1)?,
                    NaiveDate::from_ymd_opt(y, 12, 31)?,
                    P::Year,
                ))
            }
            Expr::DayOfMonth(day) => {
                let p = p?;
                // This month's day, or last month's when that would be well after publication.
                let limit = calendar::shift_days(p, calendar::FUTURE_SLACK_DAYS as i64)?;
                let d = (0..3).find_map(|back| {
                    let (first, _) = calendar::month_span(p, -back)?;
                    NaiveDate::from_ymd_opt(first.year(), first.month(), day)
                        .filter(|d| *d <= limit)
                })?;
                Some(value(d, d, P::Day))
            }
            Expr::Weekend(n) => {
                let p = p?;
                let sun = if p.weekday() == Weekday::Sun {
                    p
                } else {
                    calendar::weekday_before(p, Weekday::Sun)?
                };
                let sun = calendar::shift_days(sun, 7 * n)?;
                Some(value(calendar::shift_days(sun, -1)?, sun, P::Week))
            }
        }
    }

    fn calendar(
        &self,
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
        to: Option<u32>,
        weekday: Option<Weekday>,
    ) -> Option<DateValue> {
        let (year, inferred) = match year {
            Some(y) => (Some(y), false),
            None => {
                let probe_day = day.unwrap_or(1);
                if let Some(p) = self.published {
                    let near = calendar::year_near(month, probe_day, p);
                    match (weekday, day, near) {
                        // A weekday that contradicts the nearest year points to an earlier one.
                        (Some(wd), Some(d), Some(y))
                            if NaiveDate::from_ymd_opt(y, month, d)
                                .is_some_and(|date| date.weekday() != wd) =>
                        {
                            let limit =
                                calendar::shift_days(p, calendar::FUTURE_SLACK_DAYS as i64)?;
                            (
                                calendar::year_from_weekday(
                                    month,
                                    d,
                                    wd,
                                    limit.min(self.today.max(p)),
                                ),
                                true,
                            )
                        }
                        _ => (near, false),
                    }
                } else if let (Some(wd), Some(d)) = (weekday, day) {
                    // The weekday's year nearest the text's own dates, else the latest one.
                    let near_anchor = self.anchor.and_then(|a| {
                        let matches = |y: i32| {
                            NaiveDate::from_ymd_opt(y, month, d).filter(|x| x.weekday() == wd)
                        };
                        [a.year(), a.year() - 1, a.year() + 1]
                            .into_iter()
                            .filter_map(matches)
                            .min_by_key(|x| (*x - a).num_days().abs())
                            .map(|x| x.year())
                    });
                    let y = near_anchor
                        .or_else(|| calendar::year_from_weekday(month, d, wd, self.today));
                    (y, true)
                } else if let Some(a) = self.anchor {
                    let y = a.year();
                    (
                        NaiveDate::from_ymd_opt(y, month, probe_day).map(|_| y),
                        true,
                    )
                } else {
                    (None, false)
                }
            }
        };
        let (start, end, precision) = match (day, year) {
            (Some(d), Some(y)) => {
                let s = PartialDate::ymd(y, month, d)?;
                let e = to.and_then(|t| PartialDate::ymd(y, month, t)).unwrap_or(s);
                (s, e, DatePrecision::Day)
            }
            (Some(d), None) => {
                let s = PartialDate::md(month, d)?;
                let e = to.and_then(|t| PartialDate::md(month, t)).unwrap_or(s);
                (s, e, DatePrecision::Day)
            }
            (None, Some(y)) => {
                let first = NaiveDate::from_ymd_opt(y, month, 1)?;
                let last = calendar::last_of_month(y, month)?;
                (
                    PartialDate::from_naive(first),
                    PartialDate::from_naive(last),
                    DatePrecision::Month,
                )
            }
            (None, None) => {
                // Without a year, a month ends on its longest day (29 for February).
                let last = calendar::last_of_month(2000, month)?.day();
                (
                    PartialDate::md(month, 1)?,
                    PartialDate::md(month, last)?,
                    DatePrecision::Month,
                )
            }
        };
        Some(DateValue {
            start,
            end,
            precision,
            year_inferred: inferred && year.is_some(),
        })
    }
}
