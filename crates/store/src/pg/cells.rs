//! The advisory lock keys that serialise fusion decisions between concurrent writers.
//!
//! Whether a report joins a stored event depends on the stored events a candidate query can
//! return: compatible kind, dates overlapping the report's window (or the same month and day
//! when a year is unknown), and a place inside a bounding box of [`ADMIN1_RADIUS_KM`] around the
//! report's point, or the same first-level region, or no coordinates at all. Two writers whose
//! decisions could see each other's events must not decide at the same time; two writers in
//! different places and weeks may.
//!
//! The record is cut into cells: a week of the year (the year is left out, so that yearless
//! dates fall in the same cells as dated ones) crossed with a square of the map
//! ([`CELL_DEGREES`] on a side), with two more keys per week: one per first-level region, and
//! one for the whole week. A writer takes:
//!
//! - for each report it will fuse (its *search area*): the cells of its bounding box and its
//!   region exclusively and the whole week shared; a report without coordinates, whose
//!   candidates are everywhere, takes the whole week exclusively;
//! - for each stored event it rewrites (its *extent*, before and after): the cell of the
//!   event's point and its region exclusively and the whole week shared; an event without
//!   coordinates, which every search area contains, takes the whole week exclusively;
//! - for each document: its content hash, its URL and its fingerprint's band keys, so that two
//!   copies of one article are never stored side by side.
//!
//! A stored event that a search area can return lies in one of its cells (or in its region, or
//! has no coordinates), in one of its weeks, so a writer rewriting it and a writer reading it
//! always share a key that one of them holds exclusively. Keys are 64-bit hashes taken in
//! ascending order, so two writers never wait for each other in a cycle.

use chrono::{Datelike, NaiveDate};
use sitrep_fuse::{date_window, Report, ADMIN1_RADIUS_KM};
use std::collections::BTreeMap;

/// The side of a map cell in degrees of latitude and longitude.
pub const CELL_DEGREES: f64 = 2.0;

/// A search area spanning more cells than this takes its weeks whole instead.
const MAX_CELLS: usize = 20;

/// Weeks in the cell calendar (days 1..=366 of a leap year, seven to a week).
const WEEKS: u32 = 53;

/// Lock keys with their modes: `true` for exclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LockSet {
    keys: BTreeMap<i64, bool>,
}

impl LockSet {
    pub fn add(&mut self, key: i64, exclusive: bool) {
        let e = self.keys.entry(key).or_insert(false);
        *e |= exclusive;
    }

    pub fn extend(&mut self, other: &LockSet) {
        for (&k, &x) in &other.keys {
            self.add(k, x);
        }
    }

    /// The keys of `other` that this set does not hold in a mode at least as strong.
    pub fn missing(&self, other: &LockSet) -> LockSet {
        let mut out = LockSet::default();
        for (&k, &x) in &other.keys {
            match self.keys.get(&k) {
                Some(&held) if held || !x => {}
                _ => out.add(k, x),
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The keys in ascending order and whether each is exclusive, as two parallel arrays.
    pub fn arrays(&self) -> (Vec<i64>, Vec<bool>) {
        self.keys.iter().map(|(&k, &x)| (k, x)).unzip()
    }
}

/// FNV-1a over the parts, with a separator between them.
fn key(parts: &[&[u8]]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0xff;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h as i64
}

/// The week of the cell calendar of a month and day (`None` for an impossible day).
fn week_of(month: u32, day: u32) -> Option<u32> {
    NaiveDate::from_ymd_opt(2000, month, day).map(|d| (d.ordinal() - 1) / 7)
}

fn weeks_of_range(start: NaiveDate, end: NaiveDate, out: &mut Vec<u32>) {
    if (end - start).num_days() >= 366 {
        out.extend(0..WEEKS);
        return;
    }
    let mut d = start;
    while d <= end {
        out.extend(week_of(d.month(), d.day()));
        d = match d.succ_opt() {
            Some(n) => n,
            None => break,
        };
    }
}

fn cell_x(lon: f64) -> i64 {
    (((lon + 180.0) / CELL_DEGREES).floor() as i64).clamp(0, (360.0 / CELL_DEGREES) as i64)
}

fn cell_y(lat: f64) -> i64 {
    (((lat + 90.0) / CELL_DEGREES).floor() as i64).clamp(0, (180.0 / CELL_DEGREES) as i64)
}

fn week_key(week: u32) -> i64 {
    key(&[b"week", &week.to_le_bytes()])
}

fn cell_key(week: u32, x: i64, y: i64) -> i64 {
    key(&[
        b"cell",
        &week.to_le_bytes(),
        &x.to_le_bytes(),
        &y.to_le_bytes(),
    ])
}

fn region_key(week: u32, admin1_key: &str) -> i64 {
    key(&[b"region", &week.to_le_bytes(), admin1_key.as_bytes()])
}

/// The lower-cased form of a region name that the store compares and locks.
pub fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// Keys of one document: its content hash, its URL and its fingerprint's band keys.
pub fn document_keys(
    set: &mut LockSet,
    content_hash: &str,
    url: Option<&str>,
    bands: &[(u32, i64)],
) {
    set.add(key(&[b"hash", content_hash.as_bytes()]), true);
    if let Some(u) = url {
        set.add(key(&[b"url", u.as_bytes()]), true);
    }
    for (band, k) in bands {
        set.add(key(&[b"band", &band.to_le_bytes(), &k.to_le_bytes()]), true);
    }
}

/// The key of a document id that changes under revisions: two versions of one post are
/// decided one after the other.
pub fn revision_keys(set: &mut LockSet, doc: &str) {
    set.add(key(&[b"doc", doc.as_bytes()]), true);
}

/// Keys of the search area of a report: everything its candidate query can return.
pub fn report_keys(set: &mut LockSet, report: &Report) {
    let Some(window) = date_window(&report.event, report.source.published) else {
        return;
    };
    let mut weeks = Vec::new();
    if let Some((s, e)) = window.search_range() {
        weeks_of_range(s, e, &mut weeks);
    }
    if let Some(anchor) = NaiveDate::from_ymd_opt(2000, window.start.month, window.start.day) {
        for k in -1..=1 {
            let d = anchor + chrono::Duration::days(k);
            weeks.extend(week_of(d.month(), d.day()));
        }
    }
    weeks.sort_unstable();
    weeks.dedup();
    let loc = report.event.location.as_ref();
    let point = loc.and_then(|l| Some((l.lat?, l.lon?)));
    let Some((lat, lon)) = point else {
        for w in weeks {
            set.add(week_key(w), true);
        }
        return;
    };
    let dlat = ADMIN1_RADIUS_KM / 111.0;
    let dlon = dlat / lat.to_radians().cos().abs().max(0.05);
    let (x0, x1) = (cell_x(lon - dlon), cell_x(lon + dlon));
    let (y0, y1) = (cell_y(lat - dlat), cell_y(lat + dlat));
    let cells = ((x1 - x0 + 1) * (y1 - y0 + 1)) as usize;
    let region = loc.and_then(|l| l.admin1.as_deref()).map(fold);
    for w in weeks {
        if cells > MAX_CELLS {
            set.add(week_key(w), true);
            continue;
        }
        set.add(week_key(w), false);
        for x in x0..=x1 {
            for y in y0..=y1 {
                set.add(cell_key(w, x, y), true);
            }
        }
        if let Some(r) = &region {
            set.add(region_key(w, r), true);
        }
    }
}

/// The columns of a stored event that decide which search areas contain it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extent {
    pub date_start: Option<NaiveDate>,
    pub date_end: Option<NaiveDate>,
    pub month_day: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub admin1_key: Option<String>,
}

/// Keys of a stored event's extent: what a writer rewriting it takes.
pub fn extent_keys(set: &mut LockSet, e: &Extent) {
    let mut weeks = Vec::new();
    if let Some(s) = e.date_start {
        weeks_of_range(s, e.date_end.unwrap_or(s).max(s), &mut weeks);
    }
    if let Some(md) = &e.month_day {
        let mut it = md.split('-').map(|p| p.parse::<u32>().ok());
        if let (Some(Some(m)), Some(Some(d))) = (it.next(), it.next()) {
            weeks.extend(week_of(m, d));
        }
    }
    weeks.sort_unstable();
    weeks.dedup();
    match (e.lat, e.lon) {
        (Some(lat), Some(lon)) => {
            for w in weeks {
                set.add(week_key(w), false);
                set.add(cell_key(w, cell_x(lon), cell_y(lat)), true);
                if let Some(r) = &e.admin1_key {
                    set.add(region_key(w, r), true);
                }
            }
        }
        _ => {
            for w in weeks {
                set.add(week_key(w), true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_fuse::{Fingerprint, Source};
    use sitrep_model::{DocId, Event, EventDate, Location, LocationPrecision, PartialDate};

    fn report(date: &str, place: Option<(f64, f64, &str)>) -> Report {
        let d: PartialDate = date.parse().unwrap();
        let mut event: Event = crate::testing::synthetic_record(0).events.remove(0);
        event.date = Some(EventDate {
            start: d,
            end: d,
            precision: sitrep_model::DatePrecision::Day,
            text: date.into(),
            year_inferred: false,
            span: None,
        });
        event.location = place.map(|(lat, lon, admin1)| Location {
            name: "x".into(),
            country: None,
            admin1: Some(admin1.into()),
            lat: Some(lat),
            lon: Some(lon),
            precision: LocationPrecision::Place,
            text: "x".into(),
            id: None,
            span: None,
        });
        Report {
            event,
            source: Source {
                doc: DocId("d".into()),
                outlet: None,
                url: None,
                published: None,
            },
            fingerprint: Fingerprint::default(),
            seq: 0,
        }
    }

    fn extent(date: &str, place: Option<(f64, f64, &str)>) -> Extent {
        let d: PartialDate = date.parse().unwrap();
        Extent {
            date_start: d.to_naive(),
            date_end: d.to_naive(),
            month_day: Some(format!("{:02}-{:02}", d.month, d.day)),
            lat: place.map(|p| p.0),
            lon: place.map(|p| p.1),
            admin1_key: place.map(|p| fold(p.2)),
        }
    }

    /// Whether two writers holding these sets must wait for each other.
    fn conflict(a: &LockSet, b: &LockSet) -> bool {
        a.keys
            .iter()
            .any(|(k, &x)| b.keys.get(k).is_some_and(|&y| x || y))
    }

    fn reader(r: &Report) -> LockSet {
        let mut s = LockSet::default();
        report_keys(&mut s, r);
        s
    }

    fn writer(e: &Extent) -> LockSet {
        let mut s = LockSet::default();
        extent_keys(&mut s, e);
        s
    }

    const KYIV: (f64, f64, &str) = (50.45, 30.52, "Kyiv City");
    const BROVARY: (f64, f64, &str) = (50.51, 30.79, "Kyiv Oblast");
    const ODESA: (f64, f64, &str) = (46.48, 30.73, "Odesa Oblast");
    const KHARKIV: (f64, f64, &str) = (49.99, 36.23, "Kharkiv Oblast");

    #[test]
    fn a_report_conflicts_with_the_writer_of_any_event_it_could_join() {
        let r = reader(&report("2025-03-04", Some(KYIV)));
        // Same place, the day before: a candidate.
        assert!(conflict(&r, &writer(&extent("2025-03-03", Some(KYIV)))));
        // Nearby town, same day.
        assert!(conflict(&r, &writer(&extent("2025-03-04", Some(BROVARY)))));
        // An event without coordinates is a candidate anywhere.
        assert!(conflict(&r, &writer(&extent("2025-03-05", None))));
        // A yearless event on the same day of the year.
        let mut yearless = extent("2025-03-04", Some(ODESA));
        yearless.date_start = None;
        yearless.date_end = None;
        yearless.admin1_key = Some(fold("KYIV CITY"));
        assert!(conflict(&r, &writer(&yearless)));
        // A week-long event that covers the report's day.
        let mut long = extent("2025-02-28", Some(KYIV));
        long.date_end = NaiveDate::from_ymd_opt(2025, 3, 8);
        assert!(conflict(&r, &writer(&long)));
    }

    #[test]
    fn writers_far_apart_in_place_or_time_do_not_wait_for_each_other() {
        let r = reader(&report("2025-03-04", Some(KYIV)));
        assert!(!conflict(&r, &writer(&extent("2025-03-04", Some(ODESA)))));
        assert!(!conflict(&r, &writer(&extent("2025-03-04", Some(KHARKIV)))));
        assert!(!conflict(&r, &writer(&extent("2025-04-20", Some(KYIV)))));
        assert!(!conflict(&r, &reader(&report("2025-03-04", Some(ODESA)))));
        // A report without a place waits for every writer of its weeks.
        let nowhere = reader(&report("2025-03-04", None));
        assert!(conflict(&nowhere, &r));
        assert!(conflict(
            &nowhere,
            &writer(&extent("2025-03-04", Some(ODESA)))
        ));
    }

    #[test]
    fn every_point_of_a_search_box_lies_in_a_locked_cell() {
        for (lat, lon) in [(50.45, 30.52), (3.9, 7.99), (-33.9, 151.2), (71.0, -179.0)] {
            let r = reader(&report("2024-11-19", Some((lat, lon, "A"))));
            let dlat = ADMIN1_RADIUS_KM / 111.0;
            let dlon = dlat / f64::cos(f64::to_radians(lat)).abs().max(0.05);
            for i in 0..=10 {
                for j in 0..=10 {
                    let p = (
                        lat - dlat + 2.0 * dlat * f64::from(i) / 10.0,
                        lon - dlon + 2.0 * dlon * f64::from(j) / 10.0,
                    );
                    let w = writer(&extent("2024-11-19", Some((p.0, p.1, "B"))));
                    assert!(conflict(&r, &w), "{p:?} in the box of {lat},{lon}");
                }
            }
        }
    }

    #[test]
    fn missing_keys_count_a_shared_hold_as_too_weak_for_an_exclusive_need() {
        let mut held = LockSet::default();
        held.add(1, false);
        held.add(2, true);
        let mut want = LockSet::default();
        want.add(1, true);
        want.add(2, false);
        want.add(3, false);
        let (keys, modes) = held.missing(&want).arrays();
        assert_eq!(keys, [1, 3]);
        assert_eq!(modes, [true, false]);
    }
}
