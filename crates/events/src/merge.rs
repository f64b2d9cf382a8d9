//! From frames to events: one event per real happening, with its status.
//!
//! [`merge`] groups a document's [`Frame`]s into clusters. Frames with a place or a date join
//! the latest compatible cluster they are linked to (same place, same day and kind, or a
//! shared weapon system); frames with neither refer back to an event already reported
//! ("the strike", "five missiles were intercepted"); a headline joins the first event it
//! fits. [`build_event`] turns a cluster into a [`sitrep_model::Event`] and [`status`] applies
//! the contract's status rules.

use crate::frames::{family, max_count, ClaimInfo, DateQuality, Frame};
use sitrep_model::{
    stable_id, Count, Counts, Document, Event, EventDate, EventId, EventKind, Evidence, Feature,
    Location, LocationPrecision, Place, Side, Stance, Status,
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
    f.weapons.iter().filter(|w| !w.1).map(|w| w.0.as_str())
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
        for g in &self.frames {
            if family(g.kind) != family(f.kind) {
                return (false, false);
            }
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
                link = true;
            }
            if family(f.kind) != 2 {
                if let (Some(a), Some(b)) = (&f.date, &g.date) {
                    match days_apart(&a.0, &b.0) {
                        Some(d) if d <= 1 => {
                            if f.kind == g.kind && f.place.is_none() == g.place.is_none()
                                || f.place.is_some() && g.place.is_some()
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
    let (anchored, loose): (Vec<Frame>, Vec<Frame>) = body
        .into_iter()
        .partition(|f| f.anchored() && !(f.kind == EventKind::Interception && f.place.is_none()));
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
            || f.weapons.iter().any(|w| !w.1)
            || f.counts != Counts::default()
            || f.strength >= 3
            || !f.claims.is_empty() && f.definite;
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
    match p.feature {
        Feature::Airport | Feature::Facility => 5,
        Feature::City | Feature::Other => 4,
        Feature::Admin2 => 3,
        Feature::Admin1 | Feature::Region => 2,
        Feature::Country => 1,
    }
}

/// The contract's status, first match wins: denied, disputed, confirmed, claimed,
/// unverified, reported. Blame is a claim of its own and does not make an event claimed.
pub fn status(claims: &[ClaimInfo], acting: Option<Side>, unverified: bool) -> Status {
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
        .max_by_key(|f| {
            let attack = u8::from(!matches!(
                f.kind,
                EventKind::Interception | EventKind::Explosion | EventKind::Strike
            ));
            (attack * f.strength, f.strength, std::cmp::Reverse(f.sent))
        })
        .unwrap_or(&c.frames[0]);
    let kind = kind_frame.kind;
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
    let date = date_frame.and_then(|f| f.date.as_ref().map(|d| d.0.clone()));

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
        .map(|(p, span, text)| Location {
            name: p.name.clone(),
            country: p.country.clone(),
            admin1: p
                .admin1
                .clone()
                .or_else(|| (p.feature == Feature::Admin1).then(|| p.name.clone())),
            lat: Some(p.lat),
            lon: Some(p.lon),
            precision: precision_of(p),
            text: text.clone(),
            id: Some(p.id.clone()).filter(|s| !s.is_empty()),
            span: Some(*span),
        });

    let attacker_frame = first_some(&|f| f.attacker.is_some());
    let attacker = attacker_frame.and_then(|f| f.attacker.as_ref());
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
    let specific = all.iter().any(|f| f.weapons.iter().any(|w| !w.1));
    for f in &all {
        for w in &f.weapons {
            // Generic mentions ("cruise missiles") only when no system is named.
            if (!specific || !w.1) && !weapons.contains(&w.0) {
                weapons.push(w.0.clone());
            }
        }
    }

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
    for f in &all {
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
    let acting = attacker.and_then(|a| a.1);
    let unverified = all.iter().any(|f| f.unverified);
    let st = status(&infos, acting, unverified);

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
    chosen("location", place_frame, &mut provenance);
    chosen("attacker", attacker_frame, &mut provenance);
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
        id: event_id(&doc.doc, kind, &evidence),
        kind,
        acled: kind.acled(agreed),
        date,
        location,
        attacker: attacker.map(|a| a.0.clone()),
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
/// `evidence`: stable across runs, and distinct for events that start at different sentences.
pub fn event_id(doc: &sitrep_model::DocId, kind: EventKind, evidence: &[Evidence]) -> EventId {
    let first_ev = evidence
        .first()
        .map(|e| format!("{}-{}", e.start, e.end))
        .unwrap_or_default();
    EventId(stable_id(&[&doc.0, kind.as_str(), &first_ev]))
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
