//! Tests of the date scanner: golden sentences and property tests.

use super::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-23")
}

/// `(phrase, start, end, precision, year_inferred)` for every date in `text`.
fn found(
    text: &str,
    published: Option<&str>,
) -> Vec<(String, String, String, DatePrecision, bool)> {
    find_with_today(text, published.map(d), today())
        .into_iter()
        .map(|m| {
            assert_eq!(&text[m.start..m.end], m.text, "span and text agree");
            match m.value {
                MentionValue::Date(v) => (
                    m.text,
                    v.start.to_string(),
                    v.end.to_string(),
                    v.precision,
                    v.year_inferred,
                ),
                other => panic!("not a date: {other:?}"),
            }
        })
        .collect()
}

/// The single date in `text` as `(phrase, start, end)`.
fn one(text: &str, published: Option<&str>) -> (String, String, String) {
    let f = found(text, published);
    assert_eq!(f.len(), 1, "{text}: {f:?}");
    let (p, s, e, _, _) = f.into_iter().next().unwrap();
    (p, s, e)
}

fn day(text: &str, published: Option<&str>) -> String {
    let (_, s, e) = one(text, published);
    assert_eq!(s, e, "{text}");
    s
}

const FRIDAY: Option<&str> = Some("2025-06-06");

#[test]
fn weekdays_before_a_friday_publication() {
    assert_eq!(
        day("the devastating Sunday drone attacks", FRIDAY),
        "2025-06-01"
    );
    assert_eq!(day("the Kremlin said Thursday.", FRIDAY), "2025-06-05");
    assert_eq!(day("the phone call on Wednesday", FRIDAY), "2025-06-04");
    assert_eq!(
        day("Ukraine's Sunday major drone strikes", FRIDAY),
        "2025-06-01"
    );
    assert_eq!(day("last Sunday", FRIDAY), "2025-06-01");
    assert_eq!(
        day("on Friday", FRIDAY),
        "2025-06-06",
        "a bare weekday on the publication's weekday is the publication day"
    );
    assert_eq!(day("last Friday", FRIDAY), "2025-05-30");
    assert_eq!(day("this Friday", FRIDAY), "2025-06-06");
    assert_eq!(day("this Sunday", FRIDAY), "2025-06-01");
    assert_eq!(day("next Monday", FRIDAY), "2025-06-09");
    assert_eq!(one("early on Friday", FRIDAY).0, "early on Friday");
    assert_eq!(
        one("late on Tuesday", FRIDAY),
        (
            "late on Tuesday".into(),
            "2025-06-03".into(),
            "2025-06-03".into()
        )
    );
    assert_eq!(one("on Sunday night", FRIDAY).0, "on Sunday night");
}

#[test]
fn relative_days_resolve_against_publication() {
    assert_eq!(
        day("Overnight in Kyiv, sirens rang out", FRIDAY),
        "2025-06-06"
    );
    assert_eq!(
        day("And earlier in the day, strikes on Kherson", FRIDAY),
        "2025-06-06"
    );
    assert_eq!(day("today", FRIDAY), "2025-06-06");
    assert_eq!(day("yesterday", FRIDAY), "2025-06-05");
    assert_eq!(day("the day before yesterday", FRIDAY), "2025-06-04");
    assert_eq!(day("last night", FRIDAY), "2025-06-05");
    assert_eq!(day("two days ago", FRIDAY), "2025-06-04");
    assert_eq!(day("a week ago", FRIDAY), "2025-05-30");
    assert_eq!(day("overnight into Thursday", FRIDAY), "2025-06-05");
}

#[test]
fn weeks_months_and_years() {
    let f = found("last week", FRIDAY);
    assert_eq!(f[0].1, "2025-05-26");
    assert_eq!(f[0].2, "2025-06-01");
    assert_eq!(f[0].3, DatePrecision::Week);
    let f = found("this week", FRIDAY);
    assert_eq!(
        (f[0].1.as_str(), f[0].2.as_str()),
        ("2025-06-02", "2025-06-08")
    );
    let f = found("last month", FRIDAY);
    assert_eq!(
        (f[0].1.as_str(), f[0].2.as_str(), f[0].3),
        ("2025-05-01", "2025-05-31", DatePrecision::Month)
    );
    let f = found("in November 2024", None);
    assert_eq!(
        (f[0].1.as_str(), f[0].2.as_str(), f[0].3),
        ("2024-11-01", "2024-11-30", DatePrecision::Month)
    );
    let f = found("in 2023", None);
    assert_eq!(
        (f[0].0.as_str(), f[0].1.as_str(), f[0].2.as_str(), f[0].3),
        ("in 2023", "2023-01-01", "2023-12-31", DatePrecision::Year)
    );
    let f = found("three weeks ago", FRIDAY);
    assert_eq!(
        (f[0].1.as_str(), f[0].3),
        ("2025-05-12", DatePrecision::Week)
    );
    let f = found("in November", FRIDAY);
    assert_eq!(
        (f[0].1.as_str(), f[0].2.as_str()),
        ("2024-11-01", "2024-11-30")
    );
    let f = found("in November", None);
    assert_eq!((f[0].1.as_str(), f[0].2.as_str()), ("--11-01", "--11-30"));
}

#[test]
fn absolute_dates_in_every_format() {
    for text in [
        "November 19, 2024",
        "19 November 2024",
        "Nov. 19, 2024",
        "19th November 2024",
        "November 19th, 2024",
        "the 19th of November 2024",
        "19.11.2024",
        "19/11/2024",
        "19-11-2024",
        "2024-11-19",
        "11/19/2024",
    ] {
        assert_eq!(day(text, None), "2024-11-19", "{text}");
    }
}

#[test]
fn yearless_dates_take_the_year_near_publication() {
    assert_eq!(
        day("On November 17, the report", Some("2024-11-21")),
        "2024-11-17"
    );
    assert_eq!(day("on December 30", Some("2025-01-03")), "2024-12-30");
    assert_eq!(day("on January 8", Some("2025-01-03")), "2025-01-08");
    assert_eq!(day("on March 26", Some("2025-01-03")), "2024-03-26");
    assert_eq!(day("on the 2nd.", FRIDAY), "2025-06-02");
    assert_eq!(day("on the 28th.", FRIDAY), "2025-05-28");
    assert_eq!(found("on the 19th floor", FRIDAY), vec![]);
}

#[test]
fn night_of_a_named_day_is_that_day() {
    let (p, s, e) = one(
        "On the night of November 19, the AFU struck a facility.",
        None,
    );
    assert_eq!(
        (p.as_str(), s.as_str(), e.as_str()),
        ("On the night of November 19", "--11-19", "--11-19")
    );
    let (p, s, e) = one("on the night of 19 to 20 November 2024", None);
    assert_eq!(
        (p.as_str(), s.as_str(), e.as_str()),
        (
            "on the night of 19 to 20 November 2024",
            "2024-11-19",
            "2024-11-20"
        )
    );
    let (_, s, e) = one("the night of November 19-20", Some("2024-11-21"));
    assert_eq!((s.as_str(), e.as_str()), ("2024-11-19", "2024-11-20"));
    assert_eq!(one("on the morning of June 5", FRIDAY).1, "2025-06-05");
}

#[test]
fn a_weekday_pins_a_missing_year() {
    let f = found(
        "Newsflash obtained the footage on Saturday, 26th March. The MoD said",
        None,
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "on Saturday, 26th March");
    assert_eq!((f[0].1.as_str(), f[0].4), ("2022-03-26", true));
    // With a publication date the year comes from it, not from inference...
    let f = found("on Saturday, 26th March", Some("2022-03-28"));
    assert_eq!((f[0].1.as_str(), f[0].4), ("2022-03-26", false));
    // ...unless the weekday contradicts it.
    let f = found("on Saturday, 26th March", Some("2025-06-06"));
    assert_eq!((f[0].1.as_str(), f[0].4), ("2022-03-26", true));
}

#[test]
fn a_dated_text_anchors_its_yearless_dates() {
    let text = "On November 17, 2024, the order was given. On November 19 missiles flew.";
    let f = found(text, None);
    assert_eq!(f.len(), 2);
    assert_eq!((f[1].1.as_str(), f[1].4), ("2024-11-19", true));
    // A weekday picks its year nearest the anchor.
    let f = found(
        "Published Monday, Nov. 18, 2019. Tickets go on sale Friday, Dec. 6.",
        None,
    );
    assert_eq!(
        (f[1].0.as_str(), f[1].1.as_str(), f[1].4),
        ("Friday, Dec. 6", "2019-12-06", true)
    );
    // A date after "since" recalls a start and anchors nothing.
    let f = found(
        "since February 24, 2022. On November 19 missiles flew.",
        None,
    );
    assert_eq!(f[1].1, "--11-19");
}

#[test]
fn relative_phrases_without_publication_yield_nothing() {
    assert_eq!(
        found(
            "On Sunday, drones struck. Yesterday, last week, overnight.",
            None
        ),
        vec![]
    );
}

#[test]
fn since_runs_to_publication() {
    let f = found("since February 24, 2022", FRIDAY);
    assert_eq!(
        (f[0].0.as_str(), f[0].1.as_str(), f[0].2.as_str()),
        ("since February 24, 2022", "2022-02-24", "2025-06-06")
    );
}

#[test]
fn words_that_look_like_dates_are_not() {
    for text in [
        "You may go.",
        "They march on.",
        "a 5-7 range",
        "at 19:32",
        "The Sunday Times reported",
        "in Kyiv",
        "Kh-101 and S-300",
        "Toronto, ON 22 -- Cleveland, OH",
        "on the 47th brigade's front",
    ] {
        assert_eq!(found(text, FRIDAY), vec![], "{text}");
    }
}

#[test]
fn parse_date_reads_whole_phrases() {
    let v = parse_date("November 19, 2024", None, today()).unwrap();
    assert_eq!(v.start.to_string(), "2024-11-19");
    assert!(parse_date("November 19, 2024 was", None, today()).is_none());
    assert!(parse_date("Sunday", None, today()).is_none());
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn ordinal(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

proptest! {
    #[test]
    fn any_date_in_any_format_parses_back(y in 1950i32..2090, m in 1u32..=12, dd in 1u32..=31, form in 0usize..9) {
        let Some(date) = NaiveDate::from_ymd_opt(y, m, dd) else { return Ok(()) };
        let name = MONTHS[(m - 1) as usize];
        let text = match form {
            0 => format!("{name} {dd}, {y}"),
            1 => format!("{dd} {name} {y}"),
            2 => format!("{dd}{} {name} {y}", ordinal(dd)),
            3 if name.len() > 4 => format!("{}. {dd}, {y}", &name[..3]),
            3 => format!("{name} {dd} {y}"),
            4 => format!("{dd:02}.{m:02}.{y}"),
            5 => format!("{dd}/{m}/{y}"),
            6 => format!("{y}-{m:02}-{dd:02}"),
            7 => format!("the {dd}{} of {name} {y}", ordinal(dd)),
            _ => format!("{name} {dd}{}, {y}", ordinal(dd)),
        };
        let sentence = format!("Officials said that on {text} a strike hit the port.");
        let ms = find_with_today(&sentence, None, today());
        prop_assert_eq!(ms.len(), 1, "{}", sentence);
        let MentionValue::Date(v) = ms[0].value else { panic!() };
        prop_assert_eq!(v.start, PartialDate::from_naive(date));
        prop_assert_eq!(v.end, PartialDate::from_naive(date));
        prop_assert_eq!(v.precision, DatePrecision::Day);
        prop_assert!(ms[0].text.contains(&y.to_string()) && ms[0].text.starts_with("on "));
    }

    #[test]
    fn a_weekday_resolves_within_the_week_before(days in 0i64..60_000, w in 0usize..7, lead in 0usize..3) {
        let published = d("1950-01-01") + chrono::Duration::days(days);
        let name = WEEKDAYS[w];
        let text = match lead { 0 => format!("It happened {name}."), 1 => format!("on {name}"), _ => format!("last {name} morning") };
        let ms = find_with_today(&text, Some(published), today());
        prop_assert_eq!(ms.len(), 1);
        let MentionValue::Date(v) = ms[0].value else { panic!() };
        let got = v.start.to_naive().unwrap();
        // "last Monday" is strictly before; a bare weekday may be the publication day itself.
        if lead == 2 {
            prop_assert!(got < published && published - got <= chrono::Duration::days(7));
        } else {
            prop_assert!(got <= published && published - got < chrono::Duration::days(7));
        }
        prop_assert_eq!(got.weekday().num_days_from_monday() as usize, w);
    }

    #[test]
    fn yearless_dates_never_land_far_after_publication(days in 0i64..60_000, m in 1u32..=12, dd in 1u32..=28) {
        let published = d("1950-01-01") + chrono::Duration::days(days);
        let text = format!("On {} {dd} the strike hit.", MONTHS[(m - 1) as usize]);
        let ms = find_with_today(&text, Some(published), today());
        let MentionValue::Date(v) = ms[0].value else { panic!() };
        let got = v.start.to_naive().unwrap();
        prop_assert!(got <= published + chrono::Duration::days(7));
        prop_assert!(got > published + chrono::Duration::days(7) - chrono::Duration::days(366));
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,80}", days in 0i64..80_000) {
        let published = d("1950-01-01") + chrono::Duration::days(days);
        for p in [None, Some(published)] {
            for m in find_with_today(&s, p, today()) {
                prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
                prop_assert_eq!(&s[m.start..m.end], m.text.as_str());
            }
        }
    }

    #[test]
    fn date_soup_never_panics(s in "([0-9]{1,4}|[,.\\-/ ]|the|of|on|night|last|this|next|ago|days|weeks|Sunday|March|Nov|in|since|th|st) {0,12}") {
        let _ = find_with_today(&s, Some(d("2025-06-06")), today());
        let _ = find_with_today(&s, None, today());
    }
}

#[test]
fn extreme_publication_dates_do_not_panic() {
    for p in [NaiveDate::MIN, NaiveDate::MAX] {
        let _ = find_with_today(
            "Sunday, last week, next year, two days ago, on the 19th, this weekend",
            Some(p),
            p,
        );
    }
}

/// Dates and quantities of the benchmark corpus, a page of invented wire reporting, checked
/// against `benches/corpus/dates_numbers.expected.jsonl`. Rewrite the expectation on purpose
/// with `UPDATE_EXPECT=1 cargo test -p sitrep-recognise wire_report_golden`.
#[test]
fn wire_report_golden() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/corpus/");
    let text = std::fs::read_to_string(format!("{dir}dates_numbers.txt")).unwrap();
    let mut mentions = find_with_today(&text, FRIDAY.map(d), today());
    mentions.extend(crate::numbers::find(&text));
    mentions.sort_by_key(|m| (m.start, m.end));
    let got: String = mentions
        .iter()
        .map(|m| serde_json::to_string(m).unwrap() + "\n")
        .collect::<String>();
    let path = format!("{dir}dates_numbers.expected.jsonl");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap();
    for (g, w) in got.lines().zip(want.lines()) {
        assert_eq!(g, w);
    }
    assert_eq!(got.lines().count(), want.lines().count());
}

#[test]
fn lead_ins_and_parts_of_the_day() {
    let f = found("in mid-2023 and in early November", FRIDAY);
    assert_eq!(f[0].0, "in mid-2023");
    assert_eq!(
        (f[0].1.as_str(), f[0].3),
        ("2023-01-01", DatePrecision::Year)
    );
    assert_eq!(f[1].0, "in early November");
    assert_eq!(
        (f[1].1.as_str(), f[1].3),
        ("2024-11-01", DatePrecision::Month)
    );
    assert_eq!(one("Sunday morning", FRIDAY).0, "Sunday morning");
    assert_eq!(one("Toronto, ON July 22", None).0, "July 22");
    assert_eq!(one("over the weekend", FRIDAY).1, "2025-05-31");
    assert_eq!(day("earlier today", FRIDAY), "2025-06-06");
    let f = found("earlier this week", FRIDAY);
    assert_eq!(
        (f[0].1.as_str(), f[0].2.as_str()),
        ("2025-06-02", "2025-06-08")
    );
    let f = found("two months ago", FRIDAY);
    assert_eq!(
        (f[0].1.as_str(), f[0].3),
        ("2025-04-01", DatePrecision::Month)
    );
}
