//! Tests of the quantity scanner: golden sentences and property tests.

use super::*;
use proptest::prelude::*;

/// The quantities found in `text` as `(phrase, count)` pairs.
fn found(text: &str) -> Vec<(String, Count)> {
    find(text)
        .into_iter()
        .map(|m| {
            assert_eq!(&text[m.start..m.end], m.text, "span and text agree");
            match m.value {
                MentionValue::Quantity(c) => (m.text, c),
                other => panic!("not a quantity: {other:?}"),
            }
        })
        .collect()
}

fn values(text: &str) -> Vec<Count> {
    found(text).into_iter().map(|(_, c)| c).collect()
}

fn ex(n: u64) -> Count {
    Count::exact(n)
}

#[test]
fn a_count_after_a_sentence_ending_in_a_month_is_a_count() {
    let text = "The army attacked Dnipro on 9 May. Seven people were injured.";
    let found: Vec<String> = find(text).into_iter().map(|m| m.text).collect();
    assert_eq!(found, vec!["Seven"]);
}

#[test]
fn killed_and_injured_with_a_vague_word() {
    let f = found("The blast left nine dead and dozens injured at the depot.");
    assert_eq!(
        f,
        vec![
            ("nine".into(), ex(9)),
            ("dozens".into(), Count::at_least(12))
        ]
    );
}

#[test]
fn launched_intercepted_and_damaged() {
    let text = "The ministry said the AFU fired eight ATACMS missiles at an airfield. Seven \
                missiles were shot down, while one hit a hangar.";
    assert_eq!(values(text), vec![ex(8), ex(7), ex(1)]);
}

#[test]
fn over_a_figure_is_more_than_that_figure() {
    let f = found("talks to rescue over 170,000 civilians trapped in Mariupol");
    assert_eq!(f, vec![("over 170,000".into(), Count::at_least(170_001))]);
    let f = found("more than twenty people were wounded in the strike");
    assert_eq!(f, vec![("more than twenty".into(), Count::at_least(21))]);
    let f = found("at least 20 people were wounded");
    assert_eq!(f, vec![("at least 20".into(), Count::at_least(20))]);
}

#[test]
fn no_casualties_is_zero() {
    let f =
        found("No casualties or significant damage were reported. Nobody was hurt; no one died.");
    assert_eq!(
        f,
        vec![
            ("No casualties".into(), ex(0)),
            ("Nobody".into(), ex(0)),
            ("no one".into(), ex(0))
        ]
    );
    assert_eq!(
        values("There were no immediate reports of casualties."),
        vec![]
    );
    assert_eq!(found("no immediate casualties")[0].1, ex(0));
    assert_eq!(found("The strike ended without casualties.")[0].1, ex(0));
}

#[test]
fn model_numbers_years_and_dates_are_not_counts() {
    for text in [
        "a Kh-101 cruise missile",
        "an S-300 battery",
        "Su-34 and F-16 jets",
        "the M142 HIMARS launcher",
        "a 9M723 missile",
        "Bayraktar TB2 drones",
        "Shahed-136 drones",
        "In 2024 the war went on.",
        "On November 19 the AFU struck.",
        "on 19 November 2024",
        "Nov. 19 strike",
        "the 19th of November",
        "on 19.11.2024 and 2024-11-19",
        "Update(1932ET): sirens",
        "at 19:32 local time",
        "at 0800 on the front",
        "at 5 p.m. on Friday",
        "a 155-mm shell and a 10-year-old boy",
        "a 30 km radius and 5 tons of explosives",
        "about 45% of the grid",
        "$1.5 billion in aid",
        "worth 20 million euros",
        "a UAH 500 million fund",
        "Article 5 of the treaty",
        "resolution No. 2231",
        "the number two official",
        "the 47th Mechanised Brigade",
        "one of the drones",
        "for 48 hours",
        "2022-2024 figures",
        "during the night of June 4 to 5",
        "on 19-20 November",
    ] {
        assert_eq!(values(text), vec![], "{text}");
    }
}

#[test]
fn hedged_figures() {
    let cases: &[(&str, &str, Count)] = &[
        (
            "killed at least 12 people",
            "at least 12",
            Count::at_least(12),
        ),
        (
            "more than two dozen drones",
            "more than two dozen",
            Count::at_least(25),
        ),
        ("up to 10 drones", "up to 10", Count::range(1, 10)),
        (
            "as many as 40 missiles",
            "as many as 40",
            Count::range(1, 40),
        ),
        (
            "fewer than ten people",
            "fewer than ten",
            Count::range(1, 9),
        ),
        ("some 200 troops", "some 200", ex(200)),
        ("nearly 1,000 shells", "nearly 1,000", ex(1000)),
        ("only one person", "only one", ex(1)),
        ("at least one civilian", "at least one", Count::at_least(1)),
        (
            "no fewer than 30 rockets",
            "no fewer than 30",
            Count::at_least(30),
        ),
        (
            "in excess of 500 drones",
            "in excess of 500",
            Count::at_least(501),
        ),
        (
            "upwards of 80 missiles",
            "upwards of 80",
            Count::at_least(80),
        ),
        (
            "at least 2000 soldiers",
            "at least 2000",
            Count::at_least(2000),
        ),
        (
            "over a hundred drones",
            "over a hundred",
            Count::at_least(101),
        ),
    ];
    for (text, phrase, count) in cases {
        assert_eq!(found(text), vec![(phrase.to_string(), *count)], "{text}");
    }
}

#[test]
fn ranges() {
    let cases: &[(&str, &str, Count)] = &[
        (
            "between 10 and 15 drones",
            "between 10 and 15",
            Count::range(10, 15),
        ),
        ("5-7 missiles", "5-7", Count::range(5, 7)),
        ("5–7 missiles", "5–7", Count::range(5, 7)),
        (
            "five to seven missiles",
            "five to seven",
            Count::range(5, 7),
        ),
        ("two or three drones", "two or three", Count::range(2, 3)),
        ("one or two drones", "one or two", Count::range(1, 2)),
        (
            "12,000 to 15,000 troops",
            "12,000 to 15,000",
            Count::range(12_000, 15_000),
        ),
    ];
    for (text, phrase, count) in cases {
        assert_eq!(found(text), vec![(phrase.to_string(), *count)], "{text}");
    }
    // A falling pair is two figures, not a range.
    assert_eq!(values("raised from 10 to 8"), vec![ex(10), ex(8)]);
    // An em dash sets off a clause rather than joining a range.
    assert_eq!(
        values("killed 17 — 70 more were hurt"),
        vec![ex(17), ex(70)]
    );
}

#[test]
fn vague_quantities_follow_acled_minimums() {
    let cases: &[(&str, &str, Count)] = &[
        ("dozens of people", "dozens", Count::at_least(12)),
        ("a dozen drones", "a dozen", ex(12)),
        ("half a dozen drones", "half a dozen", ex(6)),
        ("hundreds of residents", "hundreds", Count::at_least(100)),
        ("thousands of troops", "thousands", Count::at_least(1000)),
        (
            "tens of thousands of troops",
            "tens of thousands",
            Count::at_least(10_000),
        ),
        (
            "hundreds of thousands of people",
            "hundreds of thousands",
            Count::at_least(100_000),
        ),
        (
            "hundreds of millions of Europeans",
            "hundreds of millions",
            Count::at_least(100_000_000),
        ),
        ("several drones", "several", Count::at_least(2)),
        (
            "several hundred soldiers",
            "several hundred",
            Count::at_least(200),
        ),
        ("a few shells", "a few", Count::at_least(2)),
        ("scores of buildings", "scores", Count::at_least(20)),
        ("a couple of drones", "a couple", ex(2)),
        ("1.5 million people", "1.5 million", ex(1_500_000)),
    ];
    for (text, phrase, count) in cases {
        assert_eq!(found(text), vec![(phrase.to_string(), *count)], "{text}");
    }
    assert_eq!(values("hundreds of kilometres away"), vec![]);
    assert_eq!(values("they settled scores"), vec![]);
}

#[test]
fn lone_one_needs_a_noun_a_verb_or_a_hedge() {
    assert_eq!(values("One drone hit a house."), vec![ex(1)]);
    assert_eq!(values("killing one and wounding four"), vec![ex(1), ex(4)]);
    for text in [
        "One of the missiles fell.",
        "one day later",
        "the one that got away",
        "It is one thing to say.",
        "One said no.",
    ] {
        assert_eq!(values(text), vec![], "{text}");
    }
}

#[test]
fn mentions_survive_chunking_of_long_texts() {
    let line = "At least 12 people were killed and dozens injured, while one was missing.\n";
    let text = line.repeat(1000);
    let found = find(&text);
    assert_eq!(found.len(), 3 * 1000);
    assert!(found.iter().all(|m| text[m.start..m.end] == m.text));
    // Without line breaks the text is cut at whitespace.
    let flat = line.trim_end().repeat(1000);
    assert_eq!(find(&flat).len(), 3 * 1000);
}

#[test]
fn parse_helpers_read_whole_strings_only() {
    assert_eq!(parse_number_words("Twenty-Five"), Some(25));
    assert_eq!(
        parse_number_words("two thousand five hundred and six"),
        Some(2506)
    );
    assert_eq!(parse_number_words("25"), None);
    assert_eq!(parse_number_words("twenty-five people"), None);
    assert_eq!(parse_number("1,200"), Some(1200));
    assert_eq!(parse_number("1.5 million"), Some(1_500_000));
    assert_eq!(parse_count("at least 12"), Some(Count::at_least(12)));
    assert_eq!(parse_count("dozens"), Some(Count::at_least(12)));
    assert_eq!(parse_count("at least 12 people"), None);
}

/// English words for `n < 10^6`, the way a reporter would write them.
fn words(n: u64, hyphen: bool, and: bool) -> String {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn below_thousand(n: u64, hyphen: bool, and: bool) -> String {
        let mut parts = Vec::new();
        if n >= 100 {
            parts.push(format!("{} hundred", SMALL[(n / 100) as usize]));
        }
        let r = n % 100;
        if r > 0 {
            if n >= 100 && and {
                parts.push("and".to_string());
            }
            if r < 20 {
                parts.push(SMALL[r as usize].to_string());
            } else if r % 10 == 0 {
                parts.push(TENS[(r / 10) as usize].to_string());
            } else {
                let sep = if hyphen { "-" } else { " " };
                parts.push(format!(
                    "{}{sep}{}",
                    TENS[(r / 10) as usize],
                    SMALL[(r % 10) as usize]
                ));
            }
        }
        parts.join(" ")
    }
    if n == 0 {
        return "zero".into();
    }
    let (th, rest) = (n / 1000, n % 1000);
    let mut out = Vec::new();
    if th > 0 {
        out.push(format!("{} thousand", below_thousand(th, hyphen, and)));
    }
    if rest > 0 {
        if th > 0 && rest < 100 && and {
            out.push("and".into());
        }
        out.push(below_thousand(rest, hyphen, and));
    }
    out.join(" ")
}

fn with_commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

proptest! {
    #[test]
    fn numbers_round_trip_in_every_spelling(n in 0u64..1_000_000, hyphen: bool, and: bool) {
        prop_assert_eq!(parse_number(&n.to_string()), Some(n));
        prop_assert_eq!(parse_number(&with_commas(n)), Some(n));
        let w = words(n, hyphen, and);
        prop_assert_eq!(parse_number_words(&w), Some(n), "{}", w);
    }

    #[test]
    fn numbers_in_a_sentence_are_found(n in 2u64..1_000_000, form in 0u8..3) {
        let s = match form {
            0 => with_commas(n),
            1 => words(n, true, true),
            _ => n.to_string(),
        };
        let text = format!("Officials said {s} people were evacuated.");
        let is_year = form == 2 && (1900..=2100).contains(&n);
        let want = if is_year { vec![] } else { vec![(s.clone(), ex(n))] };
        prop_assert_eq!(found(&text), want);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,80}") {
        for m in find(&s) {
            prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
            prop_assert_eq!(&s[m.start..m.end], m.text.as_str());
        }
    }

    #[test]
    fn number_soup_never_panics(s in "([0-9]{1,4}|[,.\\-–/ ]|one|two|hundred|thousand|million|dozen|and|a|at least|over|up to|no|between) {0,12}") {
        let _ = find(&s);
        let _ = parse_count(&s);
    }
}
