//! Tests of the weapon catalogue: golden paragraphs, per-rule cases and data checks.

use super::*;
use std::collections::{BTreeMap, BTreeSet};

fn cat() -> WeaponCatalogue {
    WeaponCatalogue::embedded()
}

/// (surface text, canonical name) of every weapon found, in order.
fn found(text: &str) -> Vec<(String, String)> {
    cat()
        .find(text)
        .into_iter()
        .map(|m| {
            let MentionValue::Weapon(w) = m.value else {
                panic!("not a weapon: {m:?}")
            };
            assert_eq!(&text[m.start..m.end], m.text);
            (m.text, w.name)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn names(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(_, n)| n).collect()
}

#[test]
fn golden_air_force_daily_report() {
    let text = "On the night of 14 March, Russia attacked Ukraine with 112 Shahed-type attack \
        drones and decoy drones of various types, as well as two Iskander-M ballistic missiles \
        and four Kh-101 cruise missiles. Air defence shot down 87 Shaheds; 21 imitation drones \
        were lost in location. The attack was repelled by aviation, anti-aircraft missile \
        troops, electronic warfare units and mobile fire groups. F-16 jets and Mirage 2000 \
        fighters were involved.";
    assert_eq!(
        found(text),
        pairs(&[
            ("Shahed-type", "Shahed-136"),
            ("decoy drones", "decoy drone"),
            ("Iskander-M", "Iskander-M"),
            ("Kh-101", "Kh-101"),
            ("Air defence", "air defence"),
            ("Shaheds", "Shahed-136"),
            ("imitation drones", "decoy drone"),
            ("anti-aircraft missile", "air defence"),
            ("mobile fire groups", "air defence"),
            ("F-16", "F-16"),
            ("Mirage 2000", "Mirage 2000"),
        ])
    );
}

#[test]
fn golden_russian_defence_ministry_claim() {
    let text = "Air defence systems on duty intercepted and destroyed six US-made ATACMS \
        operational-tactical missiles, four Storm Shadow cruise missiles, nine HIMARS rockets \
        and 44 Ukrainian fixed-wing drones over Belgorod and Kursk regions, the MoD said. In \
        response, Russian forces struck Ukrainian military airfields with Kinzhal hypersonic \
        missiles and Kalibr sea-launched cruise missiles, destroying a Patriot launcher, two \
        Leopard tanks and a HIMARS launcher. Tu-95MS strategic bombers took part.";
    assert_eq!(
        found(text),
        pairs(&[
            ("Air defence systems", "air defence"),
            ("ATACMS", "ATACMS"),
            ("Storm Shadow", "Storm Shadow"),
            ("HIMARS", "HIMARS"),
            ("drones", "drone"),
            ("Kinzhal", "Kinzhal"),
            ("Kalibr", "Kalibr"),
            ("Patriot", "Patriot"),
            ("Leopard", "Leopard 2"),
            ("HIMARS", "HIMARS"),
            ("Tu-95MS", "Tu-95"),
        ])
    );
}

#[test]
fn golden_agency_wire() {
    let text = "KYIV, Aug 2 (Reuters) - Russia struck Kyiv overnight with missiles and drones, \
        killing at least six people, officials said. Ukraine's air force said it had downed 27 \
        of 32 drones and one Kh-47M2 Kinzhal missile. A glide bomb also hit Kharkiv, and Grad \
        rockets and artillery pounded Kherson, the regional governor said. Police found planted \
        explosives near a railway line. Elsewhere a Stalingrad-themed exhibit, a Tor browser \
        user and a Caesar salad were unaffected.";
    assert_eq!(
        found(text),
        pairs(&[
            ("missiles", "missile"),
            ("drones", "drone"),
            ("drones", "drone"),
            ("Kh-47M2 Kinzhal", "Kinzhal"),
            ("glide bomb", "glide bomb"),
            ("Grad", "Grad"),
            ("artillery", "artillery"),
            ("planted explosives", "explosives"),
        ])
    );
}

#[test]
fn mentions_carry_class_origin_and_generic_flag() {
    let m = cat().find("American-made ATACMS missiles");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].text, "ATACMS");
    let MentionValue::Weapon(w) = &m[0].value else {
        panic!()
    };
    assert_eq!(w.class, WeaponClass::BallisticMissile);
    assert_eq!(w.origin.as_deref(), Some("US"));
    assert!(!w.generic);
    let m = cat().find("two cruise missiles");
    let MentionValue::Weapon(w) = &m[0].value else {
        panic!()
    };
    assert_eq!(
        (w.name.as_str(), w.class, w.generic),
        ("cruise missile", WeaponClass::CruiseMissile, true)
    );
    let v = serde_json::to_value(&m[0]).unwrap();
    assert_eq!(v["value"]["class"], "cruise_missile");
    assert_eq!(v["value"]["generic"], true);
}

#[test]
fn designation_spellings() {
    for text in [
        "Kh-101",
        "Kh101",
        "Kh 101",
        "X-101",
        "Х-101",
        "Kh\u{2013}101",
    ] {
        assert_eq!(names(text), vec!["Kh-101"], "{text}");
    }
    assert_eq!(names("S300 and S-400"), vec!["S-300", "S-400"]);
    assert_eq!(names("Kh-55 and Kh-555"), vec!["Kh-55", "Kh-555"]);
    assert_eq!(names("the Tu-22M3 bomber"), vec!["Tu-22M3"]);
    assert!(names("A 50-year-old man").is_empty());
    assert_eq!(names("an A-50 radar plane"), vec!["A-50"]);
}

#[test]
fn plurals_join_the_span() {
    assert_eq!(found("two Iskanders"), pairs(&[("Iskanders", "Iskander")]));
    assert_eq!(found("F-16s arrived"), pairs(&[("F-16s", "F-16")]));
    assert_eq!(found("ATACMS missiles"), pairs(&[("ATACMS", "ATACMS")]));
    assert_eq!(found("Grads fired"), pairs(&[("Grads", "Grad")]));
    assert_eq!(found("Shaheds"), pairs(&[("Shaheds", "Shahed-136")]));
}

#[test]
fn longest_match_wins() {
    assert_eq!(names("a Buk-M2 launcher"), vec!["Buk-M2"]);
    assert_eq!(names("a Buk launcher"), vec!["Buk"]);
    assert_eq!(names("Iskander-K"), vec!["Iskander-K"]);
    assert_eq!(names("Long Neptune"), vec!["Long Neptune"]);
    assert_eq!(names("Neptune"), vec!["Neptune"]);
    assert_eq!(
        names("air-launched cruise missiles"),
        vec!["cruise missile"]
    );
}

#[test]
fn capitalised_names_need_their_capital() {
    assert!(names("a buk in the forest").is_empty());
    assert!(names("the grad student").is_empty());
    assert!(names("neptune is far").is_empty());
    assert!(names("the battle of Stalingrad and Petrograd").is_empty());
}

#[test]
fn context_aliases_need_a_trigger_nearby() {
    assert!(names("Users of the Tor browser were affected").is_empty());
    assert_eq!(names("a Tor air defence system was hit"), vec!["Tor"]);
    assert!(names("Hawk said the talks were over").is_empty());
    assert_eq!(
        names("Spain sent more Hawk launchers and missiles"),
        vec!["Hawk", "missile"]
    );
    assert_eq!(names("HAWK"), vec!["Hawk"]);
    assert!(names("Caesar said").is_empty());
    assert_eq!(names("French Caesar howitzers"), vec!["Caesar"]);
    assert_eq!(names("two Caesar self-propelled guns"), vec!["Caesar"]);
    assert!(names("Krab is a restaurant").is_empty());
    assert_eq!(names("a Polish Krab howitzer"), vec!["Krab"]);
    assert!(names("Bars and cafes reopened").is_empty());
    assert_eq!(names("Bars drones hit the refinery"), vec!["Bars"]);
    assert!(names("The Lancet published a study").is_empty());
    assert_eq!(names("a Lancet loitering munition"), vec!["Lancet"]);
    assert!(names("Osa was the first to arrive").is_empty());
}

#[test]
fn generic_words_after_a_system_describe_it() {
    assert_eq!(names("Kh-101 cruise missiles"), vec!["Kh-101"]);
    assert_eq!(
        names("Shahed-136 and Geran-2 attack drones"),
        vec!["Shahed-136", "Shahed-136"]
    );
    assert_eq!(
        names("cruise missiles and Kalibrs"),
        vec!["cruise missile", "Kalibr"]
    );
    assert_eq!(names("S-300 anti-aircraft guided missiles"), vec!["S-300"]);
    assert_eq!(
        names("Kalibr missiles, and later more missiles"),
        vec!["Kalibr", "missile"],
        "a generic word further on is its own mention"
    );
}

#[test]
fn cyrillic_names_are_found() {
    assert_eq!(names("атакував Герань-2"), vec!["Shahed-136"]);
    assert_eq!(names("запущено Калібр"), vec!["Kalibr"]);
    assert_eq!(names("ракета"), vec!["missile"]);
    assert_eq!(names("Х-101 і Х-555"), vec!["Kh-101", "Kh-555"]);
}

#[test]
fn resolve_maps_surface_forms() {
    let c = cat();
    assert_eq!(c.resolve("X-101").unwrap().name, "Kh-101");
    assert_eq!(c.resolve("Shaheds").unwrap().name, "Shahed-136");
    assert_eq!(c.resolve("Geran-2").unwrap().name, "Shahed-136");
    assert_eq!(c.resolve("SCALP-EG").unwrap().name, "Storm Shadow");
    assert!(c.resolve("banana").is_none());
    assert_eq!(c.by_name("ATACMS").unwrap().origin.as_deref(), Some("US"));
}

#[test]
fn catalogue_is_large_and_consistent() {
    let c = cat();
    let named = c.entries().iter().filter(|e| !e.generic).count();
    assert!(named >= 100, "{named} named systems");
    for e in c.entries() {
        if let Some(o) = &e.origin {
            assert!(
                o.len() == 2 && o.chars().all(|ch| ch.is_ascii_uppercase()),
                "{o}"
            );
        }
        if e.generic {
            assert!(e.origin.is_none(), "{}", e.name);
        }
    }
    for class in [
        WeaponClass::CruiseMissile,
        WeaponClass::BallisticMissile,
        WeaponClass::AttackDrone,
        WeaponClass::AirDefence,
        WeaponClass::Artillery,
        WeaponClass::Tank,
        WeaponClass::Aircraft,
        WeaponClass::GlideBomb,
    ] {
        assert!(
            c.entries().iter().any(|e| e.class == class && !e.generic),
            "{class:?}"
        );
        assert!(
            c.entries().iter().any(|e| e.class == class && e.generic),
            "{class:?}"
        );
    }
}

#[test]
fn no_alias_names_two_weapons() {
    let mut owners: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let c = cat();
    for (form, name, explicit) in c.surface_forms() {
        if explicit {
            owners.entry(form.to_lowercase()).or_default().insert(name);
        }
    }
    let clashes: Vec<_> = owners.iter().filter(|(_, v)| v.len() > 1).collect();
    assert!(clashes.is_empty(), "{clashes:?}");
    // The matcher only tries word starts, so every surface form must begin with a letter or
    // digit.
    for (form, name, _) in c.surface_forms() {
        assert!(
            form.chars().next().is_some_and(char::is_alphanumeric),
            "{form:?} ({name})"
        );
    }
    for e in c.entries() {
        for a in e.aliases.iter().chain(e.context_aliases.iter()) {
            assert_eq!(
                c.resolve(a).map(|x| x.name.as_str()),
                Some(e.name.as_str()),
                "{a:?}"
            );
        }
    }
}

#[test]
fn bad_data_is_a_typed_error() {
    assert!(matches!(
        WeaponCatalogue::from_json("w.json", "[]"),
        Err(CatalogueError::Parse { .. })
    ));
    let unknown_context = r#"{"context_window": 5, "designation_prefixes": {}, "contexts": {},
        "weapons": [{"name": "Hawk", "class": "air_defence", "context_aliases": ["Hawk"],
        "context": "nowhere"}]}"#;
    let err = WeaponCatalogue::from_json("w.json", unknown_context)
        .err()
        .unwrap();
    assert!(err.to_string().contains("nowhere"), "{err}");
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(s in "\\PC{0,200}") {
        for m in cat().find(&s) {
            proptest::prop_assert!(s.get(m.start..m.end).is_some());
        }
    }

    #[test]
    fn never_panics_on_designation_soup(s in "(Kh|Х|-|–|101|s| |Shahed|drones|Tor|air defence|ї|S-300){0,40}") {
        for m in cat().find(&s) {
            proptest::prop_assert!(m.start < m.end && m.end <= s.len());
        }
    }
}
