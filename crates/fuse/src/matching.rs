//! Whether a new report describes the same real event as a stored one: compatible kind,
//! overlapping dates, nearby place (the radius follows the place's precision), compatible
//! weapons and attackers, and no second report from the same document.

use crate::{fuse, Report};
use chrono::{Datelike, Duration, NaiveDate};
use sitrep_model::{DatePrecision, Event, EventKind, Location, LocationPrecision, PartialDate};

/// Two places named at town or facility level are one place within this distance.
pub const PLACE_RADIUS_KM: f64 = 35.0;
/// A place and a region, or two regions, are compatible within this distance.
pub const ADMIN1_RADIUS_KM: f64 = 150.0;
/// Dates may differ by this many days (night attacks are dated either side of midnight).
pub const DATE_SLACK_DAYS: i64 = 1;
/// A report without an event date is taken to describe the days before its publication.
pub const UNDATED_LOOKBACK_DAYS: i64 = 2;

/// The kinds that can describe one real event. Specific remote-violence kinds
/// (missile, drone, air strike, shelling) are compatible with the generic `strike` and
/// `explosion`, and air attacks with `interception` (one side reports hits, the other
/// interceptions); two different specific kinds are not. Non-violent kinds match only themselves.
pub fn kinds_compatible(a: EventKind, b: EventKind) -> bool {
    use EventKind::*;
    if a == b {
        return true;
    }
    let remote = |k| {
        matches!(
            k,
            MissileStrike | DroneStrike | AirStrike | Shelling | Strike | Explosion | Interception
        )
    };
    let airborne = |k| {
        matches!(
            k,
            MissileStrike | DroneStrike | AirStrike | Strike | Explosion
        )
    };
    match (a, b) {
        (Explosion, x) | (x, Explosion) => remote(x) || x == Sabotage,
        (Strike, x) | (x, Strike) => remote(x),
        (Interception, x) | (x, Interception) => airborne(x),
        _ => false,
    }
}

/// Every kind compatible with `kind`: what the store asks for when it looks for candidates.
pub fn compatible_kinds(kind: EventKind) -> Vec<EventKind> {
    EventKind::ALL
        .into_iter()
        .filter(|k| kinds_compatible(kind, *k))
        .collect()
}

/// The days a report's event may have happened on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateWindow {
    pub start: PartialDate,
    pub end: PartialDate,
    /// The window comes from the publication date, not from a date in the text.
    pub from_published: bool,
}

impl DateWindow {
    /// The window widened by the date slack, as full dates, when the year is known: the range
    /// the store scans for candidates.
    pub fn search_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let (s, e) = (self.start.to_naive()?, self.end.to_naive()?);
        Some((
            s - Duration::days(DATE_SLACK_DAYS),
            e + Duration::days(DATE_SLACK_DAYS),
        ))
    }
}

/// The event's date range, or the days before publication when the text gives no date; `None`
/// when neither is known (such a report is never merged).
pub fn date_window(event: &Event, published: Option<NaiveDate>) -> Option<DateWindow> {
    if let Some(d) = &event.date {
        if !matches!(
            d.precision,
            DatePrecision::Unknown | DatePrecision::Reported
        ) {
            return Some(DateWindow {
                start: d.start,
                end: d.end,
                from_published: false,
            });
        }
    }
    let p = published?;
    Some(DateWindow {
        start: PartialDate::from_naive(p - Duration::days(UNDATED_LOOKBACK_DAYS)),
        end: PartialDate::from_naive(p),
        from_published: true,
    })
}

/// Day of a leap year (1..=366), for comparing dates whose year is unknown.
fn ordinal_md(d: PartialDate) -> i64 {
    NaiveDate::from_ymd_opt(2000, d.month, d.day)
        .map(|n| i64::from(n.ordinal()))
        .unwrap_or(0)
}

fn windows_overlap(a: &DateWindow, b: &DateWindow) -> bool {
    let full = |w: &DateWindow| Some((w.start.to_naive()?, w.end.to_naive()?));
    if let (Some((s1, e1)), Some((s2, e2))) = (full(a), full(b)) {
        let slack = Duration::days(DATE_SLACK_DAYS);
        return s1 <= e2 + slack && s2 <= e1 + slack;
    }
    // A yearless date matches the same month and day in any year.
    let span = |w: &DateWindow| {
        let s = ordinal_md(w.start);
        let mut e = ordinal_md(w.end);
        if e < s {
            e += 366;
        }
        (s, e)
    };
    let (s1, e1) = span(a);
    let (s2, e2) = span(b);
    [-366, 0, 366]
        .iter()
        .any(|shift| s1 + shift <= e2 + DATE_SLACK_DAYS && s2 <= e1 + shift + DATE_SLACK_DAYS)
}

fn days_apart(a: &DateWindow, b: &DateWindow) -> f64 {
    match (a.start.to_naive(), b.start.to_naive()) {
        (Some(x), Some(y)) => (x - y).num_days().abs() as f64,
        _ => (ordinal_md(a.start) - ordinal_md(b.start)).abs().min(3) as f64,
    }
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// The matching radius for a location of this precision.
pub fn radius_km(precision: LocationPrecision) -> Option<f64> {
    match precision {
        LocationPrecision::Place => Some(PLACE_RADIUS_KM),
        LocationPrecision::Admin1 => Some(ADMIN1_RADIUS_KM),
        _ => None,
    }
}

fn same_text(a: Option<&str>, b: Option<&str>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if !x.is_empty() && x.eq_ignore_ascii_case(y))
}

/// `Some(distance in km, or 0 for a name match)` when the places are compatible, `None` when they
/// are not. A location of unknown precision without coordinates counts as no location.
fn places_compatible(a: &Location, b: &Location) -> Option<f64> {
    if let (Some(x), Some(y)) = (&a.country, &b.country) {
        if !x.eq_ignore_ascii_case(y) {
            return None;
        }
    }
    let dist = match (a.lat, a.lon, b.lat, b.lon) {
        (Some(la), Some(lo), Some(lb), Some(lob)) => Some(haversine_km(la, lo, lb, lob)),
        _ => None,
    };
    use LocationPrecision::*;
    let same_id = matches!((&a.id, &b.id), (Some(x), Some(y)) if x == y);
    match (a.precision, b.precision) {
        (Country, Country) => a.country.is_some().then_some(0.0),
        (Country, _) | (_, Country) => None,
        (Admin1, _) | (_, Admin1) => {
            fn region(l: &Location) -> Option<&str> {
                if l.precision == Admin1 {
                    l.admin1.as_deref().or(Some(l.name.as_str()))
                } else {
                    l.admin1.as_deref()
                }
            }
            if same_id || same_text(region(a), region(b)) {
                Some(dist.unwrap_or(0.0))
            } else {
                dist.filter(|d| *d <= ADMIN1_RADIUS_KM)
            }
        }
        _ => {
            if same_id
                || (same_text(Some(&a.name), Some(&b.name))
                    && same_text(a.admin1.as_deref(), b.admin1.as_deref()))
            {
                Some(dist.unwrap_or(0.0))
            } else {
                dist.filter(|d| *d <= PLACE_RADIUS_KM)
            }
        }
    }
}

fn has_place(l: &Option<Location>) -> Option<&Location> {
    l.as_ref()
        .filter(|l| l.precision != LocationPrecision::Unknown || l.lat.is_some())
}

/// A catalogue name ("ATACMS", "Shahed-136") names one system; a lower-case name ("drones",
/// "cruise missiles") names a class and is compatible with any system.
fn is_specific_weapon(name: &str) -> bool {
    name.chars().next().is_some_and(|c| !c.is_lowercase())
}

fn specific_weapons(e: &Event) -> Vec<String> {
    e.weapons
        .iter()
        .filter(|w| is_specific_weapon(w))
        .map(|w| w.to_lowercase())
        .collect()
}

/// The side an attacker's name points to, when a country or party name appears in it.
pub(crate) fn side_key(name: &str) -> Option<&'static str> {
    const SIDES: [(&str, &str); 12] = [
        ("ukrain", "UA"),
        ("kyiv", "UA"),
        ("russia", "RU"),
        ("kremlin", "RU"),
        ("wagner", "RU"),
        ("israel", "IL"),
        ("idf", "IL"),
        ("iran", "IR"),
        ("hamas", "PS"),
        ("hezbollah", "LB"),
        ("houthi", "YE"),
        ("belarus", "BY"),
    ];
    let lower = name.to_lowercase();
    SIDES
        .iter()
        .find(|(k, _)| lower.contains(k))
        .map(|(_, v)| *v)
}

fn attackers_conflict(a: Option<&str>, b: Option<&str>) -> bool {
    match (a.and_then(side_key), b.and_then(side_key)) {
        (Some(x), Some(y)) => x != y,
        _ => false,
    }
}

/// How well a new report fits an existing event (its reports and their fused view): `None` when
/// it cannot be the same real event, else a score where higher is a better fit.
pub fn match_score(new: &Report, reports: &[Report], fused: &Event) -> Option<f64> {
    if reports.iter().any(|r| r.source.doc == new.source.doc) {
        return None;
    }
    let ev = &new.event;
    if !kinds_compatible(ev.kind, fused.kind)
        || !reports
            .iter()
            .all(|r| kinds_compatible(ev.kind, r.event.kind))
    {
        return None;
    }
    let wn = date_window(ev, new.source.published)?;
    let earliest_published = reports.iter().filter_map(|r| r.source.published).min();
    let wf = date_window(fused, earliest_published)?;
    if !windows_overlap(&wn, &wf) {
        return None;
    }
    let mut score = -days_apart(&wn, &wf);

    let new_specific = specific_weapons(ev);
    let old_specific = specific_weapons(fused);
    let shared = new_specific
        .iter()
        .filter(|w| old_specific.contains(w))
        .count();
    if !new_specific.is_empty() && !old_specific.is_empty() && shared == 0 {
        return None;
    }
    score += shared as f64;

    if reports
        .iter()
        .any(|r| attackers_conflict(ev.attacker.as_deref(), r.event.attacker.as_deref()))
    {
        return None;
    }
    let same_attacker = same_text(ev.attacker.as_deref(), fused.attacker.as_deref());
    if same_attacker {
        score += 0.5;
    }

    match (has_place(&ev.location), has_place(&fused.location)) {
        (Some(a), Some(b)) => {
            let d = places_compatible(a, b)?;
            let r = radius_km(a.precision.max_precision(b.precision)).unwrap_or(PLACE_RADIUS_KM);
            score -= d / r;
        }
        // Without a place on one side, only a dated report that shares a named weapon or the
        // attacker can join: a date and a kind alone are too common to identify an event.
        _ => {
            if wn.from_published || wf.from_published || (shared == 0 && !same_attacker) {
                return None;
            }
            score -= 1.0;
        }
    }
    Some(score)
}

trait Coarser {
    fn max_precision(self, other: Self) -> Self;
}

impl Coarser for LocationPrecision {
    /// The coarser of two precisions.
    fn max_precision(self, other: Self) -> Self {
        use LocationPrecision::*;
        let rank = |p| match p {
            Place => 0,
            Admin1 => 1,
            Country => 2,
            Unknown => 3,
        };
        if rank(self) >= rank(other) {
            self
        } else {
            other
        }
    }
}

/// The candidate (given as the list of its reports) that the new report should join, if any:
/// the compatible one with the best score.
pub fn best_match(new: &Report, candidates: &[Vec<Report>]) -> Option<usize> {
    let fused: Vec<Option<Event>> = candidates
        .iter()
        .map(|reports| (!reports.is_empty()).then(|| fuse(reports).event))
        .collect();
    let pairs: Vec<(&[Report], &Event)> = candidates
        .iter()
        .zip(&fused)
        .filter_map(|(reports, ev)| Some((reports.as_slice(), ev.as_ref()?)))
        .collect();
    // Map the index among the non-empty candidates back to the index in `candidates`.
    let k = best_match_fused(new, &pairs)?;
    candidates
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_empty())
        .nth(k)
        .map(|(i, _)| i)
}

/// [`best_match`] for candidates whose fused view is already known: each candidate is its
/// reports and `fuse(reports).event`. Candidates without reports never match; among equal
/// scores the first candidate wins.
pub fn best_match_fused(new: &Report, candidates: &[(&[Report], &Event)]) -> Option<usize> {
    candidates
        .iter()
        .enumerate()
        .filter(|(_, (reports, _))| !reports.is_empty())
        .filter_map(|(i, (reports, fused))| match_score(new, reports, fused).map(|s| (i, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i)
}
