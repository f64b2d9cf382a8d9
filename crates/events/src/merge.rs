//! From frames to events: one event per real happening, with its status.
//!
//! [`merge`] groups a document's [`Frame`]s into clusters. Frames with a place or a date join
//! the latest compatible cluster they are linked to (same place, same day and kind, or a
//! shared weapon system); frames with neither refer back to an event already reported
//! ("the strike", "five missiles were intercepted"); a headline joins the first event it
//! fits. [`build_event`] turns a cluster into a [`sitrep_model::Event`] and [`status`] applies
//! the contract's status rules.

use crate::counts::max_count;
use crate::frames::{family, rank_kind, ClaimInfo, DateQuality, Frame};
use crate::weapons::kind_of_class;
use sitrep_model::{
    stable_id, Count, Counts, DatePrecision, Document, Event, EventDate, EventId, EventKind,
    Evidence, Feature, Location, LocationPrecision, PartialDate, Place, Side, Span, Stance, Status,
};

fn km(a: &Place, b: &Place) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Two places can be the scene of one event: the same record, one inside the other, or near.
pub fn places_compatible(a: &Place, b: &Place) -> bool {
    if a.id == b.id && !a.id.is_empty() {
        return true;
    }
    let inside = |small: &Place, big: &Place| match big.feature {
        Feature::Country => small.country.is_some() && small.country == big.country,
        Feature::Admin1 | Feature::Region => {
            small.admin1.as_deref().is_some_and(|x| x == big.name) || km(small, big) < 150.0
        }
        _ => false,
    };
    if inside(a, b) || inside(b, a) {
        return true;
    }
    a.country == b.country && km(a, b) < 30.0
}

fn days_apart(a: &EventDate, b: &EventDate) -> Option<i64> {
    let (x, y) = (a.start, b.start);
    match (x.year, y.year) {
        (Some(_), Some(_)) => Some((x.to_naive()? - y.to_naive()?).num_days().abs()),
        _ => {
            let ny = 2000;
            let xa = chrono::NaiveDate::from_ymd_opt(ny, x.month, x.day)?;
            let ya = chrono::NaiveDate::from_ymd_opt(ny, y.month, y.day)?;
            Some((xa - ya).num_days().abs())
        }
    }
}

fn kinds_compatible(a: &Frame, b: &Frame) -> bool {
    a.kind == b.kind
        || a.strength < 3
        || b.strength < 3
        || a.kind == EventKind::Interception
        || b.kind == EventKind::Interception
}

fn specific_weapons(f: &Frame) -> impl Iterator<Item = &str> {
    f.weapons
        .iter()
        .filter(|w| !w.generic)
        .map(|w| w.name.as_str())
}

/// A cluster of frames that report one happening.
#[derive(Debug, Default)]
pub struct Cluster {
    pub frames: Vec<Frame>,
}

impl Cluster {
    fn body(&self) -> impl Iterator<Item = &Frame> {
        self.frames.iter().filter(|f| !f.heading)
    }

    fn family(&self) -> u8 {
        family(self.frames[0].kind)
    }

    /// Whether `f` may join, and whether something positively links it.
    fn fits(&self, f: &Frame) -> (bool, bool) {
        let mut link = false;
        let country = |p: &Place| p.feature == Feature::Country;
        let local = |p: &Place| place_rank(p) >= place_rank_of(Feature::City);
        for g in &self.frames {
            if family(g.kind) != family(f.kind) {
                return (false, false);
            }
            let mut scene_differs = false;
            if family(f.kind) == 2 {
                if g.kind != f.kind {
                    return (false, false);
                }
            } else if !kinds_compatible(f, g) {
                return (false, false);
            }
            if let (Some(a), Some(b)) = (&f.place, &g.place) {
                if !places_compatible(&a.0, &b.0) {
                    return (false, false);
                }
                // A whole country and a place in it do not make one scene: "Russia attacked
                // Ukraine overnight" and "a drone hit a warehouse in Shostka" are the attack
                // and one of its impacts, each located on its own.
                scene_differs = country(&a.0) && local(&b.0) || country(&b.0) && local(&a.0);
                if !scene_differs {
                    link = true;
                }
            }
            if family(f.kind) != 2 {
                if let (Some(a), Some(b)) = (&f.date, &g.date) {
                    match days_apart(&a.0, &b.0) {
                        Some(d) if d <= 1 => {
                            // The same day links reports of one kind, or two placed reports
                            // of one scene; an attack of unstated means with no place of its
                            // own ("its forces carried out a massive strike overnight")
                            // joins the day's attack on the whole country.
                            let broad = |p: &Option<(Place, Span, String)>| {
                                p.as_ref().is_none_or(|x| !local(&x.0))
                            };
                            if f.kind == g.kind && f.place.is_none() == g.place.is_none()
                                || f.place.is_some() && g.place.is_some() && !scene_differs
                                || f.place.is_none()
                                    && (f.strength <= 2 || f.definite || f.kind == g.kind)
                                    && broad(&g.place)
                            {
                                link = true;
                            }
                        }
                        _ => return (false, false),
                    }
                }
            }
            if let (Some(a), Some(b)) = (&f.attacker, &g.attacker) {
                if a.0 != b.0 {
                    return (false, false);
                }
            }
            if specific_weapons(f).any(|w| specific_weapons(g).any(|x| x == w)) {
                link = true;
            }
            if f.sent == g.sent {
                link = true;
            }
            if family(f.kind) == 2 {
                link = true;
            }
        }
        (true, link)
    }
}

/// Groups frames into clusters, one per happening.
pub fn merge(frames: Vec<Frame>) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let (heads, body): (Vec<Frame>, Vec<Frame>) = frames.into_iter().partition(|f| f.heading);
    let (anchored, loose): (Vec<Frame>, Vec<Frame>) = body.into_iter().partition(|f| {
        // "the strike on Sunday" with no place refers back; it does not found an event.
        f.anchored()
            && !(f.kind == EventKind::Interception && f.place.is_none())
            && !(f.definite && f.place.is_none())
    });
    for f in anchored {
        let best = clusters.iter().rposition(|c| {
            let (ok, link) = c.fits(&f);
            ok && link
        });
        match best {
            Some(i) => clusters[i].frames.push(f),
            None => clusters.push(Cluster { frames: vec![f] }),
        }
    }
    for f in loose {
        // Interceptions and anaphoric mentions ("the strike") belong to the nearest event
        // reported before them that they fit; a mention of a kind reported once belongs to it.
        let fam = family(f.kind);
        let same_kind: Vec<usize> = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.frames.iter().any(|g| g.kind == f.kind) && c.fits(&f).0)
            .map(|(i, _)| i)
            .collect();
        let nearest_before = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.family() == fam && c.fits(&f).0)
            .filter_map(|(i, c)| {
                c.body()
                    .filter(|g| g.sent <= f.sent && g.para + 2 >= f.para)
                    .map(|g| g.sent)
                    .max()
                    .map(|s| (s, i))
            })
            .max()
            .map(|(_, i)| i);
        let useful = f.attacker.is_some()
            || f.target.is_some()
            || f.weapons.iter().any(|w| !w.generic)
            || f.counts != Counts::default()
            || f.strength >= 3 && f.kind != EventKind::ArmedClash
            || !f.claims.is_empty() && (f.definite || f.strength >= 3);
        let choice = if same_kind.len() == 1 && fam != 0 || same_kind.len() == 1 && f.strength >= 3
        {
            Some(same_kind[0])
        } else if f.kind == EventKind::Interception || f.definite || fam != 0 || useful {
            nearest_before.or_else(|| same_kind.first().copied())
        } else {
            None
        };
        match choice {
            Some(i) => clusters[i].frames.push(f),
            None if useful || fam != 0 => clusters.push(Cluster { frames: vec![f] }),
            None => {}
        }
    }
    for f in heads {
        let fit = clusters.iter().position(|c| {
            c.family() == family(f.kind) && c.fits(&f).0 && c.body().next().is_some()
        });
        match fit {
            Some(i) => clusters[i].frames.push(f),
            None if f.anchored() || f.attacker.is_some() || f.strength >= 3 => {
                clusters.push(Cluster { frames: vec![f] })
            }
            None => {}
        }
    }
    for c in &mut clusters {
        c.frames.sort_by_key(|f| (f.sent, f.trigger.start));
    }
    clusters.sort_by_key(|c| {
        c.frames
            .iter()
            .filter(|f| !f.heading)
            .map(|f| f.sent)
            .min()
            .unwrap_or(0)
    });
    clusters
}

fn precision_of(p: &Place) -> LocationPrecision {
    match p.feature {
        Feature::Country => LocationPrecision::Country,
        Feature::Admin1 | Feature::Region => LocationPrecision::Admin1,
        _ => LocationPrecision::Place,
    }
}

fn place_rank(p: &Place) -> u8 {
    place_rank_of(p.feature)
}

fn place_rank_of(f: Feature) -> u8 {
    match f {
        Feature::Airport | Feature::Facility => 5,
        Feature::City | Feature::Other => 4,
        Feature::Admin2 => 3,
        Feature::Admin1 | Feature::Region => 2,
        Feature::Country => 1,
    }
}

/// The contract's status, first match wins: denied, disputed, confirmed, claimed,
/// unverified, reported. Blame is a claim of its own and does not make an event claimed.
pub fn status(
    claims: &[ClaimInfo],
    acting: Option<Side>,
    unverified: bool,
    outlet_states: bool,
) -> Status {
    // Each side blaming the other ("Kyiv and Moscow traded accusations") is a dispute.
    let blames = |side: Side| claims.iter().any(|c| c.blame && c.side == Some(side));
    if blames(Side::Ukraine) && blames(Side::Russia) {
        return Status::Disputed;
    }
    let named: Vec<&ClaimInfo> = claims.iter().filter(|c| !c.blame).collect();
    let denies = named.iter().filter(|c| c.claim.stance == Stance::Denies);
    let asserts: Vec<&&ClaimInfo> = named
        .iter()
        .filter(|c| matches!(c.claim.stance, Stance::Asserts | Stance::Alleges))
        .collect();
    let mut any_deny = false;
    for d in denies {
        any_deny = true;
        if acting.is_some() && d.side == acting {
            return Status::Denied;
        }
    }
    if any_deny && !asserts.is_empty() {
        return Status::Disputed;
    }
    if any_deny && acting.is_none() {
        return Status::Denied;
    }
    let official = |c: &ClaimInfo| {
        // Officials speak for institutions; a journalist's or an outlet's report is not an
        // official account of either side.
        matches!(
            c.kind,
            sitrep_model::ActorKind::Institution
                | sitrep_model::ActorKind::ArmedForce
                | sitrep_model::ActorKind::State
        )
    };
    let confirmed_by_actor = asserts
        .iter()
        .any(|c| c.confirm && acting.is_some() && c.side == acting);
    let ua = asserts
        .iter()
        .any(|c| official(c) && c.side == Some(Side::Ukraine));
    let ru = asserts
        .iter()
        .any(|c| official(c) && c.side == Some(Side::Russia));
    if confirmed_by_actor || (ua && ru) {
        return Status::Confirmed;
    }
    // Reported as fact by the outlet itself, whoever else also speaks of it.
    if outlet_states {
        return Status::Reported;
    }
    if !asserts.is_empty() {
        return Status::Claimed;
    }
    if unverified || named.iter().any(|c| c.claim.stance == Stance::Unverified) {
        return Status::Unverified;
    }
    Status::Reported
}

/// One event from a cluster of frames.
pub fn build_event(doc: &Document, c: &Cluster) -> Event {
    let body: Vec<&Frame> = c.frames.iter().filter(|f| !f.heading).collect();
    let pool: Vec<&Frame> = if body.is_empty() {
        c.frames.iter().collect()
    } else {
        body.clone()
    };
    let all: Vec<&Frame> = c.frames.iter().collect();
    let first_some = |get: &dyn Fn(&Frame) -> bool| {
        pool.iter()
            .copied()
            .find(|f| get(f))
            .or_else(|| all.iter().copied().find(|f| get(f)))
    };

    // Kind: the strongest attack kind among the frames, earliest first.
    let kind_frame = pool
        .iter()
        .copied()
        .max_by_key(|f| (rank_kind(f.kind, f.strength), std::cmp::Reverse(f.sent)))
        .unwrap_or(&c.frames[0]);
    // An attack of unstated means takes its kind from the weapons of the whole report: "the
    // attack" after "air defence shot down 40 drones" was a drone attack.
    let kind = match kind_frame.kind {
        EventKind::Strike => c
            .frames
            .iter()
            .flat_map(|f| &f.weapons)
            .filter(|w| !w.target)
            .find_map(|w| kind_of_class(w.class))
            .unwrap_or(EventKind::Strike),
        k => k,
    };
    let agreed = c.frames.iter().any(|f| f.agreed);

    let date_frame = pool
        .iter()
        .copied()
        .filter(|f| f.date.is_some())
        .max_by_key(|f| {
            (
                f.date.as_ref().map(|d| d.1).unwrap_or(DateQuality::Now),
                std::cmp::Reverse(f.sent),
            )
        })
        .or_else(|| all.iter().copied().find(|f| f.date.is_some()));
    let mut date = date_frame.and_then(|f| f.date.as_ref().map(|d| d.0.clone()));
    // A report that gives no date tells of something that happened on or before the day it
    // was published; the precision says so.
    let reported_date = date.is_none() && doc.published.is_some();
    if date.is_none() {
        date = doc.published.map(|p| {
            let d = PartialDate::from_naive(p);
            EventDate {
                start: d,
                end: d,
                precision: DatePrecision::Reported,
                text: String::new(),
                year_inferred: false,
                span: None,
            }
        });
    }

    let place_frame = pool
        .iter()
        .copied()
        .filter(|f| f.place.is_some())
        .max_by_key(|f| {
            (
                f.place.as_ref().map_or(0, |p| place_rank(&p.0)),
                std::cmp::Reverse(f.sent),
            )
        })
        .or_else(|| all.iter().copied().find(|f| f.place.is_some()));
    let location = place_frame
        .and_then(|f| f.place.as_ref())
        .map(|(p, span, text)| location_of(p, *span, text));

    let attacker_frame = first_some(&|f| f.attacker.is_some());
    let mut attacker = attacker_frame.and_then(|f| f.attacker.clone());
    let target_frame = pool
        .iter()
        .copied()
        .filter(|f| f.target.is_some())
        .max_by_key(|f| {
            (
                f.target.as_ref().map_or(0, |t| t.0.len()),
                std::cmp::Reverse(f.sent),
            )
        })
        .or_else(|| all.iter().copied().find(|f| f.target.is_some()));
    let target = target_frame
        .and_then(|f| f.target.as_ref())
        .map(|t| t.0.clone());

    let mut weapons: Vec<String> = Vec::new();
    let named_kinds: Vec<Option<EventKind>> = all
        .iter()
        .flat_map(|f| &f.weapons)
        .filter(|w| !w.generic)
        .map(|w| kind_of_class(w.class))
        .collect();
    for f in &all {
        for w in &f.weapons {
            // A class word ("cruise missiles") only when no system of its kind is named:
            // "119 drones and two Iskander-M missiles" keeps the drones.
            let named = w.generic && named_kinds.contains(&kind_of_class(w.class));
            if !named && !weapons.contains(&w.name) {
                weapons.push(w.name.clone());
            }
        }
    }
    // A class word inside a more precise one says nothing more: "missile" beside "cruise
    // missile".
    let all_names = weapons.clone();
    weapons.retain(|w| {
        !all_names
            .iter()
            .any(|o| o != w && o.ends_with(&format!(" {w}")))
    });

    let mut counts = Counts::default();
    let pick = |slot: &mut Option<Count>, v: Option<Count>| {
        if let Some(v) = v {
            *slot = Some(match *slot {
                Some(p) => max_count(p, v),
                None => v,
            });
        }
    };
    for f in &pool {
        pick(&mut counts.launched, f.counts.launched);
        pick(&mut counts.intercepted, f.counts.intercepted);
        pick(&mut counts.killed, f.counts.killed);
        pick(&mut counts.injured, f.counts.injured);
    }

    // Claims: one per source and stance; a state's claim gives way to its own institutions'.
    let mut infos: Vec<ClaimInfo> = Vec::new();
    // Body sentences first: a source's claim quotes its report rather than a headline.
    let body_first = pool.iter().chain(
        all.iter()
            .filter(|f| f.heading && !pool.iter().any(|p| std::ptr::eq(*p, **f))),
    );
    for f in body_first {
        for ci in &f.claims {
            if let Some(prev) = infos.iter_mut().find(|x| x.claim.source == ci.claim.source) {
                if stance_rank(ci.claim.stance) > stance_rank(prev.claim.stance) {
                    *prev = ci.clone();
                }
                continue;
            }
            infos.push(ci.clone());
        }
    }
    let snapshot = infos.clone();
    infos.retain(|c| {
        c.kind != sitrep_model::ActorKind::State
            || !snapshot.iter().any(|o| {
                o.kind != sitrep_model::ActorKind::State
                    && o.country.is_some()
                    && o.country == c.country
                    && o.claim.stance == c.claim.stance
            })
    });
    // "The enemy attacked": the enemy of whoever says so.
    let mut enemy_rule = false;
    if attacker.is_none() && c.frames.iter().any(|f| f.enemy) {
        let speaker = infos
            .iter()
            .find_map(|i| i.side.filter(|s| matches!(s, Side::Ukraine | Side::Russia)));
        // Without a speaker, the enemy of the country attacked: "the enemy attacked the
        // Odesa region".
        let attacked = location.as_ref().and_then(|l| match l.country.as_deref() {
            Some("UA") => Some(Side::Ukraine),
            Some("RU") => Some(Side::Russia),
            _ => None,
        });
        attacker = match speaker.or(attacked) {
            Some(Side::Ukraine) => Some((
                "Russian Armed Forces".to_string(),
                Some(Side::Russia),
                Span::new(0, 0),
            )),
            Some(Side::Russia) => Some((
                "Armed Forces of Ukraine".to_string(),
                Some(Side::Ukraine),
                Span::new(0, 0),
            )),
            _ => None,
        };
        enemy_rule = attacker.is_some();
    }
    let acting = attacker.as_ref().and_then(|a| a.1);
    let unverified = all.iter().any(|f| f.unverified);
    // The outlet states the happening in its own words, not only through sources: a body
    // sentence that reports it anew ("Russia hit Kyiv with cruise missiles"), not a headline
    // and not a later reference to it ("the strike").
    let outlet_states = c.frames.iter().any(|f| {
        f.claims.is_empty()
            && !f.hedged
            && !f.unverified
            && !f.background
            && !f.heading
            && !f.definite
    });
    let st = status(&infos, acting, unverified, outlet_states);

    let mut evidence: Vec<Evidence> = Vec::new();
    for f in &all {
        if !evidence.iter().any(|e| e.start == f.sentence.start) {
            evidence.push(Evidence {
                start: f.sentence.start,
                end: f.sentence.end,
                text: doc
                    .text
                    .get(f.sentence.start..f.sentence.end)
                    .unwrap_or("")
                    .to_string(),
            });
        }
    }
    evidence.sort_by_key(|e| e.start);

    // Provenance: the kind trigger of the chosen frame, and every field's source words from
    // the frames that supplied the field.
    let mut provenance = Vec::new();
    let chosen = |field: &str, fr: Option<&Frame>, out: &mut Vec<sitrep_model::FieldSource>| {
        if let Some(fr) = fr {
            out.extend(fr.provenance.iter().filter(|p| p.field == field).cloned());
        }
    };
    chosen("kind", Some(kind_frame), &mut provenance);
    chosen("date", date_frame, &mut provenance);
    if reported_date {
        provenance.push(sitrep_model::FieldSource {
            field: "date".into(),
            start: 0,
            end: 0,
            text: String::new(),
            rule: "no date in the text: on or before the publication date".into(),
        });
    }
    chosen("location", place_frame, &mut provenance);
    if enemy_rule {
        provenance.push(sitrep_model::FieldSource {
            field: "attacker".into(),
            start: 0,
            end: 0,
            text: "enemy".into(),
            rule: "\"the enemy\" in the words of a source of the other side".into(),
        });
    } else {
        chosen("attacker", attacker_frame, &mut provenance);
    }
    chosen("target", target_frame, &mut provenance);
    for f in &all {
        for p in &f.provenance {
            if matches!(
                p.field.as_str(),
                "weapons" | "launched" | "intercepted" | "killed" | "injured" | "claims"
            ) && !provenance.contains(p)
            {
                provenance.push(p.clone());
            }
        }
    }

    Event {
        id: event_id(&doc.doc, kind, &evidence, location.as_ref()),
        kind,
        acled: kind.acled(agreed),
        date,
        location,
        attacker: attacker.map(|a| a.0),
        target,
        weapons,
        counts,
        claims: infos.into_iter().map(|c| c.claim).collect(),
        status: st,
        evidence,
        provenance,
    }
}

/// The id of an event of `kind` in document `doc` whose evidence (sorted by start) is
/// `evidence` and whose place is `location`: stable across runs, and distinct for events that
/// rest on different passages or places (two events that share a headline stay apart).
pub fn event_id(
    doc: &sitrep_model::DocId,
    kind: EventKind,
    evidence: &[Evidence],
    location: Option<&Location>,
) -> EventId {
    let passages = evidence
        .iter()
        .map(|e| format!("{}-{}", e.start, e.end))
        .chain(location.and_then(|l| l.id.clone()))
        .collect::<Vec<_>>()
        .join(",");
    EventId(stable_id(&[&doc.0, kind.as_str(), &passages]))
}

fn stance_rank(s: Stance) -> u8 {
    match s {
        Stance::Asserts => 1,
        Stance::Unverified => 2,
        Stance::Alleges => 3,
        Stance::NotConfirmed => 4,
        Stance::Denies => 5,
    }
}

/// Gives an attack of unstated means, named with no weapon, the one means the report gives for
/// its other attacks in the same country: "Other areas included Cherkasy, where one person
/// died" in a report of a missile barrage.
pub fn infer_kinds(events: &mut [Event]) {
    let country = |e: &Event| e.location.as_ref().and_then(|l| l.country.clone());
    let specific = |k: EventKind| {
        k.is_violent()
            && !matches!(
                k,
                EventKind::Strike
                    | EventKind::Explosion
                    | EventKind::Interception
                    | EventKind::ArmedClash
            )
    };
    let known: Vec<(Option<String>, EventKind)> = events
        .iter()
        .filter(|e| specific(e.kind))
        .map(|e| (country(e), e.kind))
        .collect();
    for e in events.iter_mut() {
        if e.kind != EventKind::Strike || !e.weapons.is_empty() {
            continue;
        }
        let Some(cc) = country(e) else { continue };
        let mut kinds = known
            .iter()
            .filter(|(c, _)| c.as_deref() == Some(cc.as_str()))
            .map(|(_, k)| *k);
        let Some(first) = kinds.next() else { continue };
        if kinds.all(|k| k == first) {
            e.kind = first;
            e.acled = first.acled(false);
            e.provenance.push(sitrep_model::FieldSource {
                field: "kind".into(),
                start: 0,
                end: 0,
                text: String::new(),
                rule: format!("the means of the report's other attacks in {cc}"),
            });
        }
    }
}

/// Gives an attack that names no attacker the one attacker the report names for its other
/// attacks in the same country: "A Kyiv apartment block was destroyed" in a report of Russian
/// strikes on Ukraine. Nothing is given when the report names several attackers there.
pub fn infer_attackers(events: &mut [Event]) {
    let country = |e: &Event| e.location.as_ref().and_then(|l| l.country.clone());
    let known: Vec<(Option<String>, String)> = events
        .iter()
        .filter(|e| e.kind.is_violent())
        .filter_map(|e| e.attacker.clone().map(|a| (country(e), a)))
        .collect();
    for e in events.iter_mut() {
        // Both sides fight in a clash; nothing says which one attacked.
        if e.attacker.is_some()
            || !e.kind.is_violent()
            || matches!(e.kind, EventKind::Interception | EventKind::ArmedClash)
        {
            continue;
        }
        let Some(cc) = country(e) else { continue };
        let mut names = known
            .iter()
            .filter(|(c, _)| c.as_deref() == Some(cc.as_str()))
            .map(|(_, a)| a.as_str());
        let Some(first) = names.next() else { continue };
        if names.all(|a| a == first) {
            e.attacker = Some(first.to_string());
            e.provenance.push(sitrep_model::FieldSource {
                field: "attacker".into(),
                start: 0,
                end: 0,
                text: String::new(),
                rule: format!("the attacker of the report's other attacks in {cc}"),
            });
        }
    }
}

/// Places the report's violent events that name no place at the one locality the report is
/// about (see [`crate::analysis::Analysis::report_locality`]).
pub fn place_in_locality(events: &mut [Event], locality: &(Place, Span, String)) {
    let (p, span, text) = locality;
    for e in events.iter_mut() {
        if e.location.is_some() || !e.kind.is_violent() {
            continue;
        }
        e.location = Some(location_of(p, *span, text));
        e.provenance.push(sitrep_model::FieldSource {
            field: "location".into(),
            start: span.start,
            end: span.end,
            text: text.clone(),
            rule: "the one place the report is about".into(),
        });
    }
}

/// The event location of a recognised place.
fn location_of(p: &Place, span: Span, text: &str) -> Location {
    Location {
        name: p.name.clone(),
        country: p.country.clone(),
        admin1: p
            .admin1
            .clone()
            .or_else(|| (p.feature == Feature::Admin1).then(|| p.name.clone())),
        lat: Some(p.lat),
        lon: Some(p.lon),
        precision: precision_of(p),
        text: text.to_string(),
        id: Some(p.id.clone()).filter(|s| !s.is_empty()),
        span: Some(span),
    }
}
