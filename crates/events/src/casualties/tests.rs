//! One row per way of stating casualties, read with the real quantity recogniser.

use super::{read, Harm};
use sitrep_model::{Count, MentionValue, Span};

/// The quantities the recogniser finds in `text`.
fn quantities(text: &str) -> Vec<(Span, Count)> {
    sitrep_recognise::numbers::find(text)
        .iter()
        .filter_map(|m| match &m.value {
            MentionValue::Quantity(q) => Some((m.span(), *q)),
            _ => None,
        })
        .collect()
}

/// (killed, injured) that `sentence` states; `None` where it states none.
fn casualties(sentence: &str) -> (Option<Count>, Option<Count>) {
    let words = crate::text::words(sentence, 0, sentence.len());
    let found = read(sentence, &words, &quantities(sentence));
    let pick = |h: Harm| found.iter().rev().find(|c| c.harm == h).map(|c| c.count);
    (pick(Harm::Killed), pick(Harm::Injured))
}

fn n(v: u64) -> Option<Count> {
    Some(Count::exact(v))
}

fn at_least(v: u64) -> Option<Count> {
    Some(Count::at_least(v))
}

#[test]
fn each_way_of_stating_casualties_gives_its_counts() {
    let table: &[(&str, Option<Count>, Option<Count>)] = &[
        // Subjects of passive verbs, in numerals and words.
        ("One person was killed and three were wounded.", n(1), n(3)),
        ("One person died, five were injured, the governor said.", n(1), n(5)),
        ("Four people, including a teenager, were killed, 12 wounded.", n(4), n(12)),
        ("Two Ukrainian soldiers were killed when the shells landed.", n(2), None),
        ("Eight people were hospitalised after the shelling.", None, n(8)),
        ("Six people were injured, three of them seriously.", None, n(6)),
        ("Three workers were killed and another five injured.", n(3), n(5)),
        ("One man was killed and three more injured in the suburb.", n(1), n(3)),
        ("Four civilians have reportedly been killed.", n(4), None),
        ("At least six people were killed and 14 injured in missile strikes.", at_least(6), n(14)),
        // Subjects without a number.
        ("The shell hit a bus stop, as a result of which one civilian was killed.", n(1), None),
        ("A civilian died after a drone struck her car.", n(1), None),
        ("Both of them were killed.", n(2), None),
        ("A 71-year-old man was killed.", n(1), None),
        ("A man, 45, was wounded.", None, n(1)),
        ("A man aged 45 was wounded in the attack.", None, n(1)),
        ("A woman and her son were injured.", None, n(2)),
        ("A pro-Russian prosecutor and his deputy died in the blast.", n(2), None),
        ("The driver was killed.", n(1), None),
        // Objects of active verbs.
        ("The missile hit the city, killing at least 8 people and injuring dozens.", at_least(8), at_least(12)),
        ("Drones struck the suburb, injuring a man and his daughter, the mayor said.", None, n(2)),
        ("The strike killed 3 and injured 10, the regional governor said.", n(3), n(10)),
        ("The strike wounded 16 people, including four children.", None, n(16)),
        ("The strike killed 5 people; another 20 were hurt.", n(5), n(20)),
        ("Mortar fire hit the settlement, killing at least one and wounding five others including a ten-year-old boy.", at_least(1), n(5)),
        ("The bomb killed two workers.", n(2), None),
        ("Shelling wounded a 12-year-old boy.", None, n(1)),
        ("Shells hit the town, injuring an elderly couple.", None, n(2)),
        // Numbers before the casualty word, lists.
        ("A glide bomb attack left 4 dead and 11 injured.", n(4), n(11)),
        ("Casualties: 3 killed, 9 wounded.", n(3), n(9)),
        ("Seven dead and dozens injured after the strike.", n(7), at_least(12)),
        ("Shahed drones hit Kupiansk, three injured", None, n(3)),
        ("There were 12 deaths.", n(12), None),
        // Nouns of counts.
        ("Emergency workers recovered the body of a woman from the debris.", n(1), None),
        ("The bodies of three people were found.", n(3), None),
        ("Two people lost their lives in the attack.", n(2), None),
        ("The death toll from the strike on the city on 28 June has risen to 12, the governor said.", n(12), None),
        ("The number of injured rose to 20.", None, n(20)),
        ("Three people sustained injuries.", None, n(3)),
        ("Two residents died in the shelling, and more than fifteen people were wounded.", n(2), at_least(16)),
        ("Two children are among the dead.", n(2), None),
        ("A 58-year-old man sustained an explosive injury and a concussion.", None, n(1)),
        ("Two people were treated for minor injuries.", None, n(2)),
        ("A 60-year-old vendor died of his wounds in hospital.", n(1), None),
        // Numbers that are not counts of people.
        ("The strike hit a five-storey building and damaged 20 cars.", None, None),
        ("He was killed 20 km from the front.", None, None),
        ("The attack on the 31 drones depot killed no one.", n(0), None),
        ("No one was killed.", n(0), None),
        ("Two people were killed or injured.", None, None),
        ("Killed were civilians.", None, None),
    ];
    let mut failures = Vec::new();
    for &(sentence, killed, injured) in table {
        let got = casualties(sentence);
        if got != (killed, injured) {
            failures.push(format!(
                "{sentence:?}: got killed {:?} injured {:?}, want {killed:?} {injured:?}",
                got.0, got.1
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_count_keeps_the_span_of_its_words() {
    let s = "On 9 March, bombs hit a hospital. Three people, including a child, were killed.";
    let words = crate::text::words(s, 0, s.len());
    let found = read(s, &words, &quantities(s));
    assert_eq!(found.len(), 1);
    let c = &found[0];
    assert_eq!(
        &s[c.span.start..c.span.end],
        "Three people, including a child, were killed"
    );
    assert_eq!(c.rule, "subject of the passive verb");
}

#[test]
fn a_running_total_is_an_update() {
    let s = "The death toll has risen to 12.";
    let words = crate::text::words(s, 0, s.len());
    let q = (Span::new(28, 30), Count::exact(12));
    let found = read(s, &words, &[q]);
    assert_eq!(found.len(), 1);
    assert!(found[0].update);
    assert_eq!(found[0].count, Count::exact(12));
}
