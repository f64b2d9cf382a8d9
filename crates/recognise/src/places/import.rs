//! The gazetteer import: source files merged with the compiled-in gazetteer into one index.
//!
//! [`Importer`] reads files in the formats of [`sources`] (OCHA COD-AB settlements and
//! administrative units of Ukraine, their Russian names, Who's On First localities, GeoNames
//! dumps), merges every record into the compiled-in gazetteer's records and into each other,
//! and builds the index that [`super::Gazetteer::from_index`] reads. Records of one place from
//! several sources become one: same kind, same country, a name that folds alike
//! ([`super::fold`]) and points within a few kilometres of each other (or a GeoNames id one
//! source links to another). The merged record keeps every name with its language, the former
//! names flagged, the administrative codes at all levels (oblast, raion, hromada), the feature
//! and the population where a source has it. Sources are merged in a fixed order whatever the
//! order of the files: administrative units, settlements, localities, GeoNames.

mod sources;

use super::fold::{fold, skeleton};
use super::load::{
    build_parsed, Data, Entry, KeySpec, Parsed, FEATURE_ADMIN1, FEATURE_ADMIN2, FEATURE_ADMIN3,
    FEATURE_AIRPORT, FEATURE_CITY, FEATURE_OTHER,
};
use super::tokens::norm;
pub use sources::Format;
use sources::{Level, SourceRecord};
use std::collections::HashMap;
use std::io::BufRead;

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{input}: line {line}: {error}")]
    Read {
        input: String,
        line: usize,
        error: String,
    },
    #[error("{input}: not a gazetteer source this program reads (line {line} starts {start:?}); expected OCHA COD-AB settlements or administrative units, Who's On First localities, or a GeoNames dump")]
    UnknownFormat {
        input: String,
        line: usize,
        start: String,
    },
    #[error("{input}: empty file")]
    Empty { input: String },
    #[error("gazetteer index: {0}")]
    Build(String),
}

/// What was read from one source file.
#[derive(Debug, Clone)]
pub struct SourceReport {
    pub source: String,
    pub format: Format,
    /// Data rows in the file.
    pub rows: usize,
    /// Records taken from it.
    pub records: usize,
    /// Of those, records merged into a record already there.
    pub merged: usize,
    /// Line numbers of rows that could not be read (the first few), and their count.
    pub skipped_lines: Vec<usize>,
    pub skipped: usize,
}

/// The result of an import: the index and what went into it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub index: Vec<u8>,
    pub sources: Vec<SourceReport>,
    /// Records in the index, the compiled-in ones included.
    pub records: usize,
}

/// First-level codes of Ukraine: OCHA's P-code (from the KOATUU classifier) -> the GeoNames
/// code the compiled-in gazetteer uses.
const OBLASTS: &[(&str, &str)] = &[
    ("UA01", "11"),
    ("UA05", "23"),
    ("UA07", "24"),
    ("UA12", "04"),
    ("UA14", "05"),
    ("UA18", "27"),
    ("UA21", "25"),
    ("UA23", "26"),
    ("UA26", "06"),
    ("UA32", "13"),
    ("UA35", "10"),
    ("UA44", "14"),
    ("UA46", "15"),
    ("UA48", "16"),
    ("UA51", "17"),
    ("UA53", "18"),
    ("UA56", "19"),
    ("UA59", "21"),
    ("UA61", "22"),
    ("UA63", "07"),
    ("UA65", "08"),
    ("UA68", "09"),
    ("UA71", "01"),
    ("UA73", "03"),
    ("UA74", "02"),
    ("UA80", "12"),
    ("UA85", "20"),
];

fn geonames_admin1(oblast: &str) -> &'static str {
    OBLASTS
        .iter()
        .find(|(p, _)| *p == oblast)
        .map_or("", |(_, g)| g)
}

/// How far apart two records of one settlement may lie, in kilometres.
const SETTLEMENT_KM: f64 = 7.0;
/// ... of one large town (100,000 people or more), whose points sources set differently.
const TOWN_KM: f64 = 15.0;
/// ... of one administrative unit.
const UNIT_KM: f64 = 30.0;
/// How far a record without codes may lie from the settlement whose codes it takes.
const CODES_KM: f64 = 15.0;

/// Reads source files and builds the merged index.
pub struct Importer {
    records: Vec<SourceRecord>,
    reports: Vec<SourceReport>,
    countries: Vec<String>,
}

impl Importer {
    /// An importer; `countries` (ISO codes) limits what is taken from GeoNames dumps, all
    /// countries when empty.
    pub fn new(countries: &[String]) -> Self {
        Importer {
            records: Vec::new(),
            reports: Vec::new(),
            countries: countries.to_vec(),
        }
    }

    /// Reads one source file. Its format is told by its first line that is not a comment.
    pub fn add(&mut self, source: &str, mut reader: impl BufRead) -> Result<(), ImportError> {
        let mut line = Vec::new();
        let mut lineno = 0usize;
        let first = loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| ImportError::Read {
                    input: source.to_string(),
                    line: lineno + 1,
                    error: e.to_string(),
                })?;
            if n == 0 {
                return Err(ImportError::Empty {
                    input: source.to_string(),
                });
            }
            lineno += 1;
            let text = String::from_utf8_lossy(&line);
            let text = text
                .trim_start_matches('\u{feff}')
                .trim_end_matches(['\n', '\r']);
            if !text.starts_with('#') && !text.trim().is_empty() {
                break text.to_string();
            }
        };
        let format = sources::detect(&first).ok_or_else(|| ImportError::UnknownFormat {
            input: source.to_string(),
            line: lineno,
            start: first.chars().take(60).collect(),
        })?;
        let before = self.records.len();
        let mut skipped = Vec::new();
        let rows = sources::read(
            source,
            format,
            (&first, lineno),
            &mut reader,
            sources::Sink {
                countries: &self.countries,
                out: &mut self.records,
                skipped: &mut skipped,
            },
        )?;
        let count = skipped.len();
        skipped.truncate(10);
        self.reports.push(SourceReport {
            source: source.to_string(),
            format,
            rows,
            records: self.records.len() - before,
            merged: 0,
            skipped_lines: skipped,
            skipped: count,
        });
        Ok(())
    }

    /// Merges what was read into `base` (the compiled-in gazetteer's data) and builds the
    /// index. `stamp` is written into the index's description (`sitrep gazetteer info`).
    pub(crate) fn finish(mut self, base: &Data, stamp: &str) -> Result<Imported, ImportError> {
        let mut m = Merger::new(base);
        // Russian names of units join the unit of the same code.
        let mut ru: HashMap<String, SourceRecord> = HashMap::new();
        let mut admin_names: HashMap<String, String> = HashMap::new();
        let mut order: Vec<usize> = (0..self.records.len()).collect();
        order.sort_by_key(|&i| (self.records[i].format, i));
        let mut merged_by_format: HashMap<Format, usize> = HashMap::new();
        for r in &self.records {
            match r.format {
                Format::AdminRussianNames => {
                    ru.insert(r.id.clone(), r.clone());
                }
                Format::OchaAdmin => {
                    admin_names.insert(r.id.clone(), r.names[0].name.clone());
                }
                _ => {}
            }
        }
        let mut records: Vec<Option<SourceRecord>> = std::mem::take(&mut self.records)
            .into_iter()
            .map(Some)
            .collect();
        for &i in &order {
            let Some(mut r) = records[i].take() else {
                continue;
            };
            if r.format == Format::AdminRussianNames {
                // Taken with its OCHA unit when that was read; on its own otherwise.
                if let Some(&idx) = m.by_source.get(&format!("ocha:{}", r.id)) {
                    m.add_names(idx, &r, false);
                    *merged_by_format.entry(r.format).or_default() += 1;
                    continue;
                }
            }
            if r.format == Format::OchaAdmin {
                if let Some(extra) = ru.remove(&r.id) {
                    for n in extra.names {
                        if !r.names.iter().any(|x| x.name == n.name) {
                            r.names.push(n);
                        }
                    }
                }
            }
            if r.raion_name.is_empty() && !r.raion.is_empty() {
                r.raion_name = admin_names.get(&r.raion).cloned().unwrap_or_default();
            }
            if r.hromada_name.is_empty() && !r.hromada.is_empty() {
                r.hromada_name = admin_names.get(&r.hromada).cloned().unwrap_or_default();
            }
            if m.take(&r) {
                *merged_by_format.entry(r.format).or_default() += 1;
            }
        }
        // Each source's merged count is reported on its first file.
        for rep in &mut self.reports {
            if let Some(n) = merged_by_format.remove(&rep.format) {
                rep.merged = n;
            }
        }
        let mut meta = format!("built\t{stamp}\nbase\t{} records\n", base.records.len());
        for rep in &self.reports {
            meta.push_str(&format!(
                "source\t{}\t{}\t{} rows\t{} records\t{} merged\t{} skipped\n",
                rep.source,
                rep.format.as_str(),
                rep.rows,
                rep.records,
                rep.merged,
                rep.skipped
            ));
        }
        let parsed = m.into_parsed(meta);
        let records = parsed.entries.len();
        let index = build_parsed(&parsed).map_err(|e| ImportError::Build(e.to_string()))?;
        Ok(Imported {
            index,
            sources: self.reports,
            records,
        })
    }
}

/// One name of a merged record.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name {
    name: String,
    lang: String,
    former: bool,
    phrase_only: bool,
}

/// A record being merged: the entry (its keys are written at the end) and its names.
struct Merging {
    entry: Entry,
    names: Vec<Name>,
    /// Folded forms of the record's current official names (OCHA), for telling former names.
    official: Vec<String>,
}

/// The records being merged, with the indexes that find a record for a new one.
struct Merger {
    recs: Vec<Merging>,
    admin1_names: Vec<(String, String, String)>,
    common_names: Vec<String>,
    english: Vec<String>,
    /// Folded name -> records bearing it.
    by_fold: HashMap<String, Vec<u32>>,
    /// Source ids ("geonames:713174", "ocha:UA1412") -> record.
    by_source: HashMap<String, u32>,
    /// Settlements with OCHA codes by 0.1° cell, for the codes of records without them.
    grid: HashMap<(i32, i32), Vec<u32>>,
}

fn cell(lat: f64, lon: f64) -> (i32, i32) {
    ((lat * 10.0).floor() as i32, (lon * 10.0).floor() as i32)
}

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    super::haversine_km(a.0, a.1, b.0, b.1)
}

fn feature_of(level: Level) -> u8 {
    match level {
        Level::Admin1 => FEATURE_ADMIN1,
        Level::Admin2 => FEATURE_ADMIN2,
        Level::Admin3 => FEATURE_ADMIN3,
        Level::Settlement => FEATURE_CITY,
        Level::Airport => FEATURE_AIRPORT,
        Level::Landmark => FEATURE_OTHER,
    }
}

impl Merger {
    fn new(base: &Data) -> Self {
        let mut m = Merger {
            recs: Vec::with_capacity(base.records.len() + 70_000),
            admin1_names: Vec::new(),
            common_names: base.common_names.keys().map(str::to_string).collect(),
            english: base.english.keys().map(str::to_string).collect(),
            by_fold: HashMap::new(),
            by_source: HashMap::new(),
            grid: HashMap::new(),
        };
        let mut seen_admin1: std::collections::HashSet<(String, String)> = Default::default();
        for rec in &base.records {
            let p = &rec.place;
            let country = p.country.clone().unwrap_or_default();
            if let Some(a) = &p.admin1 {
                if !rec.admin1_code.is_empty()
                    && seen_admin1.insert((country.clone(), rec.admin1_code.clone()))
                {
                    m.admin1_names
                        .push((country.clone(), rec.admin1_code.clone(), a.clone()));
                }
            }
            let names = rec
                .keys
                .split('|')
                .map(KeySpec::parse)
                .filter(|k| !k.name.is_empty())
                .map(|k| Name {
                    name: k.name.to_string(),
                    lang: k.lang.to_string(),
                    former: k.former,
                    phrase_only: k.phrase_only,
                })
                .collect();
            let entry = Entry {
                id: p.id.clone(),
                name: p.name.clone(),
                feature: rec.feature_code,
                capital: rec.capital,
                country,
                admin1_code: rec.admin1_code.clone(),
                lat: p.lat,
                lon: p.lon,
                population: rec.rank_population,
                keys: String::new(),
                admin2_code: rec.admin2_code.clone(),
                admin2_name: rec.admin2_name.clone(),
                admin3_code: rec.admin3_code.clone(),
                admin3_name: rec.admin3_name.clone(),
            };
            m.push(entry, names);
        }
        m.admin1_names.sort();
        m
    }

    /// Adds a record and indexes its names and id.
    fn push(&mut self, entry: Entry, names: Vec<Name>) -> u32 {
        let idx = self.recs.len() as u32;
        self.by_source.entry(entry.id.clone()).or_insert(idx);
        for n in &names {
            if !n.phrase_only {
                self.index_name(idx, &n.name);
            }
        }
        self.recs.push(Merging {
            entry,
            names,
            official: Vec::new(),
        });
        idx
    }

    fn index_name(&mut self, idx: u32, name: &str) {
        let f = fold(&norm(name));
        if f.is_empty() {
            return;
        }
        let list = self.by_fold.entry(f).or_default();
        if list.last() != Some(&idx) && !list.contains(&idx) {
            list.push(idx);
        }
    }

    /// Whether record `idx` may stand for a source record of `feature` in `country`.
    fn same_kind(&self, idx: u32, feature: u8, country: &str) -> bool {
        let e = &self.recs[idx as usize].entry;
        e.country == country && e.feature == feature
    }

    /// The nearest record of the same kind sharing a folded name within `max_km`.
    fn find_same(&self, r: &SourceRecord, feature: u8, max_km: f64) -> Option<u32> {
        let mut best: Option<(f64, u32)> = None;
        for n in &r.names {
            let f = fold(&norm(&n.name));
            let Some(list) = self.by_fold.get(&f) else {
                continue;
            };
            for &idx in list {
                if !self.same_kind(idx, feature, &r.country) {
                    continue;
                }
                let e = &self.recs[idx as usize].entry;
                let limit = if e.population >= 100_000 {
                    max_km.max(TOWN_KM)
                } else {
                    max_km
                };
                let d = km((e.lat, e.lon), (r.lat, r.lon));
                if d <= limit && best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, idx));
                }
            }
        }
        best.map(|(_, i)| i)
    }

    /// Adds the names of `r` to record `idx`; `check_former` flags as former the names that
    /// do not meet the record's official names even loosely.
    fn add_names(&mut self, idx: u32, r: &SourceRecord, check_former: bool) {
        let mut new_names = Vec::new();
        {
            let rec = &mut self.recs[idx as usize];
            for n in &r.names {
                let former = n.former
                    || (check_former
                        && !rec.official.is_empty()
                        && !rec.official.contains(&skeleton(&fold(&norm(&n.name)))));
                match rec
                    .names
                    .iter_mut()
                    .find(|x| x.name == n.name && !x.phrase_only)
                {
                    Some(x) => {
                        if x.lang.is_empty() {
                            x.lang = n.lang.to_string();
                        }
                    }
                    None => {
                        rec.names.push(Name {
                            name: n.name.clone(),
                            lang: n.lang.to_string(),
                            former,
                            phrase_only: false,
                        });
                        new_names.push(n.name.clone());
                    }
                }
            }
        }
        for n in new_names {
            self.index_name(idx, &n);
        }
    }

    /// Sets the administrative codes of `r` on record `idx` where it has none.
    fn add_codes(&mut self, idx: u32, r: &SourceRecord) {
        let e = &mut self.recs[idx as usize].entry;
        if e.admin1_code.is_empty() {
            e.admin1_code = admin1_of(r).to_string();
        }
        if e.admin2_code.is_empty() && !r.raion.is_empty() {
            e.admin2_code = r.raion.clone();
            e.admin2_name = r.raion_name.clone();
        }
        if e.admin3_code.is_empty() && !r.hromada.is_empty() {
            e.admin3_code = r.hromada.clone();
            e.admin3_name = r.hromada_name.clone();
        }
        if r.population > e.population && e.feature == FEATURE_CITY {
            e.population = r.population;
        }
    }

    /// Takes one source record: merged into a record already there, or added. Returns whether
    /// it was merged.
    fn take(&mut self, r: &SourceRecord) -> bool {
        if r.names.is_empty() {
            return false;
        }
        let feature = feature_of(r.level);
        let source_id = match r.format {
            Format::OchaAdmin | Format::AdminRussianNames | Format::OchaSettlements => {
                format!("ocha:{}", r.id)
            }
            Format::WhosOnFirst => format!("wof:{}", r.id),
            Format::GeoNames => format!("geonames:{}", r.id),
        };
        let official = matches!(
            r.format,
            Format::OchaAdmin | Format::AdminRussianNames | Format::OchaSettlements
        );
        // An oblast is the compiled-in region of the same code.
        let target = if r.level == Level::Admin1 && r.country == "UA" && official {
            let code = geonames_admin1(&r.oblast);
            self.by_source
                .get(&format!("geonames:admin1:UA.{code}"))
                .copied()
        } else {
            None
        };
        let linked = r
            .geonames_id
            .as_ref()
            .and_then(|g| self.by_source.get(&format!("geonames:{g}")).copied())
            .filter(|&i| {
                let e = &self.recs[i as usize].entry;
                km((e.lat, e.lon), (r.lat, r.lon)) <= TOWN_KM
            });
        let max_km = match r.level {
            Level::Settlement | Level::Landmark | Level::Airport => SETTLEMENT_KM,
            _ => UNIT_KM,
        };
        let found = target
            .or(linked)
            .or_else(|| self.by_source.get(&source_id).copied())
            .or_else(|| self.find_same(r, feature, max_km));
        if let Some(idx) = found {
            self.add_names(idx, r, r.format == Format::WhosOnFirst);
            self.add_codes(idx, r);
            if official {
                let rec = &mut self.recs[idx as usize];
                for n in r.names.iter().filter(|n| !n.former) {
                    let s = skeleton(&fold(&norm(&n.name)));
                    if !rec.official.contains(&s) {
                        rec.official.push(s);
                    }
                }
                if r.level == Level::Settlement {
                    let c = cell(r.lat, r.lon);
                    self.grid.entry(c).or_default().push(idx);
                }
            }
            self.by_source.entry(source_id).or_insert(idx);
            return true;
        }
        let mut entry = Entry {
            id: source_id.clone(),
            name: r.names[0].name.clone(),
            feature,
            capital: r.capital,
            country: r.country.clone(),
            admin1_code: admin1_of(r).to_string(),
            lat: r.lat,
            lon: r.lon,
            population: r.population,
            keys: String::new(),
            admin2_code: r.raion.clone(),
            admin2_name: r.raion_name.clone(),
            admin3_code: r.hromada.clone(),
            admin3_name: r.hromada_name.clone(),
        };
        if entry.admin2_code.is_empty() && !r.admin2_code.is_empty() {
            entry.admin2_code = format!("{}.{}.{}", r.country, r.admin1_code, r.admin2_code);
        }
        if !official && entry.admin1_code.is_empty() {
            // Codes of the nearest official settlement.
            if let Some(near) = self.nearest_official(r.lat, r.lon) {
                let e = &self.recs[near as usize].entry;
                if e.country == r.country {
                    entry.admin1_code = e.admin1_code.clone();
                    entry.admin2_code = e.admin2_code.clone();
                    entry.admin2_name = e.admin2_name.clone();
                    entry.admin3_code = e.admin3_code.clone();
                    entry.admin3_name = e.admin3_name.clone();
                }
            }
        }
        let names = r
            .names
            .iter()
            .map(|n| Name {
                name: n.name.clone(),
                lang: n.lang.to_string(),
                former: n.former,
                phrase_only: false,
            })
            .collect();
        let idx = self.push(entry, names);
        if official {
            let rec = &mut self.recs[idx as usize];
            rec.official = r
                .names
                .iter()
                .filter(|n| !n.former)
                .map(|n| skeleton(&fold(&norm(&n.name))))
                .collect();
            if r.level == Level::Settlement {
                self.grid.entry(cell(r.lat, r.lon)).or_default().push(idx);
            }
        }
        false
    }

    /// The nearest settlement with official codes within [`CODES_KM`].
    fn nearest_official(&self, lat: f64, lon: f64) -> Option<u32> {
        let (cy, cx) = cell(lat, lon);
        let mut best: Option<(f64, u32)> = None;
        for dy in -2..=2 {
            for dx in -3..=3 {
                for &idx in self.grid.get(&(cy + dy, cx + dx)).into_iter().flatten() {
                    let e = &self.recs[idx as usize].entry;
                    let d = km((e.lat, e.lon), (lat, lon));
                    if d <= CODES_KM && best.is_none_or(|(b, _)| d < b) {
                        best = Some((d, idx));
                    }
                }
            }
        }
        best.map(|(_, i)| i)
    }

    /// The gazetteer of the merged records, with their keys written.
    fn into_parsed(self, meta: String) -> Parsed {
        let entries = self
            .recs
            .into_iter()
            .map(|mut r| {
                let mut keys = String::new();
                // The record's own name first.
                let own = r.entry.name.clone();
                if let Some(i) = r.names.iter().position(|n| n.name == own && !n.phrase_only) {
                    let n = r.names.remove(i);
                    r.names.insert(0, n);
                }
                for (i, n) in r.names.iter().enumerate() {
                    if i > 0 {
                        keys.push('|');
                    }
                    KeySpec {
                        name: &n.name,
                        phrase_only: n.phrase_only,
                        former: n.former && i > 0,
                        lang: &n.lang,
                    }
                    .write(&mut keys);
                }
                r.entry.keys = keys;
                r.entry
            })
            .collect();
        Parsed {
            entries,
            admin1_names: self.admin1_names,
            common_names: self.common_names,
            english: self.english,
            skipped: 0,
            meta,
        }
    }
}

/// The GeoNames first-level code of a source record.
fn admin1_of(r: &SourceRecord) -> &str {
    if !r.admin1_code.is_empty() {
        return &r.admin1_code;
    }
    geonames_admin1(&r.oblast)
}

#[cfg(test)]
mod tests;
