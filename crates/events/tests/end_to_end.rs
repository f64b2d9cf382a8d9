//! End to end over the test articles in `tests/corpus`: real recognisers, then extraction,
//! compared with the hand-written expectations in `tests/gold/own.json` (the gold format of
//! the project's evaluation). Each expected event must be found with the same kind, its quote
//! inside the evidence, and the key fields the gold gives.

use sitrep_model::{DocId, Document, Event};
use std::path::Path;

fn load(name: &str) -> Document {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let text = std::fs::read_to_string(dir.join(name)).expect("test article");
    Document {
        doc: DocId(name.to_string()),
        text,
        ..Document::default()
    }
}

fn count_eq(got: Option<sitrep_model::Count>, want: &serde_json::Value) -> bool {
    match (got, want) {
        (Some(c), serde_json::Value::Number(n)) => c.value() == n.as_u64(),
        (Some(c), serde_json::Value::Object(o)) => o
            .get("min")
            .and_then(|m| m.as_u64())
            .is_some_and(|m| c.min >= m),
        _ => false,
    }
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Scores `gold` against the events extracted from the documents `load` gives by name: every
/// must-event found by kind and quote, and each field the gold gives. Returns
/// (found, must, passed checks, checks, failures).
fn score(
    gold: &serde_json::Value,
    load: impl Fn(&serde_json::Value) -> Document,
) -> (usize, usize, usize, usize, Vec<String>) {
    let rec = sitrep_recognise::Recogniser::new();
    let aliases = &gold["aliases"];
    let same_name = |got: &str, want: &str| {
        got == want
            || aliases[want]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(got)))
    };
    let (mut checks, mut ok, mut found, mut must) = (0usize, 0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for gdoc in gold["documents"].as_array().unwrap() {
        let doc = load(gdoc);
        let mentions = rec.recognise(&doc);
        let events: Vec<Event> = sitrep_events::extract(&doc, &mentions);
        for g in gdoc["events"]["must"].as_array().unwrap() {
            must += 1;
            let quote = norm(g["evidence"].as_str().unwrap());
            let Some(e) = events.iter().find(|e| {
                e.kind.as_str() == g["kind"].as_str().unwrap()
                    && e.evidence.iter().any(|x| norm(&x.text).contains(&quote))
            }) else {
                failures.push(format!("{}: not found", g["id"]));
                continue;
            };
            found += 1;
            let mut check = |name: &str, pass: bool| {
                checks += 1;
                if pass {
                    ok += 1;
                } else {
                    failures.push(format!("{} {name}", g["id"]));
                }
            };
            if let Some(d) = g["date"].as_str() {
                check(
                    "date",
                    e.date.as_ref().is_some_and(|x| {
                        x.start.to_string()[2..] == d[2..] || x.start.to_string().ends_with(&d[4..])
                    }),
                );
            }
            if let Some(cc) = g["location"]["country"].as_str() {
                check(
                    "location",
                    e.location
                        .as_ref()
                        .is_some_and(|l| l.country.as_deref() == Some(cc)),
                );
            }
            if let Some(a) = g["attacker"].as_str() {
                check(
                    "attacker",
                    e.attacker.as_deref().is_some_and(|x| same_name(x, a)),
                );
            }
            for role in ["launched", "intercepted", "killed", "injured"] {
                if let Some(want) = g.get(role) {
                    let got = match role {
                        "launched" => e.counts.launched,
                        "intercepted" => e.counts.intercepted,
                        "killed" => e.counts.killed,
                        _ => e.counts.injured,
                    };
                    check(role, count_eq(got, want));
                }
            }
            if let Some(claims) = g["claims"].as_array() {
                let all = claims.iter().all(|c| {
                    e.claims.iter().any(|x| {
                        same_name(&x.source, c["source"].as_str().unwrap())
                            && serde_json::to_value(x.stance).unwrap() == c["stance"]
                    })
                });
                check("claims", all);
            }
            if let Some(st) = g["status"].as_str() {
                check("status", e.status.as_str() == st);
            }
        }
    }
    (found, must, ok, checks, failures)
}

#[test]
fn test_articles_match_their_gold() {
    let gold_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/own.json");
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
    let (found, must, ok, checks, failures) = score(&gold, |g| load(g["doc"].as_str().unwrap()));
    eprintln!("found {found}/{must}, fields {ok}/{checks}; misses: {failures:?}");
    assert_eq!(found, must, "{failures:?}");
    assert!(
        ok * 10 >= checks * 8,
        "fewer than 80% of field checks pass: {failures:?}"
    );
}

/// Short reports in the styles the press and the parties write in: wire copy, local news,
/// regional officials' posts, Russian Ministry of Defence and Ukrainian General Staff
/// statements, and conflict coders' notes.
#[test]
fn reports_in_many_styles_match_their_gold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold/styles.json")).unwrap())
            .unwrap();
    let corpus = std::fs::read_to_string(dir.join("corpus/styles.jsonl")).unwrap();
    let reports: Vec<serde_json::Value> = corpus
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (found, must, ok, checks, failures) = score(&gold, |g| {
        let r = reports
            .iter()
            .find(|r| r["id"] == g["doc"])
            .expect("every gold document is in the corpus");
        Document {
            doc: DocId(r["id"].as_str().unwrap().to_string()),
            text: r["text"].as_str().unwrap().to_string(),
            published: chrono::NaiveDate::parse_from_str(
                r["published"].as_str().unwrap(),
                "%Y-%m-%d",
            )
            .ok(),
            ..Document::default()
        }
    });
    eprintln!("found {found}/{must}, fields {ok}/{checks}; misses: {failures:?}");
    assert_eq!(found, must, "{failures:?}");
    assert!(
        ok * 100 >= checks * 95,
        "fewer than 95% of field checks pass: {failures:?}"
    );
}
