//! Short event descriptions in the style that conflict-data coders write ("On 5 March 2025,
//! Russian forces shelled ..."), run through the real recognisers: each must give one violent
//! event with the fields its sentence states, and nothing it does not state.

use sitrep_model::{Count, DocId, Document, Event, EventKind};

fn events(text: &str) -> Vec<Event> {
    let doc = Document {
        doc: DocId("note".into()),
        text: text.to_string(),
        ..Document::default()
    };
    let mentions = sitrep_recognise::Recogniser::new().recognise(&doc);
    sitrep_events::extract(&doc, &mentions)
        .into_iter()
        .filter(|e| e.kind.is_violent())
        .collect()
}

fn only(text: &str) -> Event {
    let mut ev = events(text);
    assert_eq!(ev.len(), 1, "{text}: {ev:#?}");
    ev.remove(0)
}

#[test]
fn shelling_note_gives_date_place_attacker_and_injured() {
    let e = only(
        "On 5 March 2025, Russian forces shelled Nikopol, Dnipropetrovsk, injuring two civilians.",
    );
    assert_eq!(e.kind, EventKind::Shelling);
    assert_eq!(e.date.as_ref().unwrap().start.to_string(), "2025-03-05");
    assert_eq!(e.location.as_ref().unwrap().name, "Nikopol");
    assert_eq!(e.attacker.as_deref(), Some("Russian Armed Forces"));
    assert_eq!(e.counts.injured, Some(Count::exact(2)));
    assert_eq!(e.counts.killed, None, "no deaths are stated");
}

#[test]
fn light_verb_before_a_strike_noun_gives_the_attacker() {
    let e =
        only("On 3 February 2025, Russian forces launched a missile strike on Poltava, Poltava.");
    assert_eq!(e.kind, EventKind::MissileStrike);
    assert_eq!(e.attacker.as_deref(), Some("Russian Armed Forces"));
    assert_eq!(e.location.as_ref().unwrap().name, "Poltava");
}

#[test]
fn part_of_a_whole_gives_intercepted_and_launched() {
    let e = only(
        "On 3 February 2025, Russian forces launched a missile strike on Poltava, Poltava. \
The Ukrainian Air Force reported that air defence intercepted 2 of 4 Iskander-M missiles.",
    );
    assert_eq!(e.counts.intercepted, Some(Count::exact(2)));
    assert_eq!(e.counts.launched, Some(Count::exact(4)));
    assert_eq!(e.weapons, vec!["Iskander-M".to_string()]);
}

#[test]
fn unidentified_attacker_stays_empty() {
    let e = only("On 14 June 2025, unidentified drones attacked an oil depot in Tuapse, Krasnodar. A fire broke out.");
    assert_eq!(e.kind, EventKind::DroneStrike);
    assert_eq!(e.attacker, None);
    assert_eq!(e.location.as_ref().unwrap().country.as_deref(), Some("RU"));
}

#[test]
fn origin_of_a_weapon_is_not_the_place_of_the_event() {
    let e = only(
        "Air defence systems destroyed six ATACMS missiles made in the United States, the Russian Ministry of Defence said.",
    );
    assert_eq!(
        e.location, None,
        "the only place named is where the missiles were made"
    );
    let e = only(
        "Air defence systems destroyed six ATACMS missiles made in the United States over the Belgorod region.",
    );
    assert_eq!(e.location.unwrap().country.as_deref(), Some("RU"));
}

#[test]
fn a_country_modifying_a_noun_is_not_the_place_of_the_event() {
    let e = only("Russian drones struck an apartment block, U.S. officials said.");
    assert_eq!(e.location, None);
}
