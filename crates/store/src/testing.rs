//! The store conformance suite and its fixtures.
//!
//! Every [`Store`] implementation runs the same checks: call [`conformance_suite`] with a
//! function that makes an empty store, or call the `check_*` functions one by one to get one test
//! per behaviour. The fixtures are short wire-style reports written for these tests; the
//! synthetic generators ([`synthetic_record`], [`synthetic_event`]) feed the crash test and the
//! benchmarks.

use crate::{
    content_hash, content_hashes, with_hashes, BBox, ChangeKind, EventFilter, EventSummary, Near,
    Store, StoreError, StoredEvent,
};
use chrono::NaiveDate;
use sitrep_fuse::Source;
use sitrep_model::{
    Claim, Count, Counts, DatePrecision, DocId, Document, DocumentRecord, Event, EventDate,
    EventId, EventKind, Evidence, Location, LocationPrecision, PartialDate, Stance, Status,
};

/// A place: name, admin1, country, lat, lon.
type Place = (&'static str, &'static str, &'static str, f64, f64);

const KYIV: Place = ("Kyiv", "Kyiv City", "UA", 50.45, 30.52);
const ODESA: Place = ("Odesa", "Odesa Oblast", "UA", 46.48, 30.73);
const KHARKIV: Place = ("Kharkiv", "Kharkiv Oblast", "UA", 49.99, 36.23);
const BRYANSK_AIRPORT: Place = (
    "Bryansk International Airport",
    "Bryansk Oblast",
    "RU",
    53.21,
    34.18,
);

/// One event of a fixture article, described by the passage of the text that reports it.
pub struct Spec {
    pub kind: EventKind,
    pub date: &'static str,
    pub place: Option<(Place, LocationPrecision)>,
    pub attacker: Option<&'static str>,
    pub weapons: &'static [&'static str],
    pub launched: Option<u64>,
    pub intercepted: Option<u64>,
    pub claims: &'static [(&'static str, Stance)],
    pub status: Status,
    /// The passage of the article's text that is the event's evidence.
    pub evidence: &'static str,
}

fn spec(kind: EventKind, date: &'static str, place: Place, evidence: &'static str) -> Spec {
    Spec {
        kind,
        date,
        place: Some((place, LocationPrecision::Place)),
        attacker: None,
        weapons: &[],
        launched: None,
        intercepted: None,
        claims: &[],
        status: Status::Reported,
        evidence,
    }
}

/// A document record from an article's text and its events.
pub fn article(
    doc: &str,
    outlet: &str,
    url: Option<&str>,
    published: &str,
    text: &str,
    specs: &[Spec],
) -> DocumentRecord {
    let events = specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let start = text.find(s.evidence).unwrap_or(0);
            let end = (start + s.evidence.len()).min(text.len());
            let evidence = Evidence {
                start,
                end,
                text: s.evidence.to_string(),
            };
            let date: PartialDate = s.date.parse().unwrap_or(PartialDate {
                year: None,
                month: 1,
                day: 1,
            });
            let location = s
                .place
                .map(|((name, admin1, country, lat, lon), precision)| Location {
                    name: name.into(),
                    country: Some(country.into()),
                    admin1: Some(admin1.into()),
                    lat: Some(lat),
                    lon: Some(lon),
                    precision,
                    text: name.into(),
                    id: None,
                    span: None,
                });
            Event {
                id: EventId(format!("{doc}#{i}")),
                kind: s.kind,
                acled: s.kind.acled(false),
                date: Some(EventDate {
                    start: date,
                    end: date,
                    precision: DatePrecision::Day,
                    text: s.date.into(),
                    year_inferred: false,
                    span: None,
                }),
                location,
                attacker: s.attacker.map(str::to_string),
                target: None,
                weapons: s.weapons.iter().map(|w| w.to_string()).collect(),
                counts: Counts {
                    launched: s.launched.map(Count::exact),
                    intercepted: s.intercepted.map(Count::exact),
                    killed: None,
                    injured: None,
                },
                claims: s
                    .claims
                    .iter()
                    .map(|(source, stance)| Claim {
                        source: source.to_string(),
                        stance: *stance,
                        text: s.evidence.into(),
                        start,
                        end,
                    })
                    .collect(),
                status: s.status,
                evidence: vec![evidence],
                provenance: vec![],
            }
        })
        .collect();
    DocumentRecord {
        document: Document {
            doc: DocId(doc.into()),
            title: None,
            outlet: Some(outlet.into()),
            author: None,
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            language: Some("en".into()),
            url: url.map(str::to_string),
            text: text.into(),
            ..Document::default()
        },
        events,
        mentions: None,
    }
}

/// Five outlets' reports of one overnight missile attack on Kyiv; the Ukrainian and Russian
/// accounts disagree on how many missiles were launched and intercepted.
pub fn kyiv_reports() -> Vec<DocumentRecord> {
    let strike = |evidence, launched, intercepted, claims| Spec {
        attacker: Some("Russia"),
        weapons: &["Kh-101"],
        launched: Some(launched),
        intercepted: Some(intercepted),
        claims,
        status: Status::Claimed,
        ..spec(EventKind::MissileStrike, "2025-03-04", KYIV, evidence)
    };
    const UAF: &[(&str, Stance)] = &[("Ukrainian Air Force", Stance::Asserts)];
    const KMA: &[(&str, Stance)] = &[("Kyiv City Military Administration", Stance::Asserts)];
    const MOD: &[(&str, Stance)] = &[("Russian Ministry of Defence", Stance::Asserts)];
    vec![
        article("w1.txt", "Ukrinform", Some("https://ukrinform.example/a1"), "2025-03-04",
            "KYIV, March 4. Russia launched eight Kh-101 cruise missiles at Kyiv overnight, the \
             Ukrainian Air Force said, and six were shot down over the capital region. Debris \
             damaged a kindergarten in the Solomianskyi district.",
            &[strike("Russia launched eight Kh-101 cruise missiles at Kyiv overnight", 8, 6, UAF)]),
        article("w2.txt", "Reuters", Some("https://reuters.example/b2"), "2025-03-04",
            "Air defence units destroyed six of the eight cruise missiles fired at the Ukrainian \
             capital before dawn on Tuesday, the air force said on Telegram. No casualties were \
             reported.",
            &[strike("destroyed six of the eight cruise missiles fired at the Ukrainian capital", 8, 6, UAF)]),
        article("w3.txt", "Kyiv Independent", Some("https://kyivindependent.example/c3"), "2025-03-05",
            "Explosions shook several districts of Kyiv early on March 4. The city military \
             administration said eight missiles had been launched and fragments fell on houses in \
             Darnytskyi and Holosiivskyi.",
            &[strike("The city military administration said eight missiles had been launched", 8, 6, KMA)]),
        article("w4.txt", "TASS", Some("https://tass.example/d4"), "2025-03-04",
            "MOSCOW, March 4. The Russian Ministry of Defence said its forces carried out a strike \
             with six long-range precision weapons against military-industrial facilities in Kyiv, \
             and that only five were intercepted.",
            &[strike("carried out a strike with six long-range precision weapons", 6, 5, MOD)]),
        article("w5.txt", "RIA Novosti", Some("https://ria.example/e5"), "2025-03-04",
            "According to the defence ministry in Moscow, all designated targets in the Ukrainian \
             capital were hit by a group strike of six missiles on Tuesday night.",
            &[strike("all designated targets in the Ukrainian capital were hit", 6, 5, MOD)]),
    ]
}

/// Two Bryansk events that must stay apart: an explosion at the airport in June 2025 and an
/// ATACMS strike on the region in November 2024.
pub fn bryansk_reports() -> Vec<DocumentRecord> {
    vec![
        article(
            "bryansk-june.txt",
            "Reuters",
            Some("https://reuters.example/bryansk-airport"),
            "2025-06-06",
            "A powerful explosion was heard near Bryansk airport on Thursday evening, local \
             residents wrote on social media, and flights were suspended for several hours.",
            &[spec(
                EventKind::Explosion,
                "2025-06-05",
                BRYANSK_AIRPORT,
                "A powerful explosion was heard near Bryansk airport on Thursday evening",
            )],
        ),
        article(
            "bryansk-nov.txt",
            "TASS",
            Some("https://tass.example/atacms"),
            "2024-11-19",
            "The Russian Ministry of Defence said six ATACMS missiles were fired at a military \
             facility in the Bryansk region on November 19; five were shot down and debris \
             started a fire.",
            &[Spec {
                place: Some((
                    ("Bryansk Oblast", "Bryansk Oblast", "RU", 52.9, 33.4),
                    LocationPrecision::Admin1,
                )),
                attacker: Some("Armed Forces of Ukraine"),
                weapons: &["ATACMS"],
                launched: Some(6),
                intercepted: Some(5),
                claims: &[("Russian Ministry of Defence", Stance::Asserts)],
                status: Status::Claimed,
                ..spec(
                    EventKind::MissileStrike,
                    "2024-11-19",
                    BRYANSK_AIRPORT,
                    "six ATACMS missiles were fired at a military facility in the Bryansk region",
                )
            }],
        ),
    ]
}

/// Two more events elsewhere, for the filter checks.
pub fn other_reports() -> Vec<DocumentRecord> {
    vec![
        article(
            "odesa.txt",
            "Suspilne",
            Some("https://suspilne.example/odesa"),
            "2025-02-10",
            "Russian Shahed-136 drones struck port infrastructure in Odesa on February 10, the \
             regional governor said, and the Russian side confirmed hitting the port.",
            &[Spec {
                attacker: Some("Russia"),
                weapons: &["Shahed-136"],
                claims: &[
                    ("Odesa Regional Administration", Stance::Asserts),
                    ("Russian Ministry of Defence", Stance::Asserts),
                ],
                status: Status::Confirmed,
                ..spec(
                    EventKind::DroneStrike,
                    "2025-02-10",
                    ODESA,
                    "Russian Shahed-136 drones struck port infrastructure in Odesa",
                )
            }],
        ),
        article(
            "kharkiv.txt",
            "Ukrainska Pravda",
            None,
            "2025-01-15",
            "Artillery shelling hit a residential area of Kharkiv on January 15, local officials \
             said; the report could not be independently verified.",
            &[Spec {
                claims: &[("Kharkiv officials", Stance::Unverified)],
                status: Status::Unverified,
                ..spec(
                    EventKind::Shelling,
                    "2025-01-15",
                    KHARKIV,
                    "Artillery shelling hit a residential area of Kharkiv",
                )
            }],
        ),
    ]
}

fn ingest_all<S: Store>(store: &mut S, records: &[DocumentRecord]) {
    for r in records {
        let out = store
            .ingest_document(r, &content_hash(&r.document.text))
            .expect("ingest");
        assert!(!out.is_duplicate(), "{} is not a duplicate", r.document.doc);
    }
}

fn all_fixtures() -> Vec<DocumentRecord> {
    let mut v = kyiv_reports();
    v.extend(bryansk_reports());
    v.extend(other_reports());
    v
}

fn docs_of(events: &[StoredEvent]) -> Vec<String> {
    let mut d: Vec<String> = events.iter().map(|e| e.sources[0].doc.0.clone()).collect();
    d.sort();
    d
}

/// A stored document's event can be fetched by id with its claims, evidence and report.
pub fn check_ingest_and_fetch_by_id<S: Store>(mut store: S) {
    let mut rec = other_reports().remove(0);
    rec.document.title = Some("Drones hit Odesa port".into());
    let rec = &rec;
    let out = store
        .ingest_document(rec, &content_hash(&rec.document.text))
        .unwrap();
    assert_eq!(
        (out.new_events, out.merged_events, out.events.len()),
        (1, 0, 1)
    );
    let ev = store
        .event(&out.events[0].0)
        .unwrap()
        .expect("stored event");
    assert_eq!(ev.event.kind, EventKind::DroneStrike);
    assert_eq!(ev.event.claims.len(), 2);
    assert_eq!(
        ev.event.evidence[0].text,
        "Russian Shahed-136 drones struck port infrastructure in Odesa"
    );
    assert_eq!(ev.sources.len(), 1);
    assert_eq!(
        ev.sources[0].url.as_deref(),
        Some("https://suspilne.example/odesa")
    );
    assert_eq!(ev.reports.len(), 1);
    assert_eq!(ev.reports[0].doc.0, "odesa.txt");
    assert_eq!(
        ev.reports[0].title.as_deref(),
        Some("Drones hit Odesa port")
    );
    assert!(!ev.first_seen.is_empty() && ev.first_seen <= ev.last_updated);
    assert!(store.event("no-such-event").unwrap().is_none());
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.events, stats.reports, stats.claims),
        (1, 1, 1, 2)
    );
}

/// The same article again (same URL, or the same text under another URL or none, or in another
/// rendering) adds nothing.
pub fn check_idempotent<S: Store>(mut store: S) {
    let recs = all_fixtures();
    ingest_all(&mut store, &recs);
    let before_events = store.events(&EventFilter::default()).unwrap();
    for r in &recs {
        let out = store
            .ingest_document(r, &content_hash(&r.document.text))
            .unwrap();
        assert_eq!(out.duplicate_of.as_ref(), Some(&r.document.doc));
        assert_eq!((out.new_events, out.merged_events), (0, 0));
    }
    // The HTML rendering of the first article: other URL, other layout and case.
    let mut html = recs[0].clone();
    html.document.url = Some("https://ukrinform.example/a1?output=amp".into());
    html.document.doc = DocId("w1.html".into());
    html.document.text = html.document.text.replace(". ", ".\n\n").to_uppercase();
    let out = store
        .ingest_document(&html, &content_hash(&html.document.text))
        .unwrap();
    assert_eq!(out.duplicate_of, Some(DocId("w1.txt".into())));
    // A longer article, then its HTML page with a section heading and a caption added.
    let body: Vec<&str> = recs.iter().map(|r| r.document.text.as_str()).collect();
    let digest = article(
        "digest.txt",
        "Ukrinform",
        None,
        "2025-03-05",
        &body.join(" "),
        &[],
    );
    let out = store
        .ingest_document(&digest, &content_hash(&digest.document.text))
        .unwrap();
    assert!(!out.is_duplicate());
    let mut page = digest.clone();
    page.document.doc = DocId("digest.html".into());
    page.document.text = format!("World news. {} Photo: Reuters", page.document.text);
    let out = store
        .ingest_document(&page, &content_hash(&page.document.text))
        .unwrap();
    assert_eq!(out.duplicate_of, Some(DocId("digest.txt".into())));
    let before = store.stats().unwrap();
    // The same URL with edited text is the same article.
    let mut edited = recs[1].clone();
    edited.document.text.push_str(" Updated at 10:00.");
    let out = store
        .ingest_document(&edited, &content_hash(&edited.document.text))
        .unwrap();
    assert!(out.is_duplicate());
    assert!(store.has_document("https://reuters.example/b2").unwrap());
    assert!(store
        .has_document(&content_hash(&recs[2].document.text))
        .unwrap());
    assert!(!store.has_document("https://elsewhere.example/").unwrap());
    assert_eq!(store.stats().unwrap(), before);
    assert_eq!(
        store.events(&EventFilter::default()).unwrap(),
        before_events
    );
}

/// Five outlets' reports of one strike become one event with five sources, the best-supported
/// counts, and the disagreement recorded; fusion is incremental and keeps the event's id.
pub fn check_fusion_of_five_reports<S: Store>(mut store: S) {
    let recs = kyiv_reports();
    let mut ids = Vec::new();
    for (i, r) in recs.iter().enumerate() {
        let out = store
            .ingest_document(r, &content_hash(&r.document.text))
            .unwrap();
        assert_eq!(out.events.len(), 1);
        assert_eq!(
            (out.new_events, out.merged_events),
            if i == 0 { (1, 0) } else { (0, 1) }
        );
        ids.push(out.events[0].clone());
        let ev = store.event(&ids[0].0).unwrap().unwrap();
        assert_eq!(ev.sources.len(), i + 1, "after {} reports", i + 1);
    }
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "one event id throughout: {ids:?}"
    );
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1);
    let ev = &events[0];
    assert_eq!(ev.independent_sources, 5);
    assert_eq!(ev.event.counts.launched, Some(Count::exact(8)));
    assert_eq!(ev.event.counts.intercepted, Some(Count::exact(6)));
    let launched = ev
        .contradictions
        .iter()
        .find(|c| c.field == "launched")
        .expect("contradiction");
    let sources: Vec<&Vec<String>> = launched.values.iter().map(|v| &v.sources).collect();
    assert_eq!(
        sources,
        [
            &vec!["w1.txt".to_string(), "w2.txt".into(), "w3.txt".into()],
            &vec!["w4.txt".to_string(), "w5.txt".into()]
        ]
    );
    assert!(ev.contradictions.iter().any(|c| c.field == "intercepted"));
    let outlets: Vec<Option<&str>> = ev.sources.iter().map(|s| s.outlet.as_deref()).collect();
    assert_eq!(
        outlets,
        [
            Some("Ukrinform"),
            Some("Reuters"),
            Some("Kyiv Independent"),
            Some("TASS"),
            Some("RIA Novosti")
        ]
    );
    let full = store.event(&ids[0].0).unwrap().unwrap();
    assert_eq!(full.reports.len(), 5);
    assert_eq!(store.stats().unwrap().claims, 5);
}

/// Events at one place months apart stay apart.
pub fn check_distinct_events_stay_apart<S: Store>(mut store: S) {
    ingest_all(&mut store, &bryansk_reports());
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(docs_of(&events), ["bryansk-june.txt", "bryansk-nov.txt"]);
}

/// Each filter selects exactly the events it describes, and [`EventFilter::matches`] agrees
/// with the store on every one.
pub fn check_filters<S: Store>(mut store: S) {
    ingest_all(&mut store, &all_fixtures());
    let everything = store.events(&EventFilter::default()).unwrap();
    let q = |f: EventFilter| {
        let got = store.events(&f).unwrap();
        let ids = |evs: &[StoredEvent]| -> Vec<String> {
            evs.iter().map(|e| e.event.id.0.clone()).collect()
        };
        let by_matches: Vec<StoredEvent> = everything
            .iter()
            .filter(|e| f.matches(e))
            .cloned()
            .collect();
        assert_eq!(ids(&got), ids(&by_matches), "matches() disagrees on {f:?}");
        docs_of(&got)
    };
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let all = q(EventFilter::default());
    assert_eq!(
        all,
        [
            "bryansk-june.txt",
            "bryansk-nov.txt",
            "kharkiv.txt",
            "odesa.txt",
            "w1.txt"
        ]
    );
    assert_eq!(
        q(EventFilter {
            since: day("2025-03-01"),
            ..Default::default()
        }),
        ["bryansk-june.txt", "w1.txt"]
    );
    assert_eq!(
        q(EventFilter {
            until: day("2024-12-31"),
            ..Default::default()
        }),
        ["bryansk-nov.txt"]
    );
    assert_eq!(
        q(EventFilter {
            since: day("2025-01-15"),
            until: day("2025-03-04"),
            ..Default::default()
        }),
        ["kharkiv.txt", "odesa.txt", "w1.txt"]
    );
    assert_eq!(
        q(EventFilter {
            kind: Some(EventKind::DroneStrike),
            ..Default::default()
        }),
        ["odesa.txt"]
    );
    assert_eq!(
        q(EventFilter {
            country: Some("ru".into()),
            ..Default::default()
        }),
        ["bryansk-june.txt", "bryansk-nov.txt"]
    );
    assert_eq!(
        q(EventFilter {
            admin1: Some("bryansk oblast".into()),
            ..Default::default()
        }),
        ["bryansk-june.txt", "bryansk-nov.txt"]
    );
    assert_eq!(
        q(EventFilter {
            place: Some("odesa".into()),
            ..Default::default()
        }),
        ["odesa.txt"]
    );
    assert_eq!(
        q(EventFilter {
            place: Some("Bryansk".into()),
            ..Default::default()
        }),
        ["bryansk-june.txt", "bryansk-nov.txt"]
    );
    // From Brovary: Kyiv ~20 km, Bryansk Oblast's centre ~321 km, Bryansk airport ~380 km,
    // Kharkiv ~391 km, Odesa ~448 km.
    let near = |radius_km| EventFilter {
        near: Some(Near {
            lat: 50.51,
            lon: 30.79,
            radius_km,
        }),
        ..Default::default()
    };
    assert_eq!(q(near(30.0)), ["w1.txt"]);
    assert_eq!(q(near(10.0)), Vec::<String>::new());
    assert_eq!(q(near(350.0)), ["bryansk-nov.txt", "w1.txt"]);
    assert_eq!(
        q(near(420.0)),
        [
            "bryansk-june.txt",
            "bryansk-nov.txt",
            "kharkiv.txt",
            "w1.txt"
        ]
    );
    assert_eq!(
        q(EventFilter {
            actor: Some("ministry of defence".into()),
            ..Default::default()
        }),
        ["bryansk-nov.txt", "odesa.txt", "w1.txt"]
    );
    assert_eq!(
        q(EventFilter {
            actor: Some("Armed Forces of Ukraine".into()),
            ..Default::default()
        }),
        ["bryansk-nov.txt"]
    );
    assert_eq!(
        q(EventFilter {
            weapon: Some("shahed".into()),
            ..Default::default()
        }),
        ["odesa.txt"]
    );
    assert_eq!(
        q(EventFilter {
            status: Some(Status::Confirmed),
            ..Default::default()
        }),
        ["odesa.txt"]
    );
    assert_eq!(
        q(EventFilter {
            status: Some(Status::Unverified),
            ..Default::default()
        }),
        ["kharkiv.txt"]
    );
    assert_eq!(
        q(EventFilter {
            min_sources: Some(3),
            ..Default::default()
        }),
        ["w1.txt"]
    );
    assert_eq!(
        q(EventFilter {
            text: Some("airport".into()),
            ..Default::default()
        }),
        ["bryansk-june.txt"]
    );
    assert_eq!(
        q(EventFilter {
            text: Some("port Odesa".into()),
            ..Default::default()
        }),
        ["odesa.txt"]
    );
    // Control characters separate words; a NUL is never the end of the query.
    assert_eq!(
        q(EventFilter {
            text: Some("\u{0}Odesa\u{1}".into()),
            ..Default::default()
        }),
        ["odesa.txt"]
    );
    for field in 0..5 {
        let odd = Some("Ky\u{0}iv".to_string());
        let f = match field {
            0 => EventFilter {
                place: odd,
                ..Default::default()
            },
            1 => EventFilter {
                actor: odd,
                ..Default::default()
            },
            2 => EventFilter {
                weapon: odd,
                ..Default::default()
            },
            3 => EventFilter {
                outlet: odd,
                ..Default::default()
            },
            _ => EventFilter {
                attacker: odd,
                ..Default::default()
            },
        };
        assert_eq!(q(f), Vec::<String>::new(), "a NUL in filter {field}");
    }
    assert_eq!(
        q(EventFilter {
            text: Some("\"unbalanced quote OR".into()),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        q(EventFilter {
            country: Some("UA".into()),
            kind: Some(EventKind::Shelling),
            ..Default::default()
        }),
        ["kharkiv.txt"]
    );
    // A box around Kyiv and Kharkiv; one crossing the antimeridian holds nothing here.
    let bbox = |west, south, east, north| EventFilter {
        bbox: Some(BBox {
            west,
            south,
            east,
            north,
        }),
        ..Default::default()
    };
    assert_eq!(q(bbox(30.0, 49.0, 37.0, 51.0)), ["kharkiv.txt", "w1.txt"]);
    assert_eq!(
        q(bbox(33.0, 52.0, 35.0, 54.0)),
        ["bryansk-june.txt", "bryansk-nov.txt"]
    );
    assert_eq!(q(bbox(170.0, 40.0, -170.0, 60.0)), Vec::<String>::new());
    assert_eq!(q(bbox(30.0, 40.0, 29.0, 60.0)).len(), 5, "all but a sliver");
    assert_eq!(
        q(EventFilter {
            attacker: Some("russia".into()),
            ..Default::default()
        }),
        ["odesa.txt", "w1.txt"]
    );
    assert_eq!(
        q(EventFilter {
            attacker: Some("Russ".into()),
            ..Default::default()
        }),
        Vec::<String>::new(),
        "attacker is a whole name"
    );
    assert_eq!(
        q(EventFilter {
            outlet: Some("tass".into()),
            ..Default::default()
        }),
        ["bryansk-nov.txt", "w1.txt"]
    );
    assert_eq!(
        q(EventFilter {
            outlet: Some("TAS".into()),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    // SQL wildcards in a value are plain characters.
    for wild in ["%", "_", "Kh_101", "K%v"] {
        assert_eq!(
            q(EventFilter {
                place: Some(wild.into()),
                ..Default::default()
            }),
            Vec::<String>::new(),
            "{wild}"
        );
        assert_eq!(
            q(EventFilter {
                weapon: Some(wild.into()),
                ..Default::default()
            }),
            Vec::<String>::new(),
            "{wild}"
        );
    }
    assert_eq!(
        q(EventFilter {
            text: Some("kh-101 KYIV".into()),
            ..Default::default()
        }),
        ["w1.txt"]
    );
    assert_eq!(
        q(EventFilter {
            text: Some("Reuters".into()),
            ..Default::default()
        }),
        ["bryansk-june.txt", "w1.txt"]
    );
    assert_eq!(
        q(EventFilter {
            text: Some("--".into()),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        q(EventFilter {
            country: Some("UA".into()),
            since: day("2025-02-01"),
            min_sources: Some(1),
            bbox: Some(BBox {
                west: 20.0,
                south: 40.0,
                east: 40.0,
                north: 55.0
            }),
            ..Default::default()
        }),
        ["odesa.txt", "w1.txt"]
    );
    // Latest first, then the limit.
    let limited = store
        .events(&EventFilter {
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
    let first: Vec<&str> = limited
        .iter()
        .map(|e| e.sources[0].doc.0.as_str())
        .collect();
    assert_eq!(first, ["bryansk-june.txt", "w1.txt"]);
    let limited_near = store
        .events(&EventFilter {
            limit: Some(1),
            ..near(350.0)
        })
        .unwrap();
    assert_eq!(limited_near.len(), 1);
    assert_eq!(limited_near[0].sources[0].doc.0, "w1.txt");
}

/// A document without events or with an event lacking a date and a place is stored, and the
/// event stays on its own.
pub fn check_sparse_documents<S: Store>(mut store: S) {
    let mut bare = article("bare.txt", "Unknown", None, "", "Sirens sounded.", &[]);
    bare.document.outlet = None;
    let out = store
        .ingest_document(&bare, &content_hash(&bare.document.text))
        .unwrap();
    assert_eq!((out.new_events, out.events.len()), (0, 0));
    let mut vague = other_reports().remove(1);
    vague.document.url = Some("https://vague.example/1".into());
    vague.document.text = "Shelling was reported somewhere in the east, officials said.".into();
    vague.document.published = None;
    vague.events[0].location = None;
    vague.events[0].date = None;
    let twice = [vague.clone(), {
        let mut v = vague.clone();
        v.document.url = Some("https://vague.example/2".into());
        v.document.text.push_str(" More soon.");
        v
    }];
    ingest_all(&mut store, &twice);
    assert_eq!(
        store.stats().unwrap().events,
        2,
        "undated, placeless reports never merge"
    );
}

/// Storing documents in batches gives what storing them one by one gives: the same outcomes,
/// events and counts, with a document repeated within a batch, or repeating a stored one,
/// counted as a duplicate.
pub fn check_batches_match_one_by_one<S: Store>(mut batched: S, mut single: S) {
    let mut recs = all_fixtures();
    // The first article again, under another URL and in capitals, at the end of the batch.
    let mut again = recs[0].clone();
    again.document.url = Some("https://mirror.example/a1".into());
    again.document.doc = DocId("w1-mirror.txt".into());
    again.document.text = again.document.text.to_uppercase();
    recs.push(again);
    let hashes = content_hashes(&recs);
    let docs = with_hashes(&recs, &hashes);
    let mut from_batches = Vec::new();
    for chunk in docs.chunks(4) {
        from_batches.extend(batched.ingest_batch(chunk).expect("batch"));
    }
    let one_by_one: Vec<_> = docs
        .iter()
        .map(|(r, h)| single.ingest_document(r, h).expect("ingest"))
        .collect();
    assert_eq!(from_batches.len(), recs.len());
    assert_eq!(from_batches, one_by_one);
    assert_eq!(
        from_batches.last().and_then(|o| o.duplicate_of.clone()),
        Some(DocId("w1.txt".into()))
    );
    assert!(from_batches.iter().any(|o| o.merged_events > 0));
    assert_eq!(batched.stats().unwrap(), single.stats().unwrap());
    let strip = |evs: Vec<StoredEvent>| -> Vec<StoredEvent> {
        evs.into_iter()
            .map(|e| StoredEvent {
                first_seen: String::new(),
                last_updated: String::new(),
                ..e
            })
            .collect()
    };
    assert_eq!(
        strip(batched.events(&EventFilter::default()).unwrap()),
        strip(single.events(&EventFilter::default()).unwrap())
    );
    // A whole batch of stored documents adds nothing.
    let before = batched.stats().unwrap();
    let out = batched.ingest_batch(&docs).expect("batch");
    assert!(out.iter().all(|o| o.is_duplicate()));
    assert_eq!(batched.stats().unwrap(), before);
    assert!(batched.ingest_batch(&[]).expect("empty batch").is_empty());
}

/// A post of a channel, and its later edit with a higher toll. A third post of the channel
/// reports something else.
fn channel_post(revision: &str, text: &str, evidence: &'static str) -> DocumentRecord {
    let mut r = article(
        "t.me/c/1873304519/2105",
        "South Monitor",
        None,
        "2025-04-14",
        text,
        &[spec(
            EventKind::AirStrike,
            "2025-04-14",
            ZAPORIZHZHIA,
            evidence,
        )],
    );
    r.document.revision = Some(revision.into());
    r
}

const ZAPORIZHZHIA: Place = ("Zaporizhzhia", "Zaporizhzhia Oblast", "UA", 47.84, 35.14);

/// A document with a revision replaces the stored versions of its id: the same or an older
/// revision adds nothing, a later one withdraws the earlier version's reports (an event only it
/// reported goes; an event others report too keeps their reports) and stores its own. Documents
/// without a revision are never replaced.
pub fn check_revisions_replace_earlier_versions<S: Store>(mut store: S) {
    let ingest = |store: &mut S, r: &DocumentRecord| {
        store
            .ingest_document(r, &content_hash(&r.document.text))
            .unwrap()
    };
    let first = channel_post(
        "2025-04-14T06:31:10Z",
        "Guided bombs hit Zaporizhzhia on Monday morning. Two people were injured.",
        "Guided bombs hit Zaporizhzhia on Monday morning",
    );
    let out = ingest(&mut store, &first);
    assert_eq!(
        (out.duplicate_of.clone(), out.replaced.clone()),
        (None, None)
    );
    let event_id = out.events[0].clone();
    // Another outlet reports the same strike.
    let wire = article(
        "wire.txt",
        "Ukrinform",
        Some("https://ukrinform.example/zp"),
        "2025-04-14",
        "Russian guided aerial bombs struck an industrial site in Zaporizhzhia on April 14.",
        &[spec(
            EventKind::AirStrike,
            "2025-04-14",
            ZAPORIZHZHIA,
            "Russian guided aerial bombs struck an industrial site in Zaporizhzhia",
        )],
    );
    let out = ingest(&mut store, &wire);
    assert_eq!(out.events, std::slice::from_ref(&event_id));
    let before = store.stats().unwrap();
    // The same version again, and an older one, add nothing.
    assert_eq!(
        ingest(&mut store, &first).duplicate_of,
        Some(first.document.doc.clone())
    );
    let older = channel_post(
        "2025-04-14T06:00:00+00:00",
        "Guided bombs hit Zaporizhzhia. Details later.",
        "Guided bombs hit Zaporizhzhia",
    );
    assert!(ingest(&mut store, &older).is_duplicate());
    assert_eq!(store.stats().unwrap(), before);
    // The edit replaces the post: one document of that id, the new text's evidence only.
    let edited = channel_post(
        "2025-04-14T11:02:48+03:00",
        "Guided bombs hit Zaporizhzhia on Monday morning. One person was killed and four injured.",
        "Guided bombs hit Zaporizhzhia on Monday morning",
    );
    let out = ingest(&mut store, &edited);
    assert!(!out.is_duplicate());
    assert_eq!(out.replaced, Some(edited.document.doc.clone()));
    assert_eq!(
        out.events,
        std::slice::from_ref(&event_id),
        "the edit joins the same event"
    );
    let after = store.stats().unwrap();
    assert_eq!(
        (after.documents, after.events, after.reports),
        (before.documents, before.events, before.reports)
    );
    let ev = store.event(&event_id.0).unwrap().expect("the event stays");
    let docs: Vec<&str> = ev.reports.iter().map(|r| r.doc.0.as_str()).collect();
    assert_eq!(docs, ["wire.txt", "t.me/c/1873304519/2105"]);
    assert_eq!(ev.sources.len(), 2);
    assert!(store
        .has_document(&content_hash(&edited.document.text))
        .unwrap());
    assert!(!store
        .has_document(&content_hash(&first.document.text))
        .unwrap());
    // An edit that no longer reports the strike withdraws the post's report; an event only the
    // post reported goes with it.
    let mut retracted = channel_post(
        "2025-04-14T12:00:00Z",
        "Correction: the explosions in Zaporizhzhia were a controlled demolition.",
        "",
    );
    retracted.events.clear();
    let only = article(
        "t.me/c/1873304519/2200",
        "South Monitor",
        None,
        "2025-04-20",
        "Drones struck Odesa port overnight.",
        &[spec(
            EventKind::DroneStrike,
            "2025-04-20",
            ODESA,
            "Drones struck Odesa port overnight",
        )],
    );
    let mut only = only;
    only.document.revision = Some("2025-04-20T01:00:00Z".into());
    ingest(&mut store, &only);
    let mut only_edit = only.clone();
    only_edit.document.revision = Some("2025-04-20T02:00:00Z".into());
    only_edit.document.text = "Sirens sounded in Odesa overnight; no damage was reported.".into();
    only_edit.events.clear();
    let events_before = store.stats().unwrap().events;
    ingest(&mut store, &retracted);
    ingest(&mut store, &only_edit);
    let ev = store
        .event(&event_id.0)
        .unwrap()
        .expect("still reported by the wire");
    assert_eq!(ev.sources.len(), 1);
    assert_eq!(ev.sources[0].doc.0, "wire.txt");
    assert_eq!(store.stats().unwrap().events, events_before - 1);
    assert_eq!(store.stats().unwrap().documents, 3);
    // Two documents without a revision that share an id are two documents.
    let a = article(
        "same.txt",
        "A",
        None,
        "2025-01-01",
        "Shelling hit Nikopol.",
        &[],
    );
    let b = article("same.txt", "B", None, "2025-01-02", "Drones hit Sumy.", &[]);
    ingest_all(&mut store, &[a, b]);
    assert_eq!(store.stats().unwrap().documents, 5);
}

/// Paging with a cursor yields every matching event once, in query order, whatever the page
/// size; the last page has no next cursor; a foreign cursor is refused.
pub fn check_paging<S: Store>(mut store: S) {
    let mut recs = all_fixtures();
    // More events on days that already have one, and undated ones, so that pages end inside a
    // day and among undated events.
    const TEXTS: [&str; 9] = [
        "Night watchmen heard a loud blast near the rail depot and called firefighters.",
        "Volunteers delivered generators and blankets to villages left without power.",
        "A transformer station burned for hours after what residents described as sabotage.",
        "Police cordoned off the embankment while sappers examined an unexploded device.",
        "Aid convoys reached the frontline town after a week of negotiations over access.",
        "The mayor said a warehouse fire destroyed grain stocks and two lorries overnight.",
        "Teachers moved lessons underground as sirens sounded repeatedly during the morning.",
        "Engineers restored the water supply to most districts by late afternoon on Sunday.",
        "A railway bridge was damaged in an explosion that officials blamed on saboteurs.",
    ];
    for (i, text) in TEXTS.iter().enumerate() {
        let mut r = other_reports().remove(i % 2);
        r.document.doc = sitrep_model::DocId(format!("extra-{i}.txt"));
        r.document.url = None;
        r.document.outlet = Some(format!("Local Paper {i}"));
        r.document.text = text.to_string();
        if i % 3 == 0 {
            r.events[0].date = None;
            r.document.published = None;
        }
        r.events[0].kind = [EventKind::Sabotage, EventKind::Explosion, EventKind::Aid][i % 3];
        recs.push(r);
    }
    ingest_all(&mut store, &recs);
    for filter in [
        EventFilter::default(),
        EventFilter {
            country: Some("UA".into()),
            ..Default::default()
        },
        EventFilter {
            near: Some(Near {
                lat: 49.0,
                lon: 32.0,
                radius_km: 400.0,
            }),
            ..Default::default()
        },
        EventFilter {
            since: NaiveDate::from_ymd_opt(2025, 1, 1),
            ..Default::default()
        },
    ] {
        let all = store.events(&filter).unwrap();
        assert!(all.len() >= 3, "{filter:?}");
        for size in [1, 2, 3, all.len(), all.len() + 5] {
            let mut seen = Vec::new();
            let mut cursor = None;
            loop {
                let page = store
                    .events_page(&EventFilter {
                        limit: Some(size),
                        cursor: cursor.clone(),
                        ..filter.clone()
                    })
                    .unwrap();
                assert!(page.events.len() <= size);
                let via_events = store
                    .events(&EventFilter {
                        limit: Some(size),
                        cursor: cursor.clone(),
                        ..filter.clone()
                    })
                    .unwrap();
                assert_eq!(via_events, page.events, "events() honours the cursor");
                seen.extend(page.events);
                match page.next {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
                assert!(seen.len() <= all.len(), "pages never repeat");
            }
            assert_eq!(seen, all, "pages of {size} with {filter:?}");
        }
        let unlimited = store.events_page(&filter).unwrap();
        assert_eq!((unlimited.events, unlimited.next), (all, None));
    }
    let undated = store.events(&EventFilter::default()).unwrap();
    assert!(undated.last().unwrap().event.date.is_none(), "undated last");
    for bad in ["", "nonsense", "s1.20250304", "999999999999999999999999"] {
        let err = store
            .events_page(&EventFilter {
                cursor: Some(bad.into()),
                ..Default::default()
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::BadCursor { .. }), "{bad}: {err}");
    }
}

/// Every creation and every change of an event gets the next number of the change feed, and
/// reading from any number gives exactly the entries after it.
pub fn check_change_feed<S: Store>(mut store: S) {
    assert_eq!(store.latest_change().unwrap(), 0);
    assert!(store.changes_since(0, 100).unwrap().is_empty());
    let kyiv = kyiv_reports();
    ingest_all(&mut store, &kyiv[..1]);
    let first = store.changes_since(0, 100).unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].kind, ChangeKind::Created);
    assert_eq!(store.latest_change().unwrap(), first[0].seq);
    let id = first[0].event.event.id.clone();
    ingest_all(&mut store, &kyiv[1..3]);
    ingest_all(&mut store, &other_reports());
    let all = store.changes_since(0, 100).unwrap();
    let kinds: Vec<(ChangeKind, bool)> = all
        .iter()
        .map(|c| (c.kind, c.event.event.id == id))
        .collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::Created, true),
            (ChangeKind::Updated, true),
            (ChangeKind::Updated, true),
            (ChangeKind::Created, false),
            (ChangeKind::Created, false),
        ]
    );
    assert!(all.windows(2).all(|w| w[0].seq < w[1].seq), "increasing");
    assert_eq!(store.latest_change().unwrap(), all[4].seq);
    // An entry carries the event as it is now, as queries return it.
    let now = store.event(&id.0).unwrap().unwrap();
    assert_eq!(all[0].event.sources.len(), 3);
    assert_eq!(
        all[0].event,
        StoredEvent {
            reports: vec![],
            ..now
        }
    );
    for (i, c) in all.iter().enumerate() {
        let rest = store.changes_since(c.seq, 100).unwrap();
        assert_eq!(rest, all[i + 1..], "after {}", c.seq);
    }
    assert_eq!(store.changes_since(all[0].seq, 2).unwrap(), all[1..3]);
    assert!(store.changes_since(u64::MAX, 10).unwrap().is_empty());
    // A duplicate changes nothing and adds no entry.
    let before = store.latest_change().unwrap();
    let again = &kyiv[0];
    let out = store
        .ingest_document(again, &content_hash(&again.document.text))
        .unwrap();
    assert!(out.is_duplicate());
    assert_eq!(store.latest_change().unwrap(), before);
    // A batch numbers its changes in order too.
    let hashes = content_hashes(&kyiv[3..]);
    store
        .ingest_batch(&with_hashes(&kyiv[3..], &hashes))
        .unwrap();
    let batch = store.changes_since(before, 100).unwrap();
    assert_eq!(batch.len(), 2);
    assert!(batch
        .iter()
        .all(|c| c.kind == ChangeKind::Updated && c.event.event.id == id));
    assert_eq!(batch[1].event.sources.len(), 5);
}

/// Summaries say what the events say, for any filter, in query order.
pub fn check_summaries<S: Store>(mut store: S) {
    let mut recs = all_fixtures();
    let mut vague = other_reports().remove(1);
    vague.document.url = None;
    vague.document.text = "Shelling was reported in the east, officials said.".into();
    vague.events[0].location = None;
    vague.events[0].date = None;
    recs.push(vague);
    ingest_all(&mut store, &recs);
    for filter in [
        EventFilter::default(),
        EventFilter {
            kind: Some(EventKind::MissileStrike),
            ..Default::default()
        },
        EventFilter {
            near: Some(Near {
                lat: 50.45,
                lon: 30.52,
                radius_km: 10.0,
            }),
            ..Default::default()
        },
        EventFilter {
            limit: Some(2),
            ..Default::default()
        },
    ] {
        let expected: Vec<EventSummary> = store
            .events(&filter)
            .unwrap()
            .iter()
            .map(EventSummary::of)
            .collect();
        assert_eq!(store.summaries(&filter).unwrap(), expected, "{filter:?}");
        // Days counted as the summaries count them.
        let mut days: Vec<(NaiveDate, u64)> = Vec::new();
        let mut undated = 0;
        let unlimited = EventFilter {
            limit: None,
            ..filter.clone()
        };
        for s in store.summaries(&unlimited).unwrap() {
            match s.start {
                Some(d) => match days.iter_mut().find(|(x, _)| *x == d) {
                    Some((_, n)) => *n += 1,
                    None => days.push((d, 1)),
                },
                None => undated += 1,
            }
        }
        days.sort();
        assert_eq!(
            store.day_counts(&filter).unwrap(),
            crate::DayCounts { days, undated },
            "{filter:?}"
        );
    }
    let all = store.summaries(&EventFilter::default()).unwrap();
    let kyiv = all
        .iter()
        .find(|s| s.admin1.as_deref() == Some("Kyiv City"))
        .unwrap();
    assert_eq!(
        kyiv.outlets,
        [
            "Ukrinform",
            "Reuters",
            "Kyiv Independent",
            "TASS",
            "RIA Novosti"
        ]
    );
    assert_eq!(kyiv.start, NaiveDate::from_ymd_opt(2025, 3, 4));
    assert_eq!(kyiv.precision, Some(LocationPrecision::Place));
    assert_eq!(kyiv.independent_sources, 5);
    assert_eq!(kyiv.weapons, ["Kh-101"]);
    let last = all.last().unwrap();
    assert_eq!((last.start, last.lat, last.precision), (None, None, None));
}

/// Runs every check, each on a fresh store from `make`.
pub fn conformance_suite<S: Store>(make: impl Fn() -> S) {
    check_paging(make());
    check_change_feed(make());
    check_summaries(make());
    check_ingest_and_fetch_by_id(make());
    check_batches_match_one_by_one(make(), make());
    check_idempotent(make());
    check_fusion_of_five_reports(make());
    check_distinct_events_stay_apart(make());
    check_filters(make());
    check_sparse_documents(make());
    check_revisions_replace_earlier_versions(make());
}

const CITIES: [Place; 10] = [
    KYIV,
    ODESA,
    KHARKIV,
    ("Dnipro", "Dnipropetrovsk Oblast", "UA", 48.46, 35.05),
    ("Zaporizhzhia", "Zaporizhzhia Oblast", "UA", 47.84, 35.14),
    ("Lviv", "Lviv Oblast", "UA", 49.84, 24.03),
    ("Belgorod", "Belgorod Oblast", "RU", 50.6, 36.6),
    ("Kursk", "Kursk Oblast", "RU", 51.73, 36.19),
    ("Bryansk", "Bryansk Oblast", "RU", 53.24, 34.36),
    ("Sumy", "Sumy Oblast", "UA", 50.91, 34.8),
];
const OUTLETS: [&str; 7] = [
    "Reuters",
    "AP",
    "AFP",
    "Ukrinform",
    "TASS",
    "Kyiv Independent",
    "BBC",
];
const KINDS: [EventKind; 5] = [
    EventKind::MissileStrike,
    EventKind::DroneStrike,
    EventKind::Shelling,
    EventKind::AirStrike,
    EventKind::Explosion,
];

fn mixed(i: u64) -> u64 {
    let mut x = i.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The `i`-th synthetic article: one to three events at one of ten cities over about a year, so
/// that some reports of later articles merge with earlier ones. Same `i`, same record.
pub fn synthetic_record(i: usize) -> DocumentRecord {
    let r = mixed(i as u64);
    let outlet = OUTLETS[(r % 7) as usize];
    let base = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or_default();
    let day = base + chrono::Duration::days(((r >> 8) % 365) as i64);
    let n_events = 1 + (r >> 20) % 3;
    let mut text = format!("Report {i} by {outlet} published {day}.");
    let mut events = Vec::new();
    for k in 0..n_events {
        let rk = mixed(r ^ (k + 1));
        let city = CITIES[(rk % 10) as usize];
        let kind = KINDS[((rk >> 8) % 5) as usize];
        let start = text.len() + 1;
        let sentence = format!(
            " A {} hit {} on {day}, officials said, with {} launched and {} shot down.",
            kind.as_str().replace('_', " "),
            city.0,
            (rk >> 16) % 20 + 1,
            (rk >> 24) % 5,
        );
        text.push_str(&sentence);
        let end = text.len();
        let date = PartialDate::from_naive(day);
        events.push(Event {
            id: EventId(format!("syn{i}-{k}")),
            kind,
            acled: kind.acled(false),
            date: Some(EventDate {
                start: date,
                end: date,
                precision: DatePrecision::Day,
                text: day.to_string(),
                year_inferred: false,
                span: None,
            }),
            location: Some(Location {
                name: city.0.into(),
                country: Some(city.2.into()),
                admin1: Some(city.1.into()),
                lat: Some(city.3),
                lon: Some(city.4),
                precision: LocationPrecision::Place,
                text: city.0.into(),
                id: None,
                span: None,
            }),
            attacker: None,
            target: None,
            weapons: vec![],
            counts: Counts {
                launched: Some(Count::exact((rk >> 16) % 20 + 1)),
                intercepted: Some(Count::exact((rk >> 24) % 5)),
                killed: None,
                injured: None,
            },
            claims: vec![Claim {
                source: format!("{} officials", city.0),
                stance: Stance::Asserts,
                text: sentence.trim().into(),
                start,
                end,
            }],
            status: Status::Claimed,
            evidence: vec![Evidence {
                start,
                end,
                text: sentence.trim().into(),
            }],
            provenance: vec![],
        });
    }
    DocumentRecord {
        document: Document {
            doc: DocId(format!("syn-{i}.txt")),
            outlet: Some(outlet.into()),
            published: Some(day),
            language: Some("en".into()),
            url: Some(format!(
                "https://{}.example/{i}",
                outlet.to_lowercase().replace(' ', "-")
            )),
            text,
            ..Document::default()
        },
        events,
        mentions: None,
    }
}

/// The `i`-th synthetic fused event, spread over about three years and a box around Ukraine,
/// for loading large stores with [`crate::SqliteStore::import_fused`].
pub fn synthetic_event(i: usize) -> StoredEvent {
    let mut rec = synthetic_record(i);
    let r = mixed(i as u64 ^ 0x5555);
    let mut event = rec.events.swap_remove(0);
    event.id = EventId(format!("bench-{i}"));
    let day = NaiveDate::from_ymd_opt(2022, 2, 24).unwrap_or_default()
        + chrono::Duration::days((r % 1100) as i64);
    let date = PartialDate::from_naive(day);
    if let Some(d) = &mut event.date {
        d.start = date;
        d.end = date;
    }
    if let Some(l) = &mut event.location {
        l.lat = Some(44.0 + (r >> 12) as f64 % 10_000.0 / 1000.0);
        l.lon = Some(22.0 + (r >> 28) as f64 % 18_000.0 / 1000.0);
    }
    let n_sources = 1 + ((r >> 40) % 6) as usize;
    let sources = (0..n_sources)
        .map(|k| Source {
            doc: DocId(format!("bench-{i}-{k}")),
            outlet: Some(OUTLETS[k % 7].into()),
            url: None,
            published: Some(day),
        })
        .collect();
    StoredEvent {
        event,
        sources,
        independent_sources: n_sources,
        contradictions: vec![],
        updates: vec![],
        first_seen: "2025-01-01T00:00:00Z".into(),
        last_updated: "2025-01-01T00:00:00Z".into(),
        reports: vec![],
    }
}
