//! Tests of place recognition on sentences written in the manner of wire reports.

use super::load::NameSet;
use super::words::*;
use super::*;

fn gaz() -> Gazetteer {
    Gazetteer::embedded()
}

fn places(text: &str) -> Vec<(String, Place)> {
    gaz()
        .find(text, &[])
        .into_iter()
        .filter_map(|m| match m.value {
            MentionValue::Place(p) => Some((m.text, p)),
            MentionValue::PlaceContext(_) => None,
            other => panic!("not a place: {other:?}"),
        })
        .collect()
}

/// The place mentioned by exactly `surface` in `text`.
fn place_for(text: &str, surface: &str) -> Place {
    let found = places(text);
    found
        .iter()
        .find(|(t, _)| t == surface)
        .map(|(_, p)| p.clone())
        .unwrap_or_else(|| panic!("no place {surface:?} in {found:?}"))
}

fn km(p: &Place, lat: f64, lon: f64) -> f64 {
    haversine_km(p.lat, p.lon, lat, lon)
}

fn assert_near(p: &Place, lat: f64, lon: f64, max_km: f64) {
    let d = km(p, lat, lon);
    assert!(
        d <= max_km,
        "{} ({}, {}) is {d:.0} km from ({lat}, {lon})",
        p.name,
        p.lat,
        p.lon
    );
}

const ATACMS: &str = "KYIV, Ukraine — Ukraine fired six ATACMS missiles at a military facility in \
Russia's Bryansk region early on Tuesday, the Russian Defence Ministry said, adding that air \
defences shot down five and damaged one. Debris fell near Russia's Bryansk airport and caused a \
fire at the Karachev facility. Officials in Kyiv did not comment. Earlier, drones struck the \
Kursk Region and Belgorod, while Russian forces shelled Kherson and pressed toward Pokrovsk in \
the Donetsk Oblast.";

const KYIV_ATTACK: &str = "Russia launched one of its largest combined attacks on Kyiv overnight \
in June 2025, firing drones and missiles at the capital and the Kyiv region, Ukrainian officials \
said. Debris fell in several districts of Kiev, and fires broke out near Odessa and in Kharkiv \
oblast. In Warsaw, Poland scrambled jets. President Volodymyr Zelensky said the attack showed \
Moscow had no interest in peace. Danish Prime Minister Mette Frederiksen condemned the strike, \
The Moscow Times reported.";

#[test]
fn embedded_gazetteer_loads_with_every_feature() {
    let g = gaz();
    assert_eq!(g.skipped_lines(), 0);
    let c = g.counts();
    assert!(c[&Feature::Country] > 200, "{c:?}");
    assert!(c[&Feature::Admin1] > 3000, "{c:?}");
    assert!(c[&Feature::City] > 30000, "{c:?}");
    assert!(c[&Feature::Airport] > 1000, "{c:?}");
}

#[test]
fn bad_files_are_typed_errors() {
    assert!(matches!(
        Gazetteer::from_gz("x", b"not gzip"),
        Err(GazetteerError::Gzip { .. })
    ));
    assert!(Data::from_tsv("x", "wrong header\n").is_err());
    let d = Data::from_tsv(
        "x",
        "#sitrep-gazetteer\t1\nP\tbroken\nP\tid:1\tA\tcity\tUA\t\tx\t1\t0\tA\n",
    )
    .unwrap();
    assert_eq!(d.skipped_lines, 2);
    assert!(d.records.is_empty());
}

#[test]
fn golden_atacms_article() {
    let kyiv = place_for(ATACMS, "Kyiv");
    assert_near(&kyiv, 50.45, 30.52, 25.0);
    assert_eq!(kyiv.id, "geonames:703448");
    assert_eq!(kyiv.admin1.as_deref(), Some("Kyiv City"));
    let region = place_for(ATACMS, "Bryansk region");
    assert_eq!(region.feature, Feature::Admin1);
    assert_eq!(region.name, "Bryansk Oblast");
    assert_near(&region, 52.9, 33.4, 150.0);
    let airport = place_for(ATACMS, "Bryansk airport");
    assert_eq!(airport.feature, Feature::Airport);
    assert_near(&airport, 53.214, 34.176, 25.0);
    let kursk = place_for(ATACMS, "the Kursk Region");
    assert_eq!(kursk.feature, Feature::Admin1);
    assert_near(&kursk, 51.7, 36.1, 150.0);
    assert_near(&place_for(ATACMS, "Kherson"), 46.64, 32.62, 25.0);
    assert_near(&place_for(ATACMS, "Belgorod"), 50.61, 36.58, 25.0);
    let pokrovsk = place_for(ATACMS, "Pokrovsk");
    assert_eq!(pokrovsk.country.as_deref(), Some("UA"));
    let donetsk = place_for(ATACMS, "the Donetsk Oblast");
    assert_eq!(donetsk.feature, Feature::Admin1);
    assert_near(&donetsk, 48.0, 37.8, 150.0);
    assert_eq!(place_for(ATACMS, "Russia").feature, Feature::Country);
    // Demonyms are not places.
    assert!(places(ATACMS).iter().all(|(t, _)| t != "Russian"));
}

#[test]
fn golden_kyiv_attack_article() {
    let found = places(KYIV_ATTACK);
    let kyiv = place_for(KYIV_ATTACK, "Kyiv");
    assert_near(&kyiv, 50.45, 30.52, 25.0);
    assert_eq!(place_for(KYIV_ATTACK, "Kiev").id, kyiv.id);
    let region = place_for(KYIV_ATTACK, "the Kyiv region");
    assert_eq!(region.name, "Kyiv Oblast");
    assert_eq!(region.feature, Feature::Admin1);
    assert_near(&region, 50.05, 30.77, 150.0);
    let odesa = place_for(KYIV_ATTACK, "Odessa");
    assert_eq!(odesa.country.as_deref(), Some("UA"));
    assert_eq!(odesa.name, "Odesa");
    assert_eq!(
        place_for(KYIV_ATTACK, "Kharkiv oblast").name,
        "Kharkiv Oblast"
    );
    assert_near(&place_for(KYIV_ATTACK, "Warsaw"), 52.23, 21.01, 25.0);
    assert_eq!(
        place_for(KYIV_ATTACK, "Moscow").country.as_deref(),
        Some("RU")
    );
    for not_place in [
        "Zelensky",
        "Volodymyr Zelensky",
        "Frederiksen",
        "Mette Frederiksen",
        "Danish",
        "Ukrainian",
    ] {
        assert!(
            found.iter().all(|(t, _)| t != not_place),
            "{not_place} found in {found:?}"
        );
    }
    // "The Moscow Times" is a newspaper: only the Moscow of "Moscow had" is a place.
    let moscows: Vec<_> = gaz()
        .find(KYIV_ATTACK, &[])
        .into_iter()
        .filter(|m| m.text == "Moscow")
        .collect();
    assert_eq!(moscows.len(), 1);
    assert!(moscows[0].start < KYIV_ATTACK.find("The Moscow Times").unwrap());
}

#[test]
fn spellings_share_one_record() {
    let g = gaz();
    let id = |n: &str| {
        g.lookup(n)
            .map(|p| p.id)
            .unwrap_or_else(|| panic!("no record for {n}"))
    };
    for group in [
        &["Kyiv", "Kiev", "Київ", "Киев"][..],
        &["Odesa", "Odessa", "Одеса", "Одесса"],
        &["Kharkiv", "Kharkov", "Харків", "Харьков"],
        &["Mykolaiv", "Nikolaev", "Nikolayev"],
        &["Zaporizhzhia", "Zaporozhye"],
        &["Chornobyl", "Chernobyl"],
    ] {
        let first = id(group[0]);
        for n in &group[1..] {
            assert_eq!(id(n), first, "{n} vs {}", group[0]);
        }
    }
}

#[test]
fn former_names_resolve_in_context() {
    let text = "Ukraine said its troops held Bakhmut, the town Russia still calls Artemovsk.";
    assert_eq!(
        place_for(text, "Artemovsk").id,
        place_for(text, "Bakhmut").id
    );
    assert_eq!(place_for(text, "Bakhmut").country.as_deref(), Some("UA"));
}

#[test]
fn cyrillic_text_resolves() {
    let text = "Уночі ворог атакував Київ, Харків та Одесу. Москва заявила про удар. В Одесі пожежа, Одеса без світла.";
    let found = places(text);
    let names: Vec<&str> = found.iter().map(|(_, p)| p.name.as_str()).collect();
    for want in ["Kyiv", "Kharkiv", "Moscow", "Odesa"] {
        assert!(names.contains(&want), "{want} not in {names:?}");
    }
}

#[test]
fn region_phrase_resolves_to_admin1() {
    for (text, surface, name) in [
        (
            "Drones hit the Kyiv region overnight.",
            "the Kyiv region",
            "Kyiv Oblast",
        ),
        (
            "Shelling was reported in Bryansk region.",
            "Bryansk region",
            "Bryansk Oblast",
        ),
        (
            "Two were hurt in Donetsk Oblast.",
            "Donetsk Oblast",
            "Donetsk Oblast",
        ),
        (
            "Fighting continues in Kharkiv oblast.",
            "Kharkiv oblast",
            "Kharkiv Oblast",
        ),
        (
            "Russia attacked Russia's Kursk Region.",
            "Kursk Region",
            "Kursk Oblast",
        ),
        (
            "Troops advanced in the Kharkiv direction.",
            "the Kharkiv direction",
            "Kharkiv Oblast",
        ),
        (
            "Officials in Bryansk Oblast said.",
            "Bryansk Oblast",
            "Bryansk Oblast",
        ),
        (
            "Strikes hit the Zaporizhzhia region again.",
            "the Zaporizhzhia region",
            "Zaporizhzhia Oblast",
        ),
        (
            "Shelling in the Belgorod region killed two.",
            "the Belgorod region",
            "Belgorod Oblast",
        ),
        (
            "Kherson region authorities said.",
            "Kherson region",
            "Kherson Oblast",
        ),
    ] {
        let p = place_for(text, surface);
        assert_eq!(p.name, name, "{text}");
        assert_eq!(p.feature, Feature::Admin1, "{text}");
    }
}

#[test]
fn cyrillic_region_adjectives_resolve_to_admin1() {
    for (text, surface, name) in [
        (
            "Удар по Харківській області.",
            "Харківській області",
            "Kharkiv Oblast",
        ),
        (
            "Харківська область під обстрілом.",
            "Харківська область",
            "Kharkiv Oblast",
        ),
        (
            "Губернатор Брянской области сообщил.",
            "Брянской области",
            "Bryansk Oblast",
        ),
        (
            "В Курской области сбиты дроны.",
            "Курской области",
            "Kursk Oblast",
        ),
        (
            "Одеська область без світла.",
            "Одеська область",
            "Odesa Oblast",
        ),
        (
            "Атака на Донецьку область.",
            "Донецьку область",
            "Donetsk Oblast",
        ),
        (
            "Вибухи на Харківщині та Сумщині.",
            "Харківщині",
            "Kharkiv Oblast",
        ),
        ("Вибухи на Харківщині та Сумщині.", "Сумщині", "Sumy Oblast"),
        ("Ситуація на Київщині стабільна.", "Київщині", "Kyiv Oblast"),
    ] {
        let p = place_for(text, surface);
        assert_eq!(p.name, name, "{text}");
        assert_eq!(p.feature, Feature::Admin1);
    }
}

#[test]
fn region_centroids_are_near_real_centres() {
    let g = gaz();
    for (name, lat, lon) in [
        ("Bryansk Oblast", 52.9, 33.4),
        ("Kyiv Oblast", 50.05, 30.77),
        ("Kherson Oblast", 46.75, 33.3),
        ("Donetsk Oblast", 48.0, 37.8),
        ("Belgorod Oblast", 50.7, 37.4),
        ("Kursk Oblast", 51.6, 36.1),
        ("Zaporizhzhia Oblast", 47.5, 35.8),
        ("Kharkiv Oblast", 49.5, 36.5),
        ("Luhansk Oblast", 48.9, 39.1),
        ("Sumy Oblast", 50.9, 34.0),
    ] {
        let p = g.lookup(name).unwrap_or_else(|| panic!("no {name}"));
        assert_eq!(p.feature, Feature::Admin1, "{name}");
        assert_near(&p, lat, lon, 150.0);
    }
}

#[test]
fn plural_region_lists_are_regions() {
    let text = "Attacks hit the Kharkiv and Sumy regions overnight.";
    let found = places(text);
    assert!(
        found
            .iter()
            .any(|(t, p)| t == "Kharkiv" && p.name == "Kharkiv Oblast"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(_, p)| p.name == "Sumy Oblast"),
        "{found:?}"
    );
}

#[test]
fn airport_phrase_resolves_to_airport() {
    for (text, surface, lat, lon) in [
        (
            "A drone fell near Russia's Bryansk airport.",
            "Bryansk airport",
            53.214,
            34.176,
        ),
        (
            "Smoke rose over Bryansk airfield.",
            "Bryansk airfield",
            53.214,
            34.176,
        ),
        (
            "Satellite images show Engels air base after the strike.",
            "Engels air base",
            51.47,
            46.2,
        ),
        (
            "Blasts were heard at the Saky airfield in Crimea.",
            "Saky airfield",
            45.09,
            33.6,
        ),
        (
            "Drones targeted Morozovsk air base overnight.",
            "Morozovsk air base",
            48.31,
            41.79,
        ),
    ] {
        let p = place_for(text, surface);
        assert_eq!(p.feature, Feature::Airport, "{text}");
        assert_near(&p, lat, lon, 25.0);
    }
}

#[test]
fn context_country_disambiguates() {
    let ua = "Ukraine's southern port of Odessa came under attack.";
    assert_eq!(place_for(ua, "Odessa").country.as_deref(), Some("UA"));
    let us = "Oil prices in Odessa, Texas, rose as drilling in the United States slowed.";
    assert_eq!(place_for(us, "Odessa").country.as_deref(), Some("US"));
    let paris = "Leaders met in Paris on Monday.";
    assert_eq!(place_for(paris, "Paris").country.as_deref(), Some("FR"));
}

#[test]
fn population_breaks_ties() {
    // Several Ukrainian towns are called Mykolaiv; the oblast centre is the one meant.
    let p = place_for("Missiles hit Mykolaiv, Ukraine, on Sunday.", "Mykolaiv");
    assert_near(&p, 46.97, 32.0, 25.0);
}

#[test]
fn proximity_breaks_remaining_ties() {
    // Two Ukrainian villages are called Borova: the larger near Kyiv, the other near Kupiansk,
    // on the front line, which comes first when nothing else tells them apart.
    let g = gaz();
    let alone = g.lookup("Borova").expect("Borova");
    assert_near(&alone, 49.38, 37.62, 25.0);
    let text = "Shelling hit Borova near Kyiv and Borova near Kupiansk, officials said.";
    let found = places(text);
    let borovas: Vec<&Place> = found
        .iter()
        .filter(|(t, _)| t == "Borova")
        .map(|(_, p)| p)
        .collect();
    assert_eq!(borovas.len(), 2, "{found:?}");
    assert_near(borovas[0], 50.18, 30.10, 25.0);
    assert_near(borovas[1], 49.38, 37.62, 25.0);
    let text = "Russian troops advanced near Borova, south of Kupiansk, the General Staff said.";
    let p = place_for(text, "Borova");
    assert_near(&p, 49.38, 37.62, 25.0);
    assert_eq!(p.admin1.as_deref(), Some("Kharkiv Oblast"));
}

#[test]
fn focus_prior_prefers_the_war_zone_without_context() {
    let g = gaz();
    let p = g.lookup("Pokrovsk").expect("Pokrovsk");
    assert_eq!(p.country.as_deref(), Some("UA"));
}

#[test]
fn person_names_are_not_places() {
    let text = "Kremlin spokesman Dmitry Peskov and Foreign Minister Sergei Lavrov spoke after \
US Defense Secretary Lloyd Austin met Mette Frederiksen and President Zelensky.";
    let found = places(text);
    for (t, _) in &found {
        assert!(
            ![
                "Peskov",
                "Lavrov",
                "Austin",
                "Frederiksen",
                "Zelensky",
                "Kremlin"
            ]
            .contains(&t.as_str()),
            "{found:?}"
        );
    }
}

#[test]
fn first_names_before_surnames_are_not_places() {
    let text = "Vladimir Putin spoke to Antony Blinken, wrote Tyler Durden from Kyiv.";
    let found = places(text);
    let surfaces: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(surfaces, ["Kyiv"]);
}

#[test]
fn common_words_inside_longer_names_are_not_places() {
    let text =
        "The European Union and the Soviet Union were compared; the Ukrainian Capital Burning \
headline ran in March in Ukraine, officials in the West said.";
    let found = places(text);
    let surfaces: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(surfaces, ["Ukraine"]);
}

#[test]
fn translated_alternate_names_are_not_places() {
    assert!(places("Officials at the White House said.").is_empty());
}

#[test]
fn a_surname_seen_once_is_a_surname_throughout() {
    let text = "Representative Mike Rogers met officials in Kyiv. Rogers said aid would continue.";
    let found = places(text);
    let surfaces: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(surfaces, ["Kyiv"]);
}

#[test]
fn small_places_that_speak_are_people() {
    let found = places("Later, Logan told reporters in Kharkiv that the front held.");
    let surfaces: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(surfaces, ["Kharkiv"]);
}

#[test]
fn short_words_in_capitals_are_abbreviations() {
    let found = places("HOW TO READ THE EST FIGURES FROM KYIV");
    let surfaces: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(surfaces, ["KYIV"]);
}

#[test]
fn cyrillic_common_words_are_not_places() {
    let found = places("Они сказали, что Дом и Свободное слово важны. Так считает Москва.");
    let names: Vec<&str> = found.iter().map(|(_, p)| p.name.as_str()).collect();
    assert_eq!(names, ["Moscow"]);
}

#[test]
fn crimea_in_cyrillic_is_the_region() {
    let p = place_for("Удар по Криму та Херсону. Крым под обстрелом.", "Крым");
    assert_eq!(p.name, "Crimea");
    assert_eq!(p.feature, Feature::Admin1);
}

#[test]
fn newspapers_are_not_places() {
    let text = "The Kyiv Independent and the Kyiv Post cited The Moscow Times.";
    assert!(places(text).is_empty(), "{:?}", places(text));
}

#[test]
fn ships_and_weapons_named_after_places_are_not_places() {
    let text =
        "The Moskva cruiser sank after two Neptune missiles hit it; Iskander missiles were fired \
from the cruiser Moskva's sister ship.";
    let found = places(text);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn weapon_words_do_not_hide_cities_the_text_is_about() {
    let text = "A Kyiv missile attack and a Sumy drone strike were reported; Iskander ballistic \
missiles and Tomahawk cruise missiles were discussed.";
    let found = places(text);
    let surfaces: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(surfaces, ["Kyiv", "Sumy"]);
}

#[test]
fn taken_spans_are_never_places() {
    let text = "Iskander struck Kharkiv.";
    let taken = [Span::new(0, "Iskander".len())];
    let found = gaz().find(text, &taken);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "Kharkiv");
}

#[test]
fn common_words_at_sentence_start_are_not_places() {
    let text =
        "Will the talks succeed? Mobile networks were down. Reading the statement, he paused.";
    let found = places(text);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn lower_case_words_are_not_places() {
    let text = "the mobile unit was reading a will near the split bridge.";
    assert!(places(text).is_empty());
}

#[test]
fn demonyms_are_not_places_but_countries_are() {
    let text = "Russian and Ukrainian officials met; Russia, Ukraine and Crimea were discussed.";
    let found = places(text);
    let surfaces: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(surfaces, ["Russia", "Ukraine", "Crimea"]);
    assert_eq!(found[2].1.feature, Feature::Admin1);
}

#[test]
fn possessives_and_curly_apostrophes() {
    let p = place_for("Russia’s Bryansk region", "Bryansk region");
    assert_eq!(p.name, "Bryansk Oblast");
    let found = places("Ukraine’s army held Kharkiv's outskirts.");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[1].0, "Kharkiv");
}

#[test]
fn spans_are_byte_offsets() {
    let text = "Уночі ворог атакував Київ.";
    let m = gaz().find(text, &[]);
    assert_eq!(m.len(), 1);
    assert_eq!(&text[m[0].start..m[0].end], "Київ");
    assert_eq!(m[0].text, "Київ");
}

#[test]
fn war_news_towns_resolve_near_their_coordinates() {
    // Reference coordinates (town centres) checked against the gazetteer records.
    let towns: &[(&str, f64, f64)] = &[
        ("Pokrovsk", 48.28, 37.18),
        ("Avdiivka", 48.14, 37.75),
        ("Sumy", 50.91, 34.80),
        ("Dnipro", 48.46, 35.04),
        ("Kramatorsk", 48.72, 37.56),
        ("Sloviansk", 48.85, 37.60),
        ("Belgorod", 50.61, 36.58),
        ("Kursk", 51.73, 36.19),
        ("Sudzha", 51.19, 35.27),
        ("Engels", 51.50, 46.12),
        ("Novorossiysk", 44.72, 37.77),
        ("Sevastopol", 44.60, 33.52),
        ("Kerch", 45.36, 36.47),
        ("Toretsk", 48.40, 37.85),
        ("Vuhledar", 47.78, 37.25),
        ("Kupiansk", 49.71, 37.62),
        ("Huliaipole", 47.66, 36.26),
        ("Nikopol", 47.57, 34.40),
        ("Lviv", 49.84, 24.03),
        ("Izmail", 45.35, 28.84),
        ("Shebekino", 50.41, 36.90),
        ("Millerovo", 48.92, 40.40),
        ("Morozovsk", 48.35, 41.83),
        ("Yeysk", 46.71, 38.27),
        ("Saky", 45.13, 33.60),
        ("Mariupol", 47.10, 37.54),
        ("Chornobyl", 51.27, 30.22),
        ("Chernobyl", 51.27, 30.22),
        ("Kherson", 46.64, 32.62),
        ("Zaporizhzhia", 47.84, 35.14),
        ("Melitopol", 46.85, 35.37),
        ("Bakhmut", 48.59, 38.00),
    ];
    for (name, lat, lon) in towns {
        let text =
            format!("Russian forces struck {name} in Ukraine's war on Tuesday, officials said.");
        let p = place_for(&text, name);
        assert_near(&p, *lat, *lon, 25.0);
        assert_ne!(p.feature, Feature::Admin1, "{name}");
    }
}

#[test]
fn lookup_helpers() {
    let g = gaz();
    let kyiv = g.by_id("geonames:703448").expect("Kyiv by id");
    assert_eq!(kyiv.name, "Kyiv");
    let bryansk = g.lookup("Bryansk").expect("Bryansk");
    assert_eq!(bryansk.feature, Feature::City);
    let region = g.admin1_of(&bryansk).expect("Bryansk's region");
    assert_eq!(region.name, "Bryansk Oblast");
    assert_eq!(region.feature, Feature::Admin1);
    assert_eq!(bryansk.admin1.as_deref(), Some("Bryansk Oblast"));
    let ua = g.country("ua").expect("Ukraine");
    assert_eq!(ua.name, "Ukraine");
    assert_eq!(ua.feature, Feature::Country);
    assert!(g.admin1_of(&ua).is_none());
    assert_eq!(
        g.lookup("Bryansk region").map(|p| p.name),
        Some("Bryansk Oblast".to_string())
    );
    assert_eq!(
        g.lookup("Bryansk airport").map(|p| p.feature),
        Some(Feature::Airport)
    );
    assert!(g.lookup("Zelensky").is_none());
    assert!(g.by_id("geonames:0").is_none());
}

#[test]
fn mentions_do_not_overlap_and_fit_the_text() {
    let text = format!("{ATACMS}\n{KYIV_ATTACK}");
    let m = gaz().find(&text, &[]);
    let places: Vec<&Mention> = m
        .iter()
        .filter(|m| matches!(m.value, MentionValue::Place(_)))
        .collect();
    for w in places.windows(2) {
        assert!(w[0].end <= w[1].start, "{:?} overlaps {:?}", w[0], w[1]);
    }
    for x in &m {
        assert_eq!(&text[x.start..x.end], x.text);
    }
    // A place's context follows it, with its span and its id.
    for w in m.windows(2) {
        if let (MentionValue::Place(p), MentionValue::PlaceContext(c)) = (&w[0].value, &w[1].value)
        {
            assert_eq!((w[0].start, w[0].end, &p.id), (w[1].start, w[1].end, &c.id));
        }
    }
    assert!(!matches!(m[0].value, MentionValue::PlaceContext(_)));
}

proptest::proptest! {
    #[test]
    fn find_never_panics(s in "\\PC{0,200}") {
        let _ = gaz().find(&s, &[]);
    }

    #[test]
    fn find_never_panics_on_capitalised_words(s in "([A-Z][a-z']{0,8}[ ,.’-]{1,2}){0,30}") {
        let taken = Span::new(0, s.len().min(3));
        for x in gaz().find(&s, &[taken]) {
            proptest::prop_assert!(!x.span().overlaps(taken));
        }
    }
}

/// The quick gates in front of the word lists hold for every entry of the lists: a demonym
/// is at least five bytes long, a region word at least three, and an airport phrase starts
/// with "a", "i", "m" or a Cyrillic letter.
#[test]
fn word_list_gates_admit_every_listed_word() {
    for (d, cc) in DEMONYMS {
        assert!(d.len() >= 5, "{d}");
        assert_eq!(demonym_country(d), Some(*cc));
    }
    for w in REGION_WORDS {
        assert!(w.len() >= 3, "{w}");
    }
    for phrase in AIRPORT_PHRASES {
        let text = format!("Near Bryansk {}", phrase.join(" "));
        let mut arena = String::new();
        let toks = tokenize(&text, &mut arena);
        assert_eq!(
            airport_phrase_at(&toks, 2),
            Some(1 + phrase.len()),
            "{text}"
        );
    }
}

/// The name filter never rules out a name of the gazetteer or a first word, and rules out
/// most other words.
#[test]
fn name_filter_keeps_every_key_and_drops_most_other_words() {
    let g = gaz();
    let f = &g.d.filter;
    assert!(g
        .d
        .keys
        .keys()
        .all(|k| f.may_contain(k)[NameSet::Names as usize]));
    assert!(g
        .d
        .first_words
        .iter()
        .all(|k| f.may_contain(k)[NameSet::FirstWords as usize]));
    let words: Vec<String> = (0..20_000).map(|i| format!("zq{i}xv")).collect();
    for set in [NameSet::Names, NameSet::FirstWords] {
        let passed = words
            .iter()
            .filter(|w| f.may_contain(w)[set as usize])
            .count();
        assert!(
            passed < words.len() / 10,
            "{set:?}: {passed} of {} passed",
            words.len()
        );
    }
}

/// Large cities share the names of their districts ("Kyivskyi", "Shevchenkivskyi"): a district
/// named without its city belongs to a city the text names, or is left unresolved.
#[test]
fn a_city_district_is_one_of_the_city_the_text_names() {
    let text = "Glide bombs hit Kharkiv on Monday. The strikes damaged homes in the \
                Kyivskyi and Industrialnyi districts, the mayor said.";
    for (surface, p) in places(text) {
        assert!(
            km(&p, 49.99, 36.23) < 30.0,
            "{surface:?} resolved to {p:?}, far from Kharkiv"
        );
    }
    let p = place_for(
        "Shelling of Donetsk: shells fell on the Kyivskyi district overnight.",
        "Kyivskyi district",
    );
    assert_eq!(p.admin1.as_deref(), Some("Donetsk Oblast"));
    assert_near(&p, 48.02, 37.80, 15.0);
}
