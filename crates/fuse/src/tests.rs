//! Tests of each matching and merging rule on hand-written reports.

use crate::*;
use chrono::NaiveDate;
use sitrep_model::*;

fn day(s: &str) -> PartialDate {
    s.parse().unwrap()
}

fn date(s: &str, text: &str) -> EventDate {
    EventDate {
        start: day(s),
        end: day(s),
        precision: DatePrecision::Day,
        text: text.into(),
        year_inferred: false,
        span: None,
    }
}

fn place(name: &str, admin1: &str, country: &str, lat: f64, lon: f64) -> Location {
    Location {
        name: name.into(),
        country: Some(country.into()),
        admin1: Some(admin1.into()),
        lat: Some(lat),
        lon: Some(lon),
        precision: LocationPrecision::Place,
        text: name.into(),
        id: None,
        span: None,
    }
}

fn region(name: &str, country: &str, lat: f64, lon: f64) -> Location {
    Location {
        precision: LocationPrecision::Admin1,
        ..place(name, name, country, lat, lon)
    }
}

fn event(kind: EventKind, d: &str, loc: Location) -> Event {
    Event {
        id: EventId(stable_id(&[kind.as_str(), d, &loc.name])),
        kind,
        acled: kind.acled(false),
        date: Some(date(d, d)),
        location: Some(loc),
        attacker: None,
        target: None,
        weapons: vec![],
        counts: Counts::default(),
        claims: vec![],
        status: Status::Reported,
        evidence: vec![],
        provenance: vec![],
    }
}

fn claim(source: &str, stance: Stance, text: &str) -> Claim {
    Claim {
        source: source.into(),
        stance,
        text: text.into(),
        start: 0,
        end: text.len(),
    }
}

fn report(doc: &str, outlet: &str, published: &str, text: &str, event: Event, seq: u64) -> Report {
    Report {
        event,
        source: Source {
            doc: DocId(doc.into()),
            outlet: Some(outlet.into()),
            url: Some(format!("https://{}.example/{doc}", outlet.to_lowercase())),
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        },
        fingerprint: fingerprint(text),
        seq,
    }
}

fn kyiv() -> Location {
    place("Kyiv", "Kyiv City", "UA", 50.45, 30.52)
}

fn joins(new: &Report, old: &[Report]) -> bool {
    best_match(new, &[old.to_vec()]).is_some()
}

#[test]
fn specific_strike_kinds_match_generic_ones_but_not_each_other() {
    use EventKind::*;
    assert!(kinds_compatible(MissileStrike, Strike));
    assert!(kinds_compatible(Explosion, DroneStrike));
    assert!(kinds_compatible(Explosion, Sabotage));
    assert!(kinds_compatible(Interception, DroneStrike));
    assert!(!kinds_compatible(MissileStrike, DroneStrike));
    assert!(!kinds_compatible(Shelling, AirStrike));
    assert!(!kinds_compatible(Diplomacy, Statement));
    assert!(!kinds_compatible(ArmedClash, Strike));
    assert!(compatible_kinds(Strike).contains(&Shelling));
    assert!(!compatible_kinds(Diplomacy).contains(&Strike));
}

#[test]
fn nearby_places_on_adjacent_days_merge() {
    let a = report(
        "a",
        "Reuters",
        "2025-03-05",
        "",
        event(EventKind::MissileStrike, "2025-03-04", kyiv()),
        1,
    );
    // Brovary is about 20 km from central Kyiv; a night attack dated the next day.
    let b_loc = place("Brovary", "Kyiv Oblast", "UA", 50.51, 30.79);
    let b = report(
        "b",
        "AP",
        "2025-03-05",
        "",
        event(EventKind::Strike, "2025-03-05", b_loc),
        2,
    );
    assert!(joins(&b, &[a]));
}

#[test]
fn places_beyond_the_radius_stay_apart() {
    let a = report(
        "a",
        "Reuters",
        "2025-03-05",
        "",
        event(EventKind::DroneStrike, "2025-03-04", kyiv()),
        1,
    );
    let lviv = place("Lviv", "Lviv Oblast", "UA", 49.84, 24.03);
    let b = report(
        "b",
        "AP",
        "2025-03-05",
        "",
        event(EventKind::DroneStrike, "2025-03-04", lviv),
        2,
    );
    assert!(!joins(&b, &[a]));
}

#[test]
fn a_region_matches_a_place_inside_it_by_name_or_distance() {
    let bryansk_region = region("Bryansk Oblast", "RU", 52.9, 33.4);
    let klintsy = place("Klintsy", "Bryansk Oblast", "RU", 52.75, 32.24);
    let a = report(
        "a",
        "TASS",
        "2024-11-19",
        "",
        event(EventKind::MissileStrike, "2024-11-19", bryansk_region),
        1,
    );
    let b = report(
        "b",
        "Kyiv Independent",
        "2024-11-19",
        "",
        event(EventKind::MissileStrike, "2024-11-19", klintsy),
        2,
    );
    assert!(joins(&b, std::slice::from_ref(&a)));
    let kursk = place("Kursk", "Kursk Oblast", "RU", 51.73, 36.19);
    let c = report(
        "c",
        "AP",
        "2024-11-19",
        "",
        event(EventKind::MissileStrike, "2024-11-19", kursk),
        3,
    );
    assert!(
        !joins(&c, &[a]),
        "Kursk is ~200 km from the centre of Bryansk Oblast and in another region"
    );
}

#[test]
fn country_level_reports_match_only_each_other() {
    let ua = Location {
        precision: LocationPrecision::Country,
        admin1: None,
        ..place("Ukraine", "", "UA", 49.0, 32.0)
    };
    let a = report(
        "a",
        "Reuters",
        "2025-03-04",
        "",
        event(EventKind::DroneStrike, "2025-03-04", ua.clone()),
        1,
    );
    let b = report(
        "b",
        "AP",
        "2025-03-04",
        "",
        event(EventKind::DroneStrike, "2025-03-04", ua),
        2,
    );
    let c = report(
        "c",
        "BBC",
        "2025-03-04",
        "",
        event(EventKind::DroneStrike, "2025-03-04", kyiv()),
        3,
    );
    assert!(joins(&b, std::slice::from_ref(&a)));
    assert!(!joins(&c, &[a]));
}

#[test]
fn dates_two_days_apart_stay_apart_and_yearless_dates_match_month_and_day() {
    let a = report(
        "a",
        "Reuters",
        "2025-03-05",
        "",
        event(EventKind::Shelling, "2025-03-04", kyiv()),
        1,
    );
    let far = report(
        "b",
        "AP",
        "2025-03-07",
        "",
        event(EventKind::Shelling, "2025-03-06", kyiv()),
        2,
    );
    assert!(!joins(&far, std::slice::from_ref(&a)));
    let yearless = report(
        "c",
        "AP",
        "",
        "",
        event(EventKind::Shelling, "--03-04", kyiv()),
        3,
    );
    assert!(joins(&yearless, std::slice::from_ref(&a)));
    let other_day = report(
        "d",
        "AP",
        "",
        "",
        event(EventKind::Shelling, "--04-04", kyiv()),
        4,
    );
    assert!(!joins(&other_day, &[a]));
}

#[test]
fn disjoint_named_weapons_keep_reports_apart_but_a_weapon_class_does_not() {
    let mut e1 = event(EventKind::MissileStrike, "2025-03-04", kyiv());
    e1.weapons = vec!["Kh-101".into()];
    let mut e2 = e1.clone();
    e2.weapons = vec!["Iskander-M".into()];
    let mut e3 = e1.clone();
    e3.weapons = vec!["cruise missiles".into()];
    let a = report("a", "Reuters", "2025-03-04", "", e1, 1);
    assert!(!joins(
        &report("b", "AP", "2025-03-04", "", e2, 2),
        std::slice::from_ref(&a)
    ));
    assert!(joins(&report("c", "AP", "2025-03-04", "", e3, 3), &[a]));
}

#[test]
fn attackers_of_opposite_sides_keep_reports_apart() {
    let mut e1 = event(
        EventKind::Shelling,
        "2025-03-04",
        place("Kherson", "Kherson Oblast", "UA", 46.64, 32.61),
    );
    e1.attacker = Some("Russian Armed Forces".into());
    let mut e2 = e1.clone();
    e2.attacker = Some("Armed Forces of Ukraine".into());
    let mut e3 = e1.clone();
    e3.attacker = Some("Russia".into());
    let a = report("a", "Reuters", "2025-03-04", "", e1, 1);
    assert!(!joins(
        &report("b", "TASS", "2025-03-04", "", e2, 2),
        std::slice::from_ref(&a)
    ));
    assert!(joins(&report("c", "AP", "2025-03-04", "", e3, 3), &[a]));
}

#[test]
fn two_events_of_one_document_are_never_merged() {
    let a = report(
        "a",
        "Reuters",
        "2025-03-04",
        "",
        event(EventKind::DroneStrike, "2025-03-04", kyiv()),
        1,
    );
    let b = report(
        "a",
        "Reuters",
        "2025-03-04",
        "",
        event(EventKind::DroneStrike, "2025-03-04", kyiv()),
        2,
    );
    assert!(!joins(&b, &[a]));
}

#[test]
fn an_undated_report_without_a_place_joins_nothing() {
    let a = report(
        "a",
        "Reuters",
        "2025-03-04",
        "",
        event(EventKind::DroneStrike, "2025-03-04", kyiv()),
        1,
    );
    let mut e = event(EventKind::DroneStrike, "2025-03-04", kyiv());
    e.location = None;
    e.date = None;
    assert!(!joins(&report("b", "AP", "2025-03-04", "", e, 2), &[a]));
}

#[test]
fn bryansk_airport_explosion_and_atacms_strike_months_apart_stay_apart() {
    let airport = place(
        "Bryansk International Airport",
        "Bryansk Oblast",
        "RU",
        53.21,
        34.18,
    );
    let mut june = event(EventKind::Explosion, "2025-06-05", airport);
    june.target = Some("airport".into());
    let mut nov = event(
        EventKind::MissileStrike,
        "2024-11-19",
        region("Bryansk Oblast", "RU", 52.9, 33.4),
    );
    nov.weapons = vec!["ATACMS".into()];
    nov.attacker = Some("Armed Forces of Ukraine".into());
    let a = report("june", "Reuters", "2025-06-06", "", june, 1);
    let b = report("nov", "TASS", "2024-11-19", "", nov, 2);
    assert!(!joins(&b, std::slice::from_ref(&a)));
    assert!(!joins(&a, &[b]));
}

/// Five independently written accounts of one attack.
const ACCOUNTS: [&str; 5] = [
    "Russia launched eight Kh-101 cruise missiles at Kyiv overnight, the Ukrainian air force \
     said, and six of them were shot down over the capital region.",
    "Air defence units destroyed six of eight cruise missiles fired at the Ukrainian capital \
     before dawn on Tuesday, according to the air force, as debris damaged a residential block.",
    "Explosions shook several districts of Kyiv early on Tuesday; the city military \
     administration reported fragments falling on houses in Darnytskyi and Holosiivskyi.",
    "The Russian Ministry of Defence said its forces carried out a massive strike with \
     long-range precision weapons against military-industrial facilities in the Kyiv area.",
    "According to the defence ministry in Moscow, all designated targets near the Ukrainian \
     capital were hit; Ukrainian air defence claimed five interceptions out of six missiles.",
];

fn five_reports() -> Vec<Report> {
    let counts = |launched: u64, intercepted: u64| Counts {
        launched: Some(Count::exact(launched)),
        intercepted: Some(Count::exact(intercepted)),
        killed: None,
        injured: None,
    };
    let base = |n: usize| {
        let mut e = event(EventKind::MissileStrike, "2025-03-04", kyiv());
        e.id = EventId(format!("e{n}"));
        e.attacker = Some("Russia".into());
        e.weapons = vec!["Kh-101".into()];
        e.evidence = vec![Evidence {
            start: 0,
            end: 10,
            text: format!("passage {n}"),
        }];
        e
    };
    let mut out = Vec::new();
    let specs = [
        (
            "w1",
            "Ukrinform",
            8,
            6,
            "Ukrainian Air Force",
            Stance::Asserts,
        ),
        (
            "w2",
            "Reuters",
            8,
            6,
            "Ukrainian Air Force",
            Stance::Asserts,
        ),
        (
            "w3",
            "Kyiv Independent",
            8,
            6,
            "Kyiv City Military Administration",
            Stance::Asserts,
        ),
        (
            "w4",
            "TASS",
            6,
            5,
            "Russian Ministry of Defence",
            Stance::Asserts,
        ),
        (
            "w5",
            "RIA Novosti",
            6,
            5,
            "Russian Ministry of Defence",
            Stance::Asserts,
        ),
    ];
    for (i, (doc, outlet, launched, intercepted, src, stance)) in specs.into_iter().enumerate() {
        let mut e = base(i);
        e.counts = counts(launched, intercepted);
        e.claims = vec![claim(src, stance, "said the attack involved missiles")];
        e.status = Status::Claimed;
        out.push(report(
            doc,
            outlet,
            "2025-03-05",
            ACCOUNTS[i],
            e,
            i as u64 + 1,
        ));
    }
    out
}

#[test]
fn five_outlets_fuse_into_one_event_with_five_sources_and_contradicting_counts() {
    let reports = five_reports();
    // Incremental: each report joins the event made of the earlier ones.
    for i in 1..reports.len() {
        assert_eq!(
            best_match(&reports[i], &[reports[..i].to_vec()]),
            Some(0),
            "report {i}"
        );
    }
    let fused = fuse(&reports);
    assert_eq!(fused.sources.len(), 5);
    assert_eq!(fused.independent_sources, 5);
    assert_eq!(
        fused.event.counts.launched,
        Some(Count::exact(8)),
        "three sources beat two"
    );
    let launched = fused
        .contradictions
        .iter()
        .find(|c| c.field == "launched")
        .expect("launched");
    assert_eq!(launched.values.len(), 2);
    assert_eq!(launched.values[0].value, serde_json::json!(8));
    assert_eq!(launched.values[0].sources, ["w1", "w2", "w3"]);
    assert_eq!(launched.values[1].sources, ["w4", "w5"]);
    assert!(fused
        .contradictions
        .iter()
        .any(|c| c.field == "intercepted"));
    assert!(!fused.contradictions.iter().any(|c| c.field == "attacker"));
    assert_eq!(
        fused.event.claims.len(),
        3,
        "identical claims of one source are kept once"
    );
    assert_eq!(fused.event.evidence.len(), 5);
    assert_eq!(fused.event.status, Status::Claimed);
}

#[test]
fn count_ties_go_to_the_earliest_source_and_reprints_count_once() {
    let mut reports = five_reports();
    reports.truncate(4); // 8 from three outlets, 6 from one.
                         // w3 becomes a reprint of w1's text: 8 is now backed by two independent sources, as is 6
                         // after adding w5 from a new outlet; the tie goes to the value published first.
    reports[2].fingerprint = reports[0].fingerprint.clone();
    reports[2].source.published = NaiveDate::from_ymd_opt(2025, 3, 6);
    let mut w5 = five_reports().pop().unwrap();
    w5.source.outlet = Some("Izvestia".into());
    reports.push(w5);
    let fused = fuse(&reports);
    assert_eq!(fused.independent_sources, 4);
    assert_eq!(fused.event.counts.launched, Some(Count::exact(8)));
    // Make 6 the earlier-published value: the tie now goes to it.
    for r in &mut reports[..3] {
        r.source.published = NaiveDate::from_ymd_opt(2025, 3, 9);
    }
    assert_eq!(fuse(&reports).event.counts.launched, Some(Count::exact(6)));
}

#[test]
fn same_outlet_counts_once() {
    let mut reports = five_reports();
    reports[1].source.outlet = Some("ukrinform ".into());
    assert_eq!(fuse(&reports).independent_sources, 4);
}

#[test]
fn overlapping_ranges_are_not_contradictions() {
    let mut reports = five_reports();
    for r in &mut reports {
        r.event.counts = Counts::default();
    }
    reports[0].event.counts.killed = Some(Count::at_least(3));
    reports[1].event.counts.killed = Some(Count::exact(4));
    let fused = fuse(&reports);
    assert!(!fused.contradictions.iter().any(|c| c.field == "killed"));
    reports[2].event.counts.killed = Some(Count::exact(1));
    assert!(fuse(&reports)
        .contradictions
        .iter()
        .any(|c| c.field == "killed"));
}

#[test]
fn interception_of_some_weapons_is_part_of_the_attack() {
    let mut reports = five_reports();
    reports[3].event.kind = EventKind::Interception;
    reports[3].event.counts.launched = Some(Count::exact(40));
    reports[3].event.counts.intercepted = Some(Count::exact(32));
    let fused = fuse(&reports);
    assert_eq!(fused.event.kind, EventKind::MissileStrike);
    assert!(!fused.contradictions.iter().any(|c| c.field == "outcome"));
}

#[test]
fn all_downed_against_hit_is_an_outcome_contradiction() {
    let mut reports = five_reports();
    for r in &mut reports[3..5] {
        r.event.kind = EventKind::Interception;
        r.event.counts.launched = Some(Count::exact(6));
        r.event.counts.intercepted = Some(Count::exact(6));
    }
    let fused = fuse(&reports);
    assert_eq!(fused.event.kind, EventKind::MissileStrike);
    let outcome = fused
        .contradictions
        .iter()
        .find(|c| c.field == "outcome")
        .unwrap();
    let values: Vec<_> = outcome
        .values
        .iter()
        .map(|v| v.value.as_str().unwrap())
        .collect();
    assert_eq!(values, ["hit", "intercepted"]);
}

#[test]
fn status_follows_the_contract_order_across_documents() {
    let mut reports = five_reports();
    assert_eq!(status_over(&reports), Status::Claimed);
    reports[2].event.status = Status::Confirmed;
    assert_eq!(status_over(&reports), Status::Confirmed);
    reports[4]
        .event
        .claims
        .push(claim("Kremlin", Stance::Denies, "denied any involvement"));
    assert_eq!(
        status_over(&reports),
        Status::Disputed,
        "one asserts what another denies"
    );
    reports[4].event.status = Status::Denied;
    assert_eq!(status_over(&reports), Status::Denied);
    let fused = fuse(&reports);
    assert!(fused.contradictions.iter().any(|c| c.field == "status"));

    let mut plain = five_reports();
    for r in &mut plain {
        r.event.claims.clear();
        r.event.status = Status::Reported;
    }
    assert_eq!(status_over(&plain), Status::Reported);
    plain[0].event.claims.push(claim(
        "local media",
        Stance::Unverified,
        "unverified footage",
    ));
    assert_eq!(status_over(&plain), Status::Unverified);
}

#[test]
fn attackers_of_different_parties_are_a_contradiction() {
    let mut reports = five_reports();
    reports[3].event.attacker = Some("Wagner Group".into());
    reports[3].event.attacker = Some("unknown saboteurs".into());
    let fused = fuse(&reports);
    assert_eq!(fused.event.attacker.as_deref(), Some("Russia"));
    let c = fused
        .contradictions
        .iter()
        .find(|c| c.field == "attacker")
        .unwrap();
    assert_eq!(c.values.len(), 2);
}

#[test]
fn the_fused_id_and_place_come_from_the_best_report_and_stay_stable() {
    let mut reports = five_reports();
    reports[0].event.location = Some(region("Kyiv Oblast", "UA", 50.3, 30.5));
    let fused = fuse(&reports);
    assert_eq!(
        fused.event.location.unwrap().name,
        "Kyiv",
        "place precision beats a region"
    );
    let again = fuse(&reports[..2]);
    assert_eq!(
        again.event.id, fused.event.id,
        "later reports do not change the id"
    );
}

#[test]
fn a_toll_that_rises_from_day_to_day_is_an_update_not_a_contradiction() {
    let mut reports = five_reports();
    for (i, r) in reports.iter_mut().enumerate() {
        r.event.counts.killed = Some(Count::exact(if i < 2 { 5 } else { 12 }));
        r.source.published = NaiveDate::from_ymd_opt(2025, 3, if i < 2 { 4 } else { 5 });
    }
    let fused = fuse(&reports);
    assert_eq!(fused.event.counts.killed, Some(Count::exact(12)));
    assert!(!fused.contradictions.iter().any(|c| c.field == "killed"));
    let update = fused.updates.iter().find(|u| u.field == "killed").unwrap();
    assert_eq!(update.values.first().unwrap().value, serde_json::json!(5));
    assert_eq!(update.values.last().unwrap().value, serde_json::json!(12));
    // A figure that falls on a later day is a disagreement, not an update.
    reports[4].event.counts.killed = Some(Count::exact(3));
    let fused = fuse(&reports);
    assert!(fused.updates.is_empty());
    assert!(fused.contradictions.iter().any(|c| c.field == "killed"));
}
