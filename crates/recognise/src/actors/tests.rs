//! Tests of the actor catalogue: golden paragraphs, per-rule cases and data checks.

use super::*;
use std::collections::{BTreeMap, BTreeSet};

fn cat() -> ActorCatalogue {
    ActorCatalogue::embedded()
}

/// (surface text, canonical name) of every actor found, in order.
fn found(text: &str) -> Vec<(String, String)> {
    cat()
        .find(text)
        .into_iter()
        .map(|m| {
            let MentionValue::Actor(a) = m.value else {
                panic!("not an actor: {m:?}")
            };
            assert_eq!(&text[m.start..m.end], m.text);
            (m.text, a.name)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn golden_air_force_daily_report() {
    let text = "On the night of 14 March, Russia attacked Ukraine with 112 Shahed-type attack \
        drones and two Iskander-M ballistic missiles launched from Kursk Oblast, the Ukrainian \
        Air Force said on Telegram. The attack was repelled by aviation, anti-aircraft missile \
        troops, electronic warfare units and mobile fire groups of the Defence Forces of \
        Ukraine. Air Force spokesman Yuriy Ihnat said F-16 jets were involved, and the General \
        Staff reported that Russian troops had shelled Kharkiv Oblast overnight. Kharkiv Oblast \
        governor Oleh Syniehubov said two people were injured.";
    assert_eq!(
        found(text),
        pairs(&[
            ("Ukrainian Air Force", "Ukrainian Air Force"),
            ("Defence Forces of Ukraine", "Armed Forces of Ukraine"),
            ("Air Force spokesman Yuriy Ihnat", "Yuriy Ihnat"),
            (
                "General Staff",
                "General Staff of the Armed Forces of Ukraine"
            ),
            ("Russian troops", "Russian Armed Forces"),
            (
                "Kharkiv Oblast governor",
                "Kharkiv Regional Military Administration"
            ),
            ("Oleh Syniehubov", "Oleh Syniehubov"),
        ])
    );
}

#[test]
fn golden_russian_defence_ministry_claim() {
    let text = "Russia's Ministry of Defense claimed on Tuesday that air defence systems had \
        destroyed six ATACMS missiles over Bryansk region. \"Duty air defence forces destroyed \
        four US-made ATACMS operational-tactical missiles,\" the MoD said, adding that the \
        Russian Aerospace Forces had struck Ukrainian military airfields. The Russian Defence \
        Ministry also said units of the Battlegroup West had repelled attacks by Ukrainian \
        troops and foreign mercenaries near Kupiansk, while the governor of Bryansk region, \
        Alexander Bogomaz, reported no casualties.";
    assert_eq!(
        found(text),
        pairs(&[
            (
                "Russia's Ministry of Defense",
                "Russian Ministry of Defence"
            ),
            ("MoD", "Russian Ministry of Defence"),
            ("Russian Aerospace Forces", "Russian Aerospace Forces"),
            ("Ukrainian military", "Armed Forces of Ukraine"),
            ("Russian Defence Ministry", "Russian Ministry of Defence"),
            ("Battlegroup West", "Battlegroup West"),
            ("Ukrainian troops", "Armed Forces of Ukraine"),
            ("governor of Bryansk region", "Bryansk Oblast Government"),
            ("Alexander Bogomaz", "Alexander Bogomaz"),
        ])
    );
    let weak: Vec<bool> = cat().find_matches(text).iter().map(|m| m.weak).collect();
    assert_eq!(
        weak.iter().filter(|w| **w).count(),
        1,
        "only \"MoD\" is weak"
    );
}

#[test]
fn golden_agency_wire_with_spokespeople() {
    let text = "MOSCOW, June 3 (Reuters) - The Kremlin said on Monday it had not yet seen the \
        Ukrainian proposals. Kremlin spokesman Dmitry Peskov told reporters that President \
        Putin would decide. Russian Foreign Minister Sergei Lavrov said talks would continue, \
        while Ukrainian President Volodymyr Zelenskyy accused Moscow of stalling. U.S. \
        Secretary of State Marco Rubio spoke to Ukraine's foreign minister, the State \
        Department said. NATO Secretary General Mark Rutte and the UN nuclear watchdog IAEA \
        urged restraint, according to Ukrinform and the Kyiv Independent.";
    assert_eq!(
        found(text),
        pairs(&[
            ("Reuters", "Reuters"),
            ("Kremlin", "Kremlin"),
            ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
            ("President Putin", "Vladimir Putin"),
            ("Russian Foreign Minister", "Sergey Lavrov"),
            ("Sergei Lavrov", "Sergey Lavrov"),
            ("Ukrainian President", "Volodymyr Zelensky"),
            ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
            ("U.S. Secretary of State", "US State Department"),
            ("Marco Rubio", "Marco Rubio"),
            (
                "Ukraine's foreign minister",
                "Ministry of Foreign Affairs of Ukraine"
            ),
            ("State Department", "US State Department"),
            ("NATO Secretary General", "NATO"),
            ("Mark Rutte", "Mark Rutte"),
            ("UN nuclear watchdog", "International Atomic Energy Agency"),
            ("IAEA", "International Atomic Energy Agency"),
            ("Ukrinform", "Ukrinform"),
            ("Kyiv Independent", "Kyiv Independent"),
        ])
    );
}

#[test]
fn mentions_carry_kind_country_and_side() {
    let m = cat().find("Russia's Ministry of Defense said");
    let MentionValue::Actor(a) = &m[0].value else {
        panic!()
    };
    assert_eq!(a.kind, ActorKind::Institution);
    assert_eq!(a.country.as_deref(), Some("RU"));
    assert_eq!(a.side, Some(Side::Russia));
    let m = cat().find("according to the Kyiv Independent");
    let MentionValue::Actor(a) = &m[0].value else {
        panic!()
    };
    assert_eq!(a.kind, ActorKind::Media);
    assert!(cat().by_name("Kyiv Independent").unwrap().outlet);
}

#[test]
fn longest_match_wins() {
    assert_eq!(
        found("the General Staff of the Armed Forces of Ukraine reported"),
        pairs(&[(
            "General Staff of the Armed Forces of Ukraine",
            "General Staff of the Armed Forces of Ukraine"
        )])
    );
    assert_eq!(
        found("Russian General Staff chief"),
        pairs(&[(
            "Russian General Staff",
            "General Staff of the Russian Armed Forces"
        )])
    );
    assert_eq!(found("RBC-Ukraine reported")[0].1, "RBC-Ukraine");
    assert_eq!(
        found("US Air Force jets")[0].1,
        "United States Armed Forces"
    );
}

#[test]
fn possessives_and_spelling_variants() {
    for (text, name) in [
        (
            "Ukraine's General Staff",
            "General Staff of the Armed Forces of Ukraine",
        ),
        (
            "Russia\u{2019}s Ministry of Defence",
            "Russian Ministry of Defence",
        ),
        ("Russian Ministry of Defense", "Russian Ministry of Defence"),
        ("Russia's military", "Russian Armed Forces"),
        ("Ukraine's Air Force", "Ukrainian Air Force"),
        ("U.S. Embassy in Kyiv", "US Embassy in Kyiv"),
        ("Russia's MoD", "Russian Ministry of Defence"),
    ] {
        assert_eq!(found(text), pairs(&[(text, name)]), "{text}");
    }
}

#[test]
fn acronyms_are_case_sensitive() {
    assert_eq!(found("the AFU said").len(), 1);
    assert!(found("the afu said").is_empty());
    assert!(found("a popular game mod was released").is_empty());
    assert!(found("Modern armies").is_empty());
    assert_eq!(found("TASS reported")[0].1, "TASS");
    assert_eq!(found("the SBU said")[0].1, "Security Service of Ukraine");
    assert!(found("an unusual sbu").is_empty());
}

#[test]
fn names_respect_word_boundaries_and_prefixes() {
    assert_eq!(
        found("Putin's decree"),
        pairs(&[("Putin", "Vladimir Putin")])
    );
    assert!(found("Putinism is a doctrine").is_empty());
    assert!(found("pro-Russian forces seized the building").is_empty());
    assert!(found("anti-Ukrainian forces").is_empty());
    assert!(
        found("putin").is_empty(),
        "a capitalised name needs its capital"
    );
    assert_eq!(found("PUTIN SPEAKS")[0].1, "Vladimir Putin");
}

#[test]
fn demonym_and_force_noun_name_the_forces() {
    for (text, name) in [
        ("Russian forces", "Russian Armed Forces"),
        ("Russian occupiers", "Russian Armed Forces"),
        ("Ukrainian defenders", "Armed Forces of Ukraine"),
        ("Ukrainian army", "Armed Forces of Ukraine"),
        ("North Korean soldiers", "Korean People's Army"),
        ("Belarusian troops", "Armed Forces of Belarus"),
        ("US military", "United States Armed Forces"),
    ] {
        assert_eq!(found(text), pairs(&[(text, name)]), "{text}");
    }
}

#[test]
fn bare_states_and_capitals_are_not_reported_but_resolve() {
    let c = cat();
    assert!(found("Russia and Ukraine; Moscow and Kyiv; the US and the UK").is_empty());
    assert_eq!(c.resolve("Russia").unwrap().name, "Russia");
    assert_eq!(c.resolve("Russia").unwrap().kind, ActorKind::State);
    assert_eq!(c.resolve("Moscow").unwrap().name, "Russia");
    assert_eq!(c.resolve("Kyiv").unwrap().name, "Ukraine");
    assert_eq!(c.resolve("the US").unwrap().name, "United States");
    assert_eq!(
        c.resolve_as_force("Russia").unwrap().name,
        "Russian Armed Forces"
    );
    assert_eq!(
        c.resolve_as_force("Kyiv").unwrap().name,
        "Armed Forces of Ukraine"
    );
    assert_eq!(c.resolve_as_force("Peskov").unwrap().name, "Dmitry Peskov");
    assert_eq!(c.state_force("UA").unwrap().name, "Armed Forces of Ukraine");
    assert_eq!(c.state_force("ru").unwrap().name, "Russian Armed Forces");
    assert_eq!(c.state("BY").unwrap().name, "Belarus");
    assert!(c.state_force("ZZ").is_none());
    assert!(c.resolve("Atlantis").is_none());
    assert!(c.resolve("").is_none());
}

#[test]
fn spokespeople_map_to_their_institutions() {
    let c = cat();
    let peskov = c.resolve("the Kremlin spokesman").unwrap();
    assert_eq!(peskov.name, "Dmitry Peskov");
    assert_eq!(peskov.speaks_for.as_deref(), Some("Kremlin"));
    assert_eq!(c.institution_of(peskov).unwrap().name, "Kremlin");
    let ihnat = c.resolve("Ihnat").unwrap();
    assert_eq!(c.institution_of(ihnat).unwrap().name, "Ukrainian Air Force");
    let zakharova = c.by_name("Maria Zakharova").unwrap();
    assert_eq!(
        c.institution_of(zakharova).unwrap().name,
        "Russian Ministry of Foreign Affairs"
    );
}

#[test]
fn role_phrases_and_regional_authorities() {
    for (text, name) in [
        ("the Kremlin spokesman", "Dmitry Peskov"),
        ("Russia's foreign minister", "Sergey Lavrov"),
        ("the Russian leader", "Vladimir Putin"),
        ("Kyiv mayor", "Vitali Klitschko"),
        ("governor of Belgorod region", "Belgorod Oblast Government"),
        (
            "head of the Kharkiv Regional Military Administration",
            "Kharkiv Regional Military Administration",
        ),
        (
            "Odessa regional administration",
            "Odesa Regional Military Administration",
        ),
        (
            "Zaporizhzhia RMA",
            "Zaporizhzhia Regional Military Administration",
        ),
    ] {
        let got = found(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].1, name, "{text}");
    }
}

#[test]
fn role_phrases_after_former_do_not_name_the_holder() {
    assert_eq!(
        found("the Ukrainian president said")[0].1,
        "Volodymyr Zelensky"
    );
    assert!(found("former Ukrainian president Viktor Yushchenko").is_empty());
    assert!(found("the ex-Russian president").is_empty());
    assert_eq!(
        found("former Russian president Dmitry Medvedev"),
        pairs(&[(
            "former Russian president Dmitry Medvedev",
            "Dmitry Medvedev"
        )])
    );
    assert_eq!(
        found("former President Putin"),
        pairs(&[("President Putin", "Vladimir Putin")]),
        "names are not role phrases"
    );
}

#[test]
fn cyrillic_names_are_found() {
    assert_eq!(found("заявив Зеленський")[0].1, "Volodymyr Zelensky");
    assert_eq!(
        found("сообщили в Минобороны России")[0].1,
        "Russian Ministry of Defence"
    );
}

#[test]
fn catalogue_is_large_and_consistent() {
    let c = cat();
    assert!(c.entries().len() >= 250, "{} entries", c.entries().len());
    for e in c.entries() {
        assert!(!e.name.trim().is_empty());
        if let Some(cc) = &e.country {
            assert!(
                cc.len() == 2 && cc.chars().all(|ch| ch.is_ascii_uppercase()),
                "{cc}"
            );
        }
        if e.outlet {
            assert_eq!(e.kind, ActorKind::Media, "{}", e.name);
        }
        if e.force {
            assert!(
                c.state(e.country.as_deref().unwrap_or("")).is_some(),
                "{}",
                e.name
            );
        }
    }
    for kind in [
        ActorKind::State,
        ActorKind::ArmedForce,
        ActorKind::Person,
        ActorKind::Media,
    ] {
        assert!(
            c.entries().iter().filter(|e| e.kind == kind).count() >= 10,
            "{kind:?}"
        );
    }
}

#[test]
fn no_alias_names_two_actors() {
    // Written aliases, folded to lower case, must each name one actor.
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
    // Every written alias is findable as itself or resolves to its own entry.
    for e in c.entries() {
        for a in e
            .aliases
            .iter()
            .chain(e.weak.iter())
            .chain(e.resolve.iter())
        {
            let got = c.resolve(a).map(|x| x.name.as_str());
            assert_eq!(got, Some(e.name.as_str()), "alias {a:?}");
        }
    }
}

#[test]
fn bad_data_is_a_typed_error() {
    assert!(matches!(
        ActorCatalogue::from_json("x.json", "{"),
        Err(CatalogueError::Parse { .. })
    ));
    let dup = r#"{"role_blockers": [], "force_nouns": [], "possessives": {}, "region_templates": {}, "regions": [],
        "actors": [{"name": "A", "kind": "group"}, {"name": "A", "kind": "group"}]}"#;
    let err = ActorCatalogue::from_json("dup.json", dup).err().unwrap();
    assert!(err.to_string().contains("dup.json"), "{err}");
    let dangling = r#"{"role_blockers": [], "force_nouns": [], "possessives": {}, "region_templates": {}, "regions": [],
        "actors": [{"name": "A", "kind": "person", "speaks_for": "B"}]}"#;
    assert!(matches!(
        ActorCatalogue::from_json("d.json", dangling),
        Err(CatalogueError::Invalid { .. })
    ));
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(s in "\\PC{0,200}") {
        for m in cat().find(&s) {
            proptest::prop_assert!(s.get(m.start..m.end).is_some());
        }
    }

    #[test]
    fn never_panics_on_mixed_name_soup(s in "(Putin|Russia's|MoD|AFU|\\-|'|’| |s|x|Ukrainian|forces|General Staff|ї){0,40}") {
        for m in cat().find(&s) {
            proptest::prop_assert!(m.start < m.end && m.end <= s.len());
        }
    }
}

#[test]
fn a_weak_name_belongs_to_the_country_before_it() {
    assert_eq!(
        found("the UK's Ministry of Defence reported the city had fallen"),
        pairs(&[("UK's Ministry of Defence", "UK Ministry of Defence")])
    );
    assert_eq!(
        found("Britain's Ministry of Defence said"),
        pairs(&[("Britain's Ministry of Defence", "UK Ministry of Defence")])
    );
    // A country the catalogue has no ministry for: no actor rather than the wrong one.
    assert_eq!(found("Poland's Ministry of Defence said"), pairs(&[]));
    // The bare name keeps its default reading.
    assert_eq!(
        found("the Ministry of Defence said"),
        pairs(&[("Ministry of Defence", "Russian Ministry of Defence")])
    );
}

#[test]
fn collective_sources_are_actors() {
    assert_eq!(
        found("Ukrainian officials said; British officials added; Russian state media reported"),
        pairs(&[
            ("Ukrainian officials", "Ukrainian officials"),
            ("British officials", "UK officials"),
            ("Russian state media", "Russian media"),
        ])
    );
}
