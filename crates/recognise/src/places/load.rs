//! Reading the compact gazetteer file (a gzip-compressed TSV, described in `data/README.md`).
//!
//! [`Data`] holds the records ([`Record`]), and the name indexes built from their keys: names
//! usable anywhere, names usable only before a region word ("Bryansk" in "Bryansk region") and
//! names usable only before an airport word.

use super::tokens::norm;
use sitrep_model::{Feature, Place};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::io::Read;

/// A fast, fixed hash for the name tables (the FxHash mixing step). Names come from the data
/// file; text is only looked up, never inserted, so a fixed hash is safe here.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxBuild;

pub(crate) struct FxHasher(u64);

impl BuildHasher for FxBuild {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The mixing step leaves the low bits of the state depending on the low bits of the input
    /// only, and the table picks buckets by the low bits: names sharing their first letters
    /// would crowd into the same buckets. Rotating brings the well-mixed high bits down.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// A Bloom filter over names of two sets (the gazetteer's names, and the first words of its
/// names of several words): `may_contain` is false for most names not inserted in a set and
/// always true for names inserted. The name tables hold hundreds of thousands of entries, far
/// more than the processor's caches, so each lookup in them costs several memory accesses; the
/// filter answers from one cache line for the many words of a text that are no name. All
/// probes of a name, for both sets, fall in the same 512-bit block (a blocked Bloom filter), so
/// one memory access answers both questions for a word.
#[derive(Debug, Default)]
pub(crate) struct NameFilter {
    blocks: Vec<[u64; 8]>,
}

/// The set a name is inserted into or looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameSet {
    Names = 0,
    FirstWords = 1,
}

impl NameFilter {
    /// A filter holding `names` and `first_words`, sized for about ten bits per entry.
    pub(crate) fn new<'a>(
        names: impl ExactSizeIterator<Item = &'a str>,
        first_words: impl ExactSizeIterator<Item = &'a str>,
    ) -> Self {
        let count = names.len() + first_words.len();
        let nblocks = (count.max(1) * 10 / 512 + 1).next_power_of_two();
        let mut f = NameFilter {
            blocks: vec![[0; 8]; nblocks],
        };
        for (set, list) in [
            (NameSet::Names, names.collect::<Vec<_>>()),
            (NameSet::FirstWords, first_words.collect()),
        ] {
            for n in list {
                let (b, probes) = f.probes(n);
                for p in probes[set as usize] {
                    f.blocks[b][p / 64] |= 1 << (p % 64);
                }
            }
        }
        f
    }

    /// The block of a name and its two bit positions within it for each set.
    #[inline]
    fn probes(&self, name: &str) -> (usize, [[usize; 2]; 2]) {
        let h = FxBuild.hash_one(name);
        let block = (h as usize) & (self.blocks.len() - 1);
        let bit = |shift: u32| ((h >> shift) & 511) as usize;
        (block, [[bit(46), bit(55)], [bit(28), bit(37)]])
    }

    /// Whether `name` may be in each set, `[names, first words]`; false when it was certainly
    /// not inserted there. An empty filter rules out nothing.
    #[inline]
    pub(crate) fn may_contain(&self, name: &str) -> [bool; 2] {
        if self.blocks.is_empty() {
            return [true; 2];
        }
        let (b, probes) = self.probes(name);
        let block = &self.blocks[b];
        probes.map(|ps| ps.iter().all(|&p| block[p / 64] & (1 << (p % 64)) != 0))
    }
}

pub(crate) type FxSet<K> = HashSet<K, FxBuild>;

/// Why a gazetteer file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer {name}: not a gzip stream: {source}")]
    Gzip {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error("gazetteer {name}: missing or unknown header line")]
    Header { name: String },
}

/// One gazetteer record: the public [`Place`] plus what ranking needs.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub place: Place,
    /// The GeoNames first-level code within the country ("13" for Kyiv Oblast), or "".
    pub admin1_code: String,
    pub capital: bool,
    /// Population used for ranking; for regions the sum over their populated places (not
    /// reported in [`Place::population`], as GeoNames lists some places twice).
    pub rank_population: u64,
}

/// A pointer from a name to a record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyRef {
    pub idx: u32,
    /// The name is the record's own English name (or a country's conventional alias), not
    /// one of its alternates.
    pub primary: bool,
    /// The name is written all in capitals ("US", "UK") and must be so in the text.
    pub upper: bool,
    /// The name begins like the record's own name ("Slovyansk" for "Sloviansk"): a spelling
    /// rather than a former or unrelated name.
    pub similar: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Data {
    pub records: Vec<Record>,
    /// Names usable anywhere.
    pub keys: FxMap<String, Vec<KeyRef>>,
    /// Names usable only before a region word: region base names and their namesake city's
    /// spellings.
    pub region_keys: FxMap<String, Vec<KeyRef>>,
    /// Names usable only before an airport word.
    pub airport_keys: FxMap<String, Vec<KeyRef>>,
    /// Stems of Cyrillic region and namesake-city names (see [`cyrillic_stem`]) -> regions of
    /// Ukraine, Russia and Belarus, for "Харківська область".
    pub cyrillic_region_stems: FxMap<String, Vec<KeyRef>>,
    /// First words of names of two or more words.
    pub first_words: FxSet<String>,
    /// A quick test that rules out most words that are not in `keys` or in `first_words`.
    pub filter: NameFilter,
    /// The most words in a name.
    pub max_words: usize,
    pub by_id: FxMap<String, u32>,
    /// (country, admin1 code) -> region record.
    pub admin1: HashMap<(String, String), u32>,
    /// Indexes of airport records, sorted by latitude.
    pub airports: Vec<u32>,
    /// ISO2 -> country record.
    pub countries: HashMap<String, u32>,
    /// Single-word names that are common English words.
    pub common_names: FxSet<String>,
    /// Frequent English words in general.
    pub english: FxSet<String>,
    /// Lines that could not be parsed.
    pub skipped_lines: usize,
}

enum MapKind {
    Keys,
    Region,
    Airport,
}

/// The stem shared by a Cyrillic place name and the adjective formed from it: "Харків" and
/// "Харківська" give "харків", "Брянск" and "Брянская" give "брян", "Одеса" and "Одеська" give
/// "оде". Takes a normalised (lower-case) word.
pub(crate) fn cyrillic_stem(w: &str) -> String {
    let mut s = w.to_string();
    for suf in [
        "ського",
        "ської",
        "ській",
        "ську",
        "ська",
        "цької",
        "цькій",
        "цьку",
        "цька",
        "ского",
        "ской",
        "ская",
        "скую",
        "ском",
        "цкой",
        "цкая",
        "цкую",
        "ськ",
        "цьк",
        "ск",
        "цк",
    ] {
        if let Some(stripped) = s.strip_suffix(suf) {
            // An adjective (or a name in -ськ/-ск): its stem ends before the suffix.
            s = stripped.to_string();
            if s.ends_with('с') {
                s.pop();
            }
            return s;
        }
    }
    while let Some(c) = s.chars().last() {
        if "аеиіоуыюяьйєї".contains(c) {
            s.pop();
        } else {
            break;
        }
    }
    if s.ends_with('с') {
        s.pop();
    }
    s
}

fn feature_of(s: &str) -> Option<(Feature, bool)> {
    Some(match s {
        "country" => (Feature::Country, false),
        "admin1" => (Feature::Admin1, false),
        "city" => (Feature::City, false),
        "capital" => (Feature::City, true),
        "airport" => (Feature::Airport, false),
        "region" => (Feature::Region, false),
        _ => return None,
    })
}

impl Data {
    /// Parses a gzip-compressed gazetteer file. Malformed lines are skipped and counted.
    pub(crate) fn from_gz(name: &str, bytes: &[u8]) -> Result<Data, GazetteerError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|source| GazetteerError::Gzip {
                name: name.to_string(),
                source,
            })?;
        Self::from_tsv(name, &text)
    }

    pub(crate) fn from_tsv(name: &str, text: &str) -> Result<Data, GazetteerError> {
        let mut lines = text.lines();
        if !lines
            .next()
            .is_some_and(|h| h.starts_with("#sitrep-gazetteer\t"))
        {
            return Err(GazetteerError::Header {
                name: name.to_string(),
            });
        }
        let mut d = Data::default();
        let mut admin1_names: HashMap<(String, String), String> = HashMap::new();
        // Records first keep their admin1 code; the English region name is filled in once all
        // "A" lines are read.
        let mut pending: Vec<(Record, &str)> = Vec::new();
        for line in lines {
            let f: Vec<&str> = line.split('\t').collect();
            match f.first().copied() {
                Some("P") if f.len() == 10 => {
                    let (Some((feature, capital)), Ok(lat), Ok(lon), Ok(pop)) = (
                        feature_of(f[3]),
                        f[6].parse::<f64>(),
                        f[7].parse::<f64>(),
                        f[8].parse::<u64>(),
                    ) else {
                        d.skipped_lines += 1;
                        continue;
                    };
                    let place = Place {
                        name: f[2].to_string(),
                        country: (!f[4].is_empty()).then(|| f[4].to_string()),
                        admin1: None,
                        lat,
                        lon,
                        feature,
                        id: f[1].to_string(),
                        population: (pop > 0 && feature != Feature::Admin1).then_some(pop),
                    };
                    let rec = Record {
                        place,
                        admin1_code: f[5].to_string(),
                        capital,
                        rank_population: pop,
                    };
                    pending.push((rec, f[9]));
                }
                Some("A") if f.len() == 3 => {
                    if let Some((cc, code)) = f[1].split_once('.') {
                        admin1_names.insert((cc.to_string(), code.to_string()), f[2].to_string());
                    }
                }
                Some("W") if f.len() >= 2 => {
                    d.common_names.insert(f[1].to_string());
                }
                Some("E") if f.len() == 2 => {
                    d.english.insert(f[1].to_string());
                }
                _ => d.skipped_lines += 1,
            }
        }
        d.records.reserve(pending.len());
        d.keys.reserve(pending.len() * 5);
        d.by_id.reserve(pending.len());
        for (mut rec, keys) in pending {
            let idx = d.records.len() as u32;
            let cc = rec.place.country.clone().unwrap_or_default();
            if !rec.admin1_code.is_empty() {
                rec.place.admin1 = admin1_names
                    .get(&(cc.clone(), rec.admin1_code.clone()))
                    .cloned();
            }
            match rec.place.feature {
                Feature::Country => {
                    d.countries.insert(cc.clone(), idx);
                }
                Feature::Admin1 => {
                    d.admin1.insert((cc.clone(), rec.admin1_code.clone()), idx);
                }
                _ => {}
            }
            let own_name = norm(&rec.place.name);
            let all_primary = matches!(
                rec.place.feature,
                Feature::Country | Feature::Admin1 | Feature::Region
            );
            for (i, key) in keys.split('|').enumerate() {
                let (map_kind, key) = if let Some(k) = key.strip_prefix('~') {
                    if rec.place.feature == Feature::Airport {
                        (MapKind::Airport, k)
                    } else {
                        (MapKind::Region, k)
                    }
                } else {
                    (MapKind::Keys, key)
                };
                let n = norm(key);
                if n.is_empty() {
                    continue;
                }
                let upper = key.len() <= 8
                    && key.chars().filter(|c| c.is_alphabetic()).count() <= 4
                    && key
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(|c| c.is_uppercase());
                let shared = own_name
                    .chars()
                    .zip(n.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                let similar = shared >= 4.min(n.chars().count());
                let kr = KeyRef {
                    idx,
                    primary: i == 0 || all_primary,
                    upper,
                    similar,
                };
                let words = n.split(' ').count();
                if words > 1 {
                    if let Some(first) = n.split(' ').next() {
                        d.first_words.insert(first.to_string());
                    }
                }
                d.max_words = d.max_words.max(words);
                if rec.place.feature == Feature::Admin1
                    && matches!(cc.as_str(), "UA" | "RU" | "BY")
                    && words == 1
                    && n.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
                {
                    let stem = cyrillic_stem(&n);
                    if stem.chars().count() >= 3 {
                        let refs = d.cyrillic_region_stems.entry(stem).or_default();
                        if !refs.iter().any(|r| r.idx == idx) {
                            refs.push(kr);
                        }
                    }
                }
                let map = match map_kind {
                    MapKind::Keys => &mut d.keys,
                    MapKind::Region => &mut d.region_keys,
                    MapKind::Airport => &mut d.airport_keys,
                };
                let refs = map.entry(n).or_default();
                if !refs.iter().any(|r| r.idx == idx) {
                    refs.push(kr);
                }
            }
            d.by_id.insert(rec.place.id.clone(), idx);
            d.records.push(rec);
        }
        d.max_words = d.max_words.min(8);
        d.filter = NameFilter::new(
            d.keys.keys().map(String::as_str),
            d.first_words.iter().map(String::as_str),
        );
        d.airports = (0..d.records.len() as u32)
            .filter(|&i| d.records[i as usize].place.feature == Feature::Airport)
            .collect();
        d.airports.sort_by(|&a, &b| {
            d.records[a as usize]
                .place
                .lat
                .total_cmp(&d.records[b as usize].place.lat)
        });
        Ok(d)
    }
}
