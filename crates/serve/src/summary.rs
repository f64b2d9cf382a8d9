//! What the page draws for a filter: the timeline (the store's events per day, with every
//! filter but the date range, so that a brush has the whole period to pick from), and the
//! points of the map and the facet counts, from the [`EventSummary`]s of the events matching
//! every filter, in one pass.

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_store::{DayCounts, EventSummary};
use std::collections::HashMap;

/// Points sent at most; the latest are kept.
pub const MAX_POINTS: usize = 250_000;

/// Values listed per facet at most, the most frequent first.
const FACET_VALUES: usize = 40;

/// One event on the map: `[lat, lon, kind, status, precision, id, independent sources]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point(
    pub f64,
    pub f64,
    pub &'static str,
    pub &'static str,
    pub &'static str,
    pub String,
    pub usize,
);

/// Counts of each value among the matching events.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facets {
    pub kind: Vec<(String, usize)>,
    pub status: Vec<(String, usize)>,
    pub attacker: Vec<(String, usize)>,
    pub weapon: Vec<(String, usize)>,
    pub country: Vec<(String, usize)>,
    pub admin1: Vec<(String, usize)>,
    pub outlet: Vec<(String, usize)>,
    /// How many events have at least 1, 2, 3, 4, 5 independent sources.
    pub min_sources: Vec<(usize, usize)>,
}

/// The answer of `GET /api/summary`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PageSummary {
    /// Events in the store.
    pub total: u64,
    /// Events matching every filter.
    pub matched: usize,
    /// The change number the summary is current with: a stream from it misses nothing.
    pub seq: u64,
    /// Events per day (by first day) matching every filter but `since` and `until`.
    pub days: Vec<(NaiveDate, u64)>,
    /// Of those, events without a known date (not on the timeline).
    pub undated: u64,
    pub facets: Facets,
    /// Matching events with coordinates, latest first.
    pub points: Vec<Point>,
    /// More events matched than [`MAX_POINTS`]; the latest are given.
    pub points_truncated: bool,
    /// Matching events without coordinates.
    pub without_coordinates: usize,
}

fn top(counts: HashMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(FACET_VALUES);
    v
}

fn precision_name(p: Option<sitrep_model::LocationPrecision>) -> &'static str {
    use sitrep_model::LocationPrecision as P;
    match p {
        Some(P::Place) => "place",
        Some(P::Admin1) => "admin1",
        Some(P::Country) => "country",
        _ => "unknown",
    }
}

/// Builds the page's summary from the day counts of the filter without its dates, and the
/// summaries of the events matching the whole filter, in query order.
pub fn summarise(days: DayCounts, matched: &[EventSummary], total: u64, seq: u64) -> PageSummary {
    let mut out = PageSummary {
        total,
        seq,
        days: days.days,
        undated: days.undated,
        ..Default::default()
    };
    let mut kind: HashMap<String, usize> = HashMap::new();
    let mut status: HashMap<String, usize> = HashMap::new();
    let mut attacker: HashMap<String, usize> = HashMap::new();
    let mut weapon: HashMap<String, usize> = HashMap::new();
    let mut country: HashMap<String, usize> = HashMap::new();
    let mut admin1: HashMap<String, usize> = HashMap::new();
    let mut outlet: HashMap<String, usize> = HashMap::new();
    let mut sources = [0usize; 5];
    let bump = |m: &mut HashMap<String, usize>, k: &str| {
        if let Some(n) = m.get_mut(k) {
            *n += 1;
        } else {
            m.insert(k.to_string(), 1);
        }
    };
    for s in matched {
        out.matched += 1;
        bump(&mut kind, s.kind.as_str());
        bump(&mut status, s.status.as_str());
        if let Some(a) = &s.attacker {
            bump(&mut attacker, a);
        }
        for w in &s.weapons {
            bump(&mut weapon, w);
        }
        if let Some(c) = &s.country {
            bump(&mut country, c);
        }
        if let Some(a) = &s.admin1 {
            bump(&mut admin1, a);
        }
        for o in &s.outlets {
            bump(&mut outlet, o);
        }
        for (i, n) in sources.iter_mut().enumerate() {
            if s.independent_sources > i {
                *n += 1;
            }
        }
        match (s.lat, s.lon) {
            (Some(lat), Some(lon)) => {
                if out.points.len() < MAX_POINTS {
                    let round = |x: f64| (x * 1e4).round() / 1e4;
                    out.points.push(Point(
                        round(lat),
                        round(lon),
                        s.kind.as_str(),
                        s.status.as_str(),
                        precision_name(s.precision),
                        s.id.0.clone(),
                        s.independent_sources,
                    ));
                } else {
                    out.points_truncated = true;
                }
            }
            _ => out.without_coordinates += 1,
        }
    }
    out.facets = Facets {
        kind: top(kind),
        status: top(status),
        attacker: top(attacker),
        weapon: top(weapon),
        country: top(country),
        admin1: top(admin1),
        outlet: top(outlet),
        min_sources: sources
            .iter()
            .enumerate()
            .map(|(i, n)| (i + 1, *n))
            .collect(),
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_store::{content_hash, testing, EventFilter, SqliteStore, Store};

    fn store() -> SqliteStore {
        let mut store = SqliteStore::open_in_memory().unwrap();
        for r in testing::kyiv_reports()
            .into_iter()
            .chain(testing::bryansk_reports())
            .chain(testing::other_reports())
        {
            store
                .ingest_document(&r, &content_hash(&r.document.text))
                .unwrap();
        }
        store
    }

    #[test]
    fn the_timeline_ignores_the_date_range_and_everything_else_follows_every_filter() {
        let store = store();
        let filter = EventFilter {
            country: Some("UA".into()),
            since: NaiveDate::from_ymd_opt(2025, 2, 1),
            ..Default::default()
        };
        let days = store
            .day_counts(&EventFilter {
                since: None,
                until: None,
                ..filter.clone()
            })
            .unwrap();
        let s = summarise(days, &store.summaries(&filter).unwrap(), 5, 9);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            s.days,
            [
                (day(2025, 1, 15), 1),
                (day(2025, 2, 10), 1),
                (day(2025, 3, 4), 1)
            ]
        );
        assert_eq!((s.total, s.matched, s.seq), (5, 2, 9));
        assert_eq!(s.matched, store.events(&filter).unwrap().len());
        let kinds: Vec<&str> = s.facets.kind.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(kinds, ["drone_strike", "missile_strike"]);
        assert_eq!(
            s.facets.min_sources,
            [(1, 2), (2, 1), (3, 1), (4, 1), (5, 1)]
        );
        assert_eq!(s.facets.outlet[0], ("Kyiv Independent".to_string(), 1));
        assert_eq!(s.points.len(), 2);
        assert_eq!(s.points[0].0, 50.45);
        assert_eq!(
            (s.points[0].2, s.points[0].4, s.points[0].6),
            ("missile_strike", "place", 5)
        );
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["points"][1][2], "drone_strike");
        assert_eq!(json["days"][0], serde_json::json!(["2025-01-15", 1]));
    }
}
