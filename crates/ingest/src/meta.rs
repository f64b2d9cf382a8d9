//! Metadata normalisers: publication dates ([`parse_published`]), bylines ([`parse_byline`]) and
//! languages ([`normalise_language`], [`detect_language`]).

use chrono::{DateTime, NaiveDate};
use once_cell::sync::Lazy;
use regex::Regex;

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

static ISO: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])").unwrap());
static COMPACT: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})(?:$|T)").unwrap());
static DAY_MONTH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\.?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static MONTH_DAY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});

fn month_number(name: &str) -> Option<u32> {
    let m = name.to_ascii_lowercase();
    let n = match m.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// Parses a publication date as pages, feeds and headers write it: ISO 8601 dates and date-times
/// (with or without an offset), RFC 2822 (`Fri, 06 Jun 2025 10:00:00 +0000`), `June 6, 2025`,
/// `6 June 2025`, `20250606`. A date-time keeps the calendar day it was written in, which is the
/// publisher's local day, rather than converting to UTC.
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let ymd = |y: &str, m: &str, d: &str| {
        NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    };
    if let Some(c) = ISO.captures(s) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    if let Some(c) = COMPACT.captures(s) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    if let Some(c) = DAY_MONTH.captures(s) {
        return NaiveDate::from_ymd_opt(
            c[3].parse().ok()?,
            month_number(&c[2])?,
            c[1].parse().ok()?,
        );
    }
    if let Some(c) = MONTH_DAY.captures(s) {
        return NaiveDate::from_ymd_opt(
            c[3].parse().ok()?,
            month_number(&c[1])?,
            c[2].parse().ok()?,
        );
    }
    None
}

/// The publication time with its offset from UTC, as RFC 3339 (`2025-06-06T10:00:00+03:00`),
/// when `s` gives a time and an offset (RFC 3339, ISO 8601 with a space, RFC 2822); `None` for
/// a bare date or a time without an offset.
pub fn parse_published_time(s: &str) -> Option<String> {
    let s = s.trim();
    let dt = DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%:z"))
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z"))
        .or_else(|_| DateTime::parse_from_rfc2822(s))
        .ok()?;
    Some(dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
}

/// Author and outlet from a byline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Byline {
    pub author: Option<String>,
    pub outlet: Option<String>,
}

static BYLINE: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(?i:by)\s+(\p{Lu}.*)$").unwrap());

/// Parses a byline such as `By Jane Doe – Reuters`, `By Jane Doe, Kyiv Independent` or
/// `By Jane Doe | Outlet`. `None` when the line is not a byline: it must start with "By" and a
/// capitalised name, be short, and not read as a sentence.
pub fn parse_byline(line: &str) -> Option<Byline> {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if !(2..=14).contains(&words) || line.ends_with('.') && words > 6 {
        return None;
    }
    let rest = BYLINE.captures(line)?.get(1)?.as_str().trim();
    let (author, outlet) = [" – ", " — ", " - ", " | ", ", ", " / "]
        .iter()
        .find_map(|sep| rest.split_once(sep))
        .map_or((rest, None), |(a, o)| (a, Some(o)));
    let author = author.trim();
    let outlet = outlet
        .map(|o| o.trim().trim_end_matches(['.', ',']).trim())
        .filter(|o| !o.is_empty());
    // A name is a few capitalised words; anything else is a sentence starting with "By".
    let name_words: Vec<&str> = author.split_whitespace().collect();
    let looks_like_name = (1..=6).contains(&name_words.len())
        && name_words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || matches!(
                    *w,
                    "and" | "de" | "van" | "von" | "der" | "al" | "bin" | "&"
                )
        });
    if !looks_like_name {
        return None;
    }
    Some(Byline {
        author: Some(author.to_string()),
        outlet: outlet.map(str::to_string),
    })
}

/// Reduces a declared language (`en-US`, `uk_UA`, `EN`) to its primary subtag, lower case.
pub fn normalise_language(lang: &str) -> Option<String> {
    let primary = lang.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (2..=3)
        .contains(&primary.len())
        .then_some(primary)
        .filter(|p| p.chars().all(|c| c.is_ascii_alphabetic()))
}

/// English function words: in running English prose about one word in four is one of them,
/// while in other languages written in Latin script they are rare.
const ENGLISH_FUNCTION_WORDS: [&str; 16] = [
    "the", "of", "and", "to", "in", "a", "is", "was", "that", "for", "on", "with", "said", "by",
    "were", "has",
];

/// A fast answer for the common case: a sample of 30 words or more of which at least a fifth
/// are English function words is English. Anything else goes to the trigram detector.
fn looks_english(sample: &str) -> bool {
    let (mut words, mut hits) = (0usize, 0usize);
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if w.len() <= 4
            && ENGLISH_FUNCTION_WORDS
                .iter()
                .any(|f| f.eq_ignore_ascii_case(w))
        {
            hits += 1;
        }
    }
    words >= 30 && hits * 5 >= words
}

/// A bilingual text (a post in Ukrainian with its English translation) in the script that
/// holds most of its letters: when Latin and Cyrillic letters are both common (the smaller
/// share at least 15%), only the words written in the larger script are kept, so that the
/// detector reads one language rather than a blend. Other texts come back unchanged.
fn majority_script(sample: String) -> String {
    let cyrillic = |c: char| ('\u{400}'..='\u{4ff}').contains(&c);
    let (mut latin, mut cyr) = (0usize, 0usize);
    for c in sample.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if cyrillic(c) {
            cyr += 1;
        }
    }
    if latin.min(cyr) * 100 < (latin + cyr) * 15 {
        return sample;
    }
    let keep_cyrillic = cyr > latin;
    sample
        .split_whitespace()
        .filter(|w| {
            let (l, c) = w.chars().fold((0, 0), |(l, c), ch| {
                (
                    l + usize::from(ch.is_ascii_alphabetic()),
                    c + usize::from(cyrillic(ch)),
                )
            });
            if keep_cyrillic {
                c > l
            } else {
                l > c
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Detects the language of a text; ISO 639-1 codes for common languages ("en" for English),
/// ISO 639-3 otherwise. `None` when the text is too short or the guess unreliable.
pub fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(1500).collect();
    let sample = majority_script(sample);
    if sample.split_whitespace().count() < 4 {
        return None;
    }
    if looks_english(&sample) {
        return Some("en".to_string());
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    let code = info.lang().code();
    let short = match code {
        "eng" => "en",
        "ukr" => "uk",
        "rus" => "ru",
        "deu" => "de",
        "fra" => "fr",
        "spa" => "es",
        "ita" => "it",
        "pol" => "pl",
        "por" => "pt",
        "nld" => "nl",
        "bel" => "be",
        "ron" => "ro",
        "tur" => "tr",
        "ces" => "cs",
        "slk" => "sk",
        "bul" => "bg",
        "srp" => "sr",
        "hrv" => "hr",
        "fin" => "fi",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "no",
        "est" => "et",
        "lav" => "lv",
        "lit" => "lt",
        "hun" => "hu",
        "ell" => "el",
        "heb" => "he",
        "ara" => "ar",
        "kat" => "ka",
        "jpn" => "ja",
        "cmn" => "zh",
        other => other,
    };
    Some(short.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn published_dates_in_every_common_shape() {
        assert_eq!(parse_published("2025-06-06"), d(2025, 6, 6));
        assert_eq!(parse_published("2025-06-06T23:30:00+03:00"), d(2025, 6, 6));
        assert_eq!(parse_published("2025-06-06T01:30:00Z"), d(2025, 6, 6));
        assert_eq!(parse_published("20250606"), d(2025, 6, 6));
        assert_eq!(
            parse_published("Fri, 06 Jun 2025 10:00:00 +0000"),
            d(2025, 6, 6)
        );
        assert_eq!(
            parse_published("Fri, 6 Jun 2025 10:00:00 GMT"),
            d(2025, 6, 6)
        );
        assert_eq!(parse_published("June 6, 2025"), d(2025, 6, 6));
        assert_eq!(parse_published("6 June 2025"), d(2025, 6, 6));
        assert_eq!(parse_published("Saturday, 26th March 2022"), d(2022, 3, 26));
        assert_eq!(parse_published("Sept. 3, 2024 at 10:00"), d(2024, 9, 3));
    }

    #[test]
    fn publication_times_keep_their_offset() {
        for (given, want) in [
            (
                "2025-06-06T10:00:00+03:00",
                Some("2025-06-06T10:00:00+03:00"),
            ),
            ("2025-06-06T07:00:00Z", Some("2025-06-06T07:00:00+00:00")),
            (
                "2025-06-06 10:00:00+03:00",
                Some("2025-06-06T10:00:00+03:00"),
            ),
            (
                "Fri, 06 Jun 2025 10:00:00 +0300",
                Some("2025-06-06T10:00:00+03:00"),
            ),
            ("2025-06-06", None),
            ("2025-06-06T10:00:00", None),
            ("June 6, 2025", None),
        ] {
            assert_eq!(parse_published_time(given).as_deref(), want, "{given}");
        }
    }

    #[test]
    fn impossible_or_absent_dates_are_none() {
        assert_eq!(parse_published("2025-02-30"), None);
        assert_eq!(parse_published("yesterday"), None);
        assert_eq!(parse_published("March 26"), None);
        assert_eq!(parse_published(""), None);
    }

    #[test]
    fn bylines_split_author_and_outlet_on_each_separator() {
        let b = |a: &str, o: Option<&str>| {
            Some(Byline {
                author: Some(a.into()),
                outlet: o.map(Into::into),
            })
        };
        assert_eq!(
            parse_byline("By Olena Marchuk – Ukrainska Pravda"),
            b("Olena Marchuk", Some("Ukrainska Pravda"))
        );
        assert_eq!(
            parse_byline("By Olena Marchuk, Kyiv Post"),
            b("Olena Marchuk", Some("Kyiv Post"))
        );
        assert_eq!(
            parse_byline("BY Piotr Nowak | Notes from Kraków"),
            b("Piotr Nowak", Some("Notes from Kraków"))
        );
        assert_eq!(parse_byline("By Anna Kovalenko"), b("Anna Kovalenko", None));
    }

    #[test]
    fn sentences_starting_with_by_are_not_bylines() {
        assert_eq!(
            parse_byline("By Sunday evening the fires at the depot had been put out."),
            None
        );
        assert_eq!(
            parse_byline("By the end of the day, air defence had downed 40 drones"),
            None
        );
        assert_eq!(parse_byline("Bystander footage showed smoke"), None);
    }

    #[test]
    fn languages_normalise_and_detect() {
        assert_eq!(normalise_language("en-US").as_deref(), Some("en"));
        assert_eq!(normalise_language("uk_UA").as_deref(), Some("uk"));
        assert_eq!(normalise_language("").as_deref(), None);
        let en = "Russian forces launched dozens of drones at the city overnight, the regional governor said on Sunday.";
        assert_eq!(detect_language(en).as_deref(), Some("en"));
        let uk = "Уночі російські війська атакували місто ударними дронами, повідомив голова обласної військової адміністрації.";
        assert_eq!(detect_language(uk).as_deref(), Some("uk"));
        assert_eq!(detect_language("Kyiv"), None);
        // A bilingual post is in the language of its longer part.
        let both = "Russian forces struck Zaporizhzhia with guided aerial bombs this morning, \
                    damaging an industrial site. One person was killed and four were injured, \
                    regional governor Ivan Fedorov said on Telegram.\n\nЗапоріжжя: ворог завдав \
                    удару КАБами. Загинула одна людина, четверо поранених.";
        assert_eq!(detect_language(both).as_deref(), Some("en"));
        let both = "Ворог атакував Запоріжжя керованими авіабомбами. Пошкоджено промисловий \
                    об'єкт, загинула одна людина, ще четверо поранені, повідомив голова ОВА \
                    Іван Федоров.\n\nZaporizhzhia: glide bombs, one killed.";
        assert_eq!(detect_language(both).as_deref(), Some("uk"));
        let de =
            "Die ukrainische Luftwaffe meldete am Sonntag, dass in der Nacht insgesamt 48 Drohnen \
                  abgeschossen worden seien. In der Region Charkiw wurden zwei Menschen verletzt, \
                  teilte die Gebietsverwaltung mit. Die russische Armee griff erneut die Stadt an, \
                  wie die Behörden am Morgen berichteten.";
        assert_eq!(
            detect_language(de).as_deref(),
            Some("de"),
            "German prose is not taken for English"
        );
    }
}
