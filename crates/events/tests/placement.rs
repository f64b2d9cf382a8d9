//! Where an event is placed: the most specific scene of its clause, with the real recognisers
//! and the compiled-in gazetteer. One row per way of saying where.

use sitrep_model::{Document, Event};

fn places(text: &str) -> Vec<String> {
    let doc = Document {
        text: text.to_string(),
        published: chrono::NaiveDate::from_ymd_opt(2024, 5, 2),
        ..Document::default()
    };
    let mentions = sitrep_recognise::Recogniser::new().recognise(&doc);
    let events: Vec<Event> = sitrep_events::extract(&doc, &mentions);
    events
        .iter()
        .filter(|e| e.kind.is_violent())
        .map(|e| e.location.as_ref().map_or("-".into(), |l| l.name.clone()))
        .collect()
}

#[test]
fn each_way_of_saying_where_places_the_event() {
    let table: &[(&str, &[&str])] = &[
        ("Russian forces launched an offensive near Vovchansk on Friday.", &["Vovchansk"]),
        (
            "Ukrainian troops repelled 12 attacks in the direction of Pokrovsk.",
            &["Pokrovsk"],
        ),
        ("Russian artillery shelled Ukrainian positions near Bakhmut.", &["Bakhmut"]),
        ("A drone hit a house on the outskirts of Kharkiv, injuring two.", &["Kharkiv"]),
        ("Shelling was reported 20 km from Kramatorsk on Tuesday.", &["Kramatorsk"]),
        // A sector of the front named after a town is not the town.
        (
            "Russian troops attacked Ukrainian positions in the Kupiansk direction near Kupiansk-Vuzlovyi.",
            &["Kupiansk-Vuzlovyi"],
        ),
        // Launch sites, landmarks and a place's region are not scenes.
        (
            "Russia launched 40 drones from Kursk and Bryansk at Sumy overnight.",
            &["Sumy"],
        ),
        (
            "Missiles struck training centres in Zhytomyr, west of Kyiv.",
            &["Zhytomyr"],
        ),
        ("Russian forces shelled Nikopol, Dnipropetrovsk, injuring two.", &["Nikopol"]),
        // Each place a sentence lists as attacked is an event.
        (
            "Russian missiles hit Kharkiv, Poltava and Kremenchuk on Sunday.",
            &["Kharkiv", "Poltava", "Kremenchuk"],
        ),
        // A government named by its capital acts; it is no scene. A capital hit is one.
        (
            "Russian forces shelled villages in the Kherson region, where Kyiv has vowed a counter-offensive.",
            &["Kherson Oblast"],
        ),
        (
            "Moscow insists the strike on Sumy hit a military target.",
            &["Sumy"],
        ),
        ("Kyiv was hit by a massive missile attack overnight.", &["Kyiv"]),
        // A neighbourhood is part of the town named before it, or of none.
        (
            "Russian troops shelled Chasiv Yar and advanced to the Novyi neighbourhood.",
            &["Chasiv Yar"],
        ),
        ("Enemy infantry advanced to the Novyi neighborhood overnight and was shelled.", &["-"]),
        // A district introduced as the city's is the city.
        (
            "Drones attacked Odesa overnight. Debris damaged a building in the city's Kyivskyi district.",
            &["Odesa"],
        ),
    ];
    let mut failures = Vec::new();
    for (text, want) in table {
        let got = places(text);
        let got_names: Vec<&str> = got.iter().map(String::as_str).collect();
        let same = got_names.len() == want.len()
            && want
                .iter()
                .all(|w| got_names.iter().any(|g| g.contains(&w[..w.len().min(5)])));
        if !same {
            failures.push(format!("{text:?}: got {got_names:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A vow or a threat governs what follows it in its own phrase; an attack told after a comma
/// happened ("Russia, which has vowed revenge, launched 40 drones at Odesa").
#[test]
fn a_vow_set_off_by_a_comma_leaves_the_attack_told_after_it() {
    let table: &[(&str, &[&str])] = &[
        (
            "Russia, which has vowed revenge, launched 40 drones at Odesa overnight.",
            &["Odesa"],
        ),
        (
            "Although Moscow threatened retaliation, Ukrainian drones struck an oil depot in Belgorod.",
            &["Belgorod"],
        ),
        ("Russia vowed to strike Kyiv again.", &[]),
        ("Moscow threatened to hit Lviv with missiles.", &[]),
    ];
    for (text, want) in table {
        assert_eq!(&places(text), want, "{text}");
    }
}
