//! The fused view of one event computed from all its reports: the best-supported value of each
//! field, the union of claims, evidence and weapons, the status recomputed over every claim, and
//! a [`Contradiction`] for each field on which the sources disagree.

use crate::matching::side_key;
use crate::{Report, Source};
use serde::{Deserialize, Serialize};
use sitrep_model::{
    stable_id, Claim, Count, DatePrecision, Event, EventId, EventKind, Evidence, LocationPrecision,
    Stance, Status,
};

/// One value of a disputed field and the documents that give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContradictionValue {
    pub value: serde_json::Value,
    pub sources: Vec<String>,
}

/// A field on which the sources disagree, with every value given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    pub field: String,
    pub values: Vec<ContradictionValue>,
}

/// The fused event and what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fused {
    pub event: Event,
    /// One per document, in ingest order.
    pub sources: Vec<Source>,
    /// Distinct outlets, a reprint (same outlet or near-identical text) counted once.
    pub independent_sources: usize,
    pub contradictions: Vec<Contradiction>,
    /// Casualty figures that rose from report to report: the latest is the event's.
    pub updates: Vec<CountUpdate>,
}

/// A casualty figure that later reports raised ("the death toll has risen to 12"): each
/// figure with the report that gave it, earliest first. The last one is the event's figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountUpdate {
    pub field: String,
    pub values: Vec<UpdateValue>,
}

/// One figure of a [`CountUpdate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateValue {
    pub value: serde_json::Value,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<chrono::NaiveDate>,
}

/// Groups the reports into independent sources: reports from the same outlet, the same document
/// or with near-identical text fall into one group. Returns the group number of each report.
pub fn independent_groups(reports: &[Report]) -> Vec<usize> {
    let n = reports.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let outlet = |r: &Report| {
        r.source
            .outlet
            .as_deref()
            .map(|o| o.trim().to_lowercase())
            .filter(|o| !o.is_empty())
    };
    for i in 0..n {
        for j in (i + 1)..n {
            let (a, b) = (&reports[i], &reports[j]);
            let same_outlet = matches!((outlet(a), outlet(b)), (Some(x), Some(y)) if x == y);
            if same_outlet
                || a.source.doc == b.source.doc
                || a.fingerprint.is_reprint_of(&b.fingerprint)
            {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

/// A candidate value of a field with the reports that give it.
struct Support<T> {
    value: T,
    reports: Vec<usize>,
}

/// Groups the reports' values of one field; `same` says when two values are one.
fn tally<T: Clone>(
    reports: &[Report],
    get: impl Fn(&Report) -> Option<T>,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<Support<T>> {
    let mut out: Vec<Support<T>> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(v) = get(r) {
            match out.iter_mut().find(|s| same(&s.value, &v)) {
                Some(s) => s.reports.push(i),
                None => out.push(Support {
                    value: v,
                    reports: vec![i],
                }),
            }
        }
    }
    out
}

/// Picks the value with most independent sources; ties go to the value known earliest
/// (earliest publication, then earliest ingested).
fn pick<'a, T>(supports: &'a [Support<T>], reports: &[Report], groups: &[usize]) -> Option<&'a T> {
    let strength = |s: &Support<T>| {
        let mut g: Vec<usize> = s.reports.iter().map(|&i| groups[i]).collect();
        g.sort_unstable();
        g.dedup();
        g.len()
    };
    let earliest = |s: &Support<T>| {
        s.reports
            .iter()
            .map(|&i| {
                (
                    reports[i].source.published.is_none(),
                    reports[i].source.published,
                    reports[i].seq,
                )
            })
            .min()
    };
    supports
        .iter()
        .max_by(|a, b| {
            strength(a)
                .cmp(&strength(b))
                .then_with(|| earliest(b).cmp(&earliest(a)))
        })
        .map(|s| &s.value)
}

fn contradiction<T>(
    field: &str,
    supports: &[Support<T>],
    reports: &[Report],
    json: impl Fn(&T) -> serde_json::Value,
) -> Contradiction {
    Contradiction {
        field: field.to_string(),
        values: supports
            .iter()
            .map(|s| {
                let mut docs: Vec<String> = s
                    .reports
                    .iter()
                    .map(|&i| reports[i].source.doc.0.clone())
                    .collect();
                docs.dedup();
                ContradictionValue {
                    value: json(&s.value),
                    sources: docs,
                }
            })
            .collect(),
    }
}

fn counts_overlap(a: &Count, b: &Count) -> bool {
    let a_max = a.max.unwrap_or(u64::MAX);
    let b_max = b.max.unwrap_or(u64::MAX);
    a.min <= b_max && b.min <= a_max
}

/// Specificity of a kind when reports disagree on it: a named means beats an interception,
/// which beats an unstated strike, which beats a bare explosion.
fn kind_rank(k: EventKind) -> u8 {
    match k {
        EventKind::Explosion => 0,
        EventKind::Strike => 1,
        EventKind::Interception => 2,
        _ => 3,
    }
}

fn date_rank(p: DatePrecision) -> u8 {
    match p {
        DatePrecision::Day => 4,
        DatePrecision::Week => 3,
        DatePrecision::Month => 2,
        DatePrecision::Year => 1,
        DatePrecision::Reported | DatePrecision::Unknown => 0,
    }
}

fn place_rank(p: LocationPrecision) -> u8 {
    match p {
        LocationPrecision::Place => 3,
        LocationPrecision::Admin1 => 2,
        LocationPrecision::Country => 1,
        LocationPrecision::Unknown => 0,
    }
}

/// Among the values of the best rank, the best-supported one.
fn pick_ranked<'a, T>(
    supports: &'a [Support<T>],
    reports: &[Report],
    groups: &[usize],
    rank: impl Fn(&T) -> u8,
) -> Option<&'a T> {
    let best = supports.iter().map(|s| rank(&s.value)).max()?;
    let top: Vec<usize> = supports
        .iter()
        .enumerate()
        .filter(|(_, s)| rank(&s.value) == best)
        .map(|(i, _)| i)
        .collect();
    // `pick` needs a slice; pick among the top ones by index.
    let idx: Vec<Support<usize>> = top
        .iter()
        .map(|&i| Support {
            value: i,
            reports: supports[i].reports.clone(),
        })
        .collect();
    pick(&idx, reports, groups).map(|&i| &supports[i].value)
}

fn is_denial(c: &Claim) -> bool {
    c.stance == Stance::Denies
}

fn is_assertion(c: &Claim) -> bool {
    matches!(c.stance, Stance::Asserts | Stance::Alleges)
}

/// The status of an event over all its reports, by the contract's rules in order: denied,
/// disputed, confirmed, claimed, unverified, reported. Each report's own status was decided
/// with its document's context; across documents, one source asserting what another denies
/// makes the event disputed.
pub fn status_over(reports: &[Report]) -> Status {
    let has = |s: Status| reports.iter().any(|r| r.event.status == s);
    if has(Status::Denied) {
        return Status::Denied;
    }
    if has(Status::Disputed) {
        return Status::Disputed;
    }
    let claims = || reports.iter().flat_map(|r| r.event.claims.iter());
    let denial = claims().find(|c| is_denial(c));
    if let Some(d) = denial {
        if claims().any(|c| is_assertion(c) && !c.source.eq_ignore_ascii_case(&d.source)) {
            return Status::Disputed;
        }
    }
    if has(Status::Confirmed) {
        return Status::Confirmed;
    }
    if has(Status::Claimed) || claims().any(is_assertion) {
        return Status::Claimed;
    }
    if has(Status::Unverified) || claims().any(|c| c.stance == Stance::Unverified) {
        return Status::Unverified;
    }
    Status::Reported
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Two attacker names for one party: equal, one containing the other ("Ukraine" in "Armed
/// Forces of Ukraine"), or naming the same side.
fn same_party(a: &str, b: &str) -> bool {
    let (x, y) = (norm(a), norm(b));
    x == y
        || x.contains(&y)
        || y.contains(&x)
        || matches!((side_key(a), side_key(b)), (Some(p), Some(q)) if p == q)
}

/// Fuses the reports of one event (in ingest order) into one event.
pub fn fuse(reports: &[Report]) -> Fused {
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by_key(|&i| reports[i].seq);
    let reports: Vec<Report> = order.into_iter().map(|i| reports[i].clone()).collect();
    let groups = independent_groups(&reports);
    let Some(first) = reports.first() else {
        return Fused {
            event: empty_event(),
            sources: vec![],
            independent_sources: 0,
            contradictions: vec![],
            updates: vec![],
        };
    };
    let mut contradictions = Vec::new();

    let kinds = tally(&reports, |r| Some(r.event.kind), |a, b| a == b);
    let kind =
        *pick_ranked(&kinds, &reports, &groups, |k| kind_rank(*k)).unwrap_or(&first.event.kind);
    let acled = reports
        .iter()
        .find(|r| r.event.kind == kind)
        .map(|r| r.event.acled.clone())
        .unwrap_or_else(|| kind.acled(false));

    // A report that every weapon was downed, against another of hits, disagrees on the
    // outcome; this is kept alongside the fused kind. An interception of some of the weapons
    // is part of the attack, not a different account of it.
    let all_downed = |e: &Event| match (e.counts.intercepted, e.counts.launched) {
        (Some(i), Some(l)) => i.min >= l.min && l.min > 0,
        _ => false,
    };
    let outcomes = tally(
        &reports,
        |r| match r.event.kind {
            EventKind::Interception if all_downed(&r.event) => Some("intercepted"),
            EventKind::Interception => None,
            EventKind::Strike | EventKind::Explosion => None,
            k if k.is_violent() && all_downed(&r.event) => Some("intercepted"),
            k if k.is_violent() => Some("hit"),
            _ => None,
        },
        |a, b| a == b,
    );
    if outcomes.len() > 1 {
        contradictions.push(contradiction("outcome", &outcomes, &reports, |v| {
            (*v).into()
        }));
    }

    let dates = tally(
        &reports,
        |r| r.event.date.clone(),
        |a, b| a.start == b.start && a.end == b.end,
    );
    let date = pick_ranked(&dates, &reports, &groups, |d| {
        date_rank(d.precision) * 2 + u8::from(d.start.year.is_some())
    })
    .cloned();

    let locations = tally(
        &reports,
        |r| r.event.location.clone(),
        |a, b| a.name.eq_ignore_ascii_case(&b.name) && a.precision == b.precision,
    );
    let location = pick_ranked(&locations, &reports, &groups, |l| {
        place_rank(l.precision) * 2 + u8::from(l.lat.is_some())
    })
    .cloned();

    let attackers = tally(
        &reports,
        |r| r.event.attacker.clone(),
        |a, b| norm(a) == norm(b),
    );
    let attacker = pick(&attackers, &reports, &groups).cloned();
    let conflicting = attackers.iter().enumerate().any(|(i, a)| {
        attackers[i + 1..]
            .iter()
            .any(|b| !same_party(&a.value, &b.value))
    });
    if conflicting {
        contradictions.push(contradiction("attacker", &attackers, &reports, |v| {
            v.clone().into()
        }));
    }

    let targets = tally(
        &reports,
        |r| r.event.target.clone(),
        |a, b| norm(a) == norm(b),
    );
    let target = pick(&targets, &reports, &groups).cloned();

    let mut weapons: Vec<String> = Vec::new();
    for w in reports.iter().flat_map(|r| &r.event.weapons) {
        if !weapons.iter().any(|x| x.eq_ignore_ascii_case(w)) {
            weapons.push(w.clone());
        }
    }

    let mut counts = first.event.counts;
    let mut updates: Vec<CountUpdate> = Vec::new();
    type Field = fn(&mut sitrep_model::Counts) -> &mut Option<Count>;
    let fields: [(&str, Field); 4] = [
        ("launched", |c| &mut c.launched),
        ("intercepted", |c| &mut c.intercepted),
        ("killed", |c| &mut c.killed),
        ("injured", |c| &mut c.injured),
    ];
    for (name, field) in fields {
        let values = tally(
            &reports,
            |r| *field(&mut r.event.counts.clone()),
            |a, b| a == b,
        );
        *field(&mut counts) = pick(&values, &reports, &groups).copied();
        let disagree = values.iter().enumerate().any(|(i, a)| {
            values[i + 1..]
                .iter()
                .any(|b| !counts_overlap(&a.value, &b.value))
        });
        // Tolls rise as the dead are found and the wounded die: casualty figures that only
        // grow from one publication day to the next are updates, and the latest holds.
        if disagree && matches!(name, "killed" | "injured") {
            if let Some(update) = rising(name, &reports, |r| *field(&mut r.event.counts.clone())) {
                *field(&mut counts) = Some(update.1);
                updates.push(update.0);
                continue;
            }
        }
        if disagree {
            contradictions.push(contradiction(name, &values, &reports, |v| {
                serde_json::to_value(v).unwrap_or_default()
            }));
        }
    }

    let statuses = tally(&reports, |r| Some(r.event.status), |a, b| a == b);
    let denied = statuses.iter().any(|s| s.value == Status::Denied);
    let asserted = statuses.iter().any(|s| {
        matches!(
            s.value,
            Status::Confirmed | Status::Claimed | Status::Reported
        )
    });
    if denied && asserted {
        contradictions.push(contradiction("status", &statuses, &reports, |v| {
            v.as_str().into()
        }));
    }

    let mut claims: Vec<Claim> = Vec::new();
    for c in reports.iter().flat_map(|r| &r.event.claims) {
        if !claims
            .iter()
            .any(|x| x.source == c.source && x.stance == c.stance && x.text == c.text)
        {
            claims.push(c.clone());
        }
    }
    let mut evidence: Vec<Evidence> = Vec::new();
    for e in reports.iter().flat_map(|r| &r.event.evidence) {
        if !evidence.iter().any(|x| x.text == e.text) {
            evidence.push(e.clone());
        }
    }

    let mut sources: Vec<Source> = Vec::new();
    for r in &reports {
        if !sources.iter().any(|s| s.doc == r.source.doc) {
            sources.push(r.source.clone());
        }
    }
    let mut distinct = groups.clone();
    distinct.sort_unstable();
    distinct.dedup();

    let event = Event {
        id: EventId(stable_id(&[
            "fused",
            &first.source.doc.0,
            &first.event.id.0,
        ])),
        kind,
        acled,
        date,
        location,
        attacker,
        target,
        weapons,
        counts,
        claims,
        status: status_over(&reports),
        evidence,
        provenance: vec![],
    };
    Fused {
        event,
        sources,
        independent_sources: distinct.len(),
        contradictions,
        updates,
    }
}

/// The figures of `field` in publication order when they only rise from one day to a later
/// one (equal figures on one day, none falling), with the latest figure.
fn rising(
    name: &str,
    reports: &[Report],
    get: impl Fn(&Report) -> Option<Count>,
) -> Option<(CountUpdate, Count)> {
    let mut dated: Vec<(chrono::NaiveDate, usize, Count)> = reports
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((r.source.published?, i, get(r)?)))
        .collect();
    if dated.len() < 2 || dated.len() != reports.iter().filter(|r| get(r).is_some()).count() {
        return None;
    }
    dated.sort_by_key(|d| (d.0, reports[d.1].seq));
    for pair in dated.windows(2) {
        let ((d1, _, a), (d2, _, b)) = (pair[0], pair[1]);
        let grows = b.min > a.min && d2 > d1;
        let same = counts_overlap(&a, &b);
        if !(grows || same) {
            return None;
        }
    }
    let latest = dated.last()?.2;
    let values = dated
        .iter()
        .map(|&(d, i, c)| UpdateValue {
            value: serde_json::to_value(c).unwrap_or_default(),
            source: reports[i].source.doc.0.clone(),
            published: Some(d),
        })
        .collect();
    Some((
        CountUpdate {
            field: name.to_string(),
            values,
        },
        latest,
    ))
}

fn empty_event() -> Event {
    Event {
        id: EventId(String::new()),
        kind: EventKind::Statement,
        acled: None,
        date: None,
        location: None,
        attacker: None,
        target: None,
        weapons: vec![],
        counts: Default::default(),
        claims: vec![],
        status: Status::Reported,
        evidence: vec![],
        provenance: vec![],
    }
}
