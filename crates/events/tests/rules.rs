//! One test per extraction rule, on sentences written for the test with mentions built by hand.

use sitrep_events::extract;
use sitrep_model::{
    Actor, ActorKind, Count, DatePrecision, DateValue, DocId, Document, Event, EventKind, Feature,
    Mention, MentionValue, PartialDate, Place, Side, Stance, Status, Weapon, WeaponClass,
};

struct Doc {
    text: String,
    mentions: Vec<Mention>,
}

impl Doc {
    fn new(text: &str) -> Self {
        Doc {
            text: text.to_string(),
            mentions: Vec::new(),
        }
    }

    fn at(&mut self, surface: &str, nth: usize, value: MentionValue) -> &mut Self {
        let start = self
            .text
            .match_indices(surface)
            .nth(nth)
            .map(|(i, _)| i)
            .expect(surface);
        self.mentions.push(Mention {
            value,
            text: surface.into(),
            start,
            end: start + surface.len(),
        });
        self
    }

    fn place(
        &mut self,
        s: &str,
        name: &str,
        cc: &str,
        feature: Feature,
        lat: f64,
        lon: f64,
    ) -> &mut Self {
        let v = MentionValue::Place(Place {
            name: name.into(),
            country: Some(cc.into()),
            admin1: None,
            lat,
            lon,
            feature,
            id: format!("test:{name}"),
            population: None,
        });
        self.at(s, 0, v)
    }

    fn actor(&mut self, s: &str, nth: usize, name: &str, kind: ActorKind, cc: &str) -> &mut Self {
        let side = match cc {
            "UA" => Some(Side::Ukraine),
            "RU" => Some(Side::Russia),
            _ => None,
        };
        let v = MentionValue::Actor(Actor {
            name: name.into(),
            kind,
            country: Some(cc.into()),
            side,
        });
        self.at(s, nth, v)
    }

    fn weapon(
        &mut self,
        s: &str,
        nth: usize,
        name: &str,
        class: WeaponClass,
        generic: bool,
    ) -> &mut Self {
        let v = MentionValue::Weapon(Weapon {
            name: name.into(),
            class,
            origin: None,
            generic,
        });
        self.at(s, nth, v)
    }

    fn date(&mut self, s: &str, m: u32, d: u32) -> &mut Self {
        let p = PartialDate::md(m, d).unwrap();
        let v = MentionValue::Date(DateValue {
            start: p,
            end: p,
            precision: DatePrecision::Day,
            year_inferred: false,
        });
        self.at(s, 0, v)
    }

    fn qty(&mut self, s: &str, nth: usize, c: Count) -> &mut Self {
        self.at(s, nth, MentionValue::Quantity(c))
    }

    fn run(&self) -> Vec<Event> {
        let doc = Document {
            doc: DocId("t.txt".into()),
            text: self.text.clone(),
            ..Document::default()
        };
        extract(&doc, &self.mentions)
    }
}

fn violent(ev: &[Event]) -> Vec<&Event> {
    ev.iter().filter(|e| e.kind.is_violent()).collect()
}

#[test]
fn counts_attach_to_the_one_strike_they_belong_to() {
    let mut d = Doc::new(
        "The ministry of defence said that on March 3 Ukrainian forces launched eight missiles at a fuel depot in the Belgorod region. \
According to the ministry, seven missiles were intercepted. No casualties were reported.",
    );
    d.actor(
        "ministry of defence",
        0,
        "Russian Ministry of Defence",
        ActorKind::Institution,
        "RU",
    )
    .actor(
        "Ukrainian forces",
        0,
        "Armed Forces of Ukraine",
        ActorKind::ArmedForce,
        "UA",
    )
    .date("March 3", 3, 3)
    .qty("eight", 0, Count::exact(8))
    .weapon("missiles", 0, "missile", WeaponClass::Missile, true)
    .place(
        "Belgorod region",
        "Belgorod Oblast",
        "RU",
        Feature::Admin1,
        50.6,
        36.6,
    )
    .qty("seven", 0, Count::exact(7));
    let ev = d.run();
    let v = violent(&ev);
    assert_eq!(v.len(), 1, "{ev:#?}");
    let e = v[0];
    assert_eq!(e.kind, EventKind::MissileStrike);
    assert_eq!(e.counts.launched, Some(Count::exact(8)));
    assert_eq!(e.counts.intercepted, Some(Count::exact(7)));
    assert_eq!(e.counts.killed, Some(Count::exact(0)));
    assert_eq!(e.counts.injured, Some(Count::exact(0)));
    assert_eq!(e.target.as_deref(), Some("fuel depot"));
    assert_eq!(e.attacker.as_deref(), Some("Armed Forces of Ukraine"));
    // "the ministry" a sentence later is the same source.
    assert!(e
        .claims
        .iter()
        .all(|c| c.source == "Russian Ministry of Defence"));
    assert_eq!(e.status, Status::Claimed);
}

#[test]
fn casualty_words_give_killed_and_injured_with_ranges() {
    let mut d = Doc::new(
        "Russian forces shelled Nikopol on March 5, leaving three dead and dozens injured.",
    );
    d.actor(
        "Russian forces",
        0,
        "Russian Armed Forces",
        ActorKind::ArmedForce,
        "RU",
    )
    .place("Nikopol", "Nikopol", "UA", Feature::City, 47.57, 34.4)
    .date("March 5", 3, 5)
    .qty("three", 0, Count::exact(3))
    .qty("dozens", 0, Count::at_least(12));
    let ev = d.run();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].kind, EventKind::Shelling);
    assert_eq!(ev[0].counts.killed, Some(Count::exact(3)));
    assert_eq!(ev[0].counts.injured, Some(Count::at_least(12)));
    assert_eq!(ev[0].attacker.as_deref(), Some("Russian Armed Forces"));
    assert_eq!(ev[0].status, Status::Reported);
    assert_eq!(ev[0].location.as_ref().unwrap().name, "Nikopol");
}

#[test]
fn refusals_to_confirm_are_not_confirmed_claims() {
    let mut d = Doc::new(
        "On May 2 Ukrainian drones reportedly struck an oil refinery in Tuapse. \
The Ukrainian General Staff declined to confirm the strike.",
    );
    d.date("May 2", 5, 2)
        .weapon("drones", 0, "drone", WeaponClass::Drone, true)
        .place("Tuapse", "Tuapse", "RU", Feature::City, 44.1, 39.07)
        .actor(
            "Ukrainian General Staff",
            0,
            "General Staff of the Armed Forces of Ukraine",
            ActorKind::Institution,
            "UA",
        );
    let ev = d.run();
    let v = violent(&ev);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].kind, EventKind::DroneStrike);
    assert!(v[0].claims.iter().any(|c| c.stance == Stance::NotConfirmed));
    assert_eq!(v[0].attacker.as_deref(), Some("Armed Forces of Ukraine"));
}

#[test]
fn denial_by_the_acting_side_makes_the_event_denied() {
    let mut d = Doc::new(
        "Russian forces struck a school in Kharkiv on April 9, the regional governor said. \
The Russian Ministry of Defence denied attacking civilian targets in Kharkiv.",
    );
    d.actor(
        "Russian forces",
        0,
        "Russian Armed Forces",
        ActorKind::ArmedForce,
        "RU",
    )
    .place("Kharkiv", "Kharkiv", "UA", Feature::City, 49.99, 36.23)
    .date("April 9", 4, 9)
    .actor(
        "regional governor",
        0,
        "Kharkiv Regional Military Administration",
        ActorKind::Institution,
        "UA",
    )
    .actor(
        "Russian Ministry of Defence",
        0,
        "Russian Ministry of Defence",
        ActorKind::Institution,
        "RU",
    );
    let ev = d.run();
    let v = violent(&ev);
    assert_eq!(v.len(), 1, "{ev:#?}");
    assert!(v[0].claims.iter().any(|c| c.stance == Stance::Denies));
    assert_eq!(v[0].status, Status::Denied);
}

#[test]
fn future_retaliation_is_a_threat_not_an_attack() {
    let mut d = Doc::new("Moscow will strike back at Kyiv, the Kremlin said on Friday.");
    d.actor("Kremlin", 0, "Kremlin", ActorKind::Institution, "RU");
    let ev = d.run();
    assert!(violent(&ev).is_empty(), "{ev:#?}");
    assert!(ev.iter().any(|e| e.kind == EventKind::Threat));
}

#[test]
fn a_question_is_not_an_attack() {
    let d = Doc::new("Has the long-awaited counteroffensive strike finally begun?");
    assert!(d.run().is_empty());
}

#[test]
fn headline_and_lead_merge_into_one_event() {
    let mut d = Doc::new(
        "Russian Missile Strike Hits Odesa Port\n\nA Russian missile strike hit the port of Odesa on July 20, damaging grain terminals, officials said.",
    );
    d.place("Odesa", "Odesa", "UA", Feature::City, 46.48, 30.72);
    d.mentions.push({
        let start = d.text.match_indices("Odesa").nth(1).unwrap().0;
        Mention {
            value: MentionValue::Place(Place {
                name: "Odesa".into(),
                country: Some("UA".into()),
                admin1: None,
                lat: 46.48,
                lon: 30.72,
                feature: Feature::City,
                id: "test:Odesa".into(),
                population: None,
            }),
            text: "Odesa".into(),
            start,
            end: start + 5,
        }
    });
    d.date("July 20", 7, 20);
    let ev = d.run();
    let v = violent(&ev);
    assert_eq!(v.len(), 1, "{ev:#?}");
    assert_eq!(v[0].evidence.len(), 2);
    assert_eq!(v[0].attacker.as_deref(), Some("Russian Armed Forces"));
}

#[test]
fn place_is_the_events_not_the_documents() {
    let mut d = Doc::new(
        "Explosions shook Kyiv overnight on June 6. Meanwhile, explosions were heard near Kursk airport on June 6.",
    );
    d.place("Kyiv", "Kyiv", "UA", Feature::City, 50.45, 30.52)
        .place(
            "Kursk airport",
            "Kursk Vostochny Airport",
            "RU",
            Feature::Airport,
            51.75,
            36.3,
        )
        .date("June 6", 6, 6);
    let p = d.text.rfind("June 6").unwrap();
    d.mentions.push(Mention {
        value: MentionValue::Date(DateValue {
            start: PartialDate::md(6, 6).unwrap(),
            end: PartialDate::md(6, 6).unwrap(),
            precision: DatePrecision::Day,
            year_inferred: false,
        }),
        text: "June 6".into(),
        start: p,
        end: p + 6,
    });
    let ev = d.run();
    let v = violent(&ev);
    assert_eq!(v.len(), 2, "{ev:#?}");
    let names: Vec<_> = v
        .iter()
        .map(|e| e.location.as_ref().unwrap().name.as_str())
        .collect();
    assert!(names.contains(&"Kyiv") && names.contains(&"Kursk Vostochny Airport"));
}

#[test]
fn no_attacker_is_guessed_from_the_target_country() {
    let mut d = Doc::new("An explosion hit a power substation in Zaporizhzhia on August 1.");
    d.place(
        "Zaporizhzhia",
        "Zaporizhzhia",
        "UA",
        Feature::City,
        47.84,
        35.14,
    )
    .date("August 1", 8, 1);
    let ev = d.run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].attacker, None);
    assert!(ev[0].provenance.iter().any(|p| p.field == "location"));
}

#[test]
fn blame_is_an_allegation_and_leaves_the_event_reported() {
    let mut d = Doc::new(
        "Putin accused Ukraine of planting explosives under a railway bridge in the Kursk region on Sunday, which left two dead.",
    );
    d.actor("Putin", 0, "Vladimir Putin", ActorKind::Person, "RU")
        .place(
            "Kursk region",
            "Kursk Oblast",
            "RU",
            Feature::Admin1,
            51.7,
            36.2,
        )
        .qty("two", 0, Count::exact(2));
    let ev = d.run();
    let v = violent(&ev);
    assert_eq!(v.len(), 1, "{ev:#?}");
    assert_eq!(v[0].kind, EventKind::Sabotage);
    assert_eq!(v[0].claims[0].stance, Stance::Alleges);
    assert_eq!(v[0].status, Status::Reported);
    assert_eq!(v[0].counts.killed, Some(Count::exact(2)));
}

#[test]
fn junk_input_never_panics() {
    for t in [
        "",
        "\u{0}\u{1}??..",
        "strike",
        "said said said.",
        "\u{201C}\u{201D}\n\n\n",
        "Київ. Удар!",
    ] {
        let d = Doc::new(t);
        let _ = d.run();
    }
}
