//! The gazetteer's records and name indexes, read from the binary index built by [`index`].
//!
//! [`Data`] holds the records ([`Record`]) and the name indexes ([`NameTable`]): names usable
//! anywhere, names usable only before a region word ("Bryansk" in "Bryansk region") and names
//! usable only before an airport word, with the [`NameFilter`] in front of them. The embedded
//! gazetteer's index is built at compile time by the crate's build script and read in place;
//! [`Data::from_gz`] builds the index of a gazetteer file at run time with the same code.

mod builder;
mod index;
#[cfg(test)]
mod tests;

use super::fold::{admin_stem, consonants, fold_into, skeleton, skeleton_into};
use super::tokens::norm;
pub(crate) use builder::{build_parsed, cyrillic_stem, Entry, Parsed};
use index::Section;
pub(crate) use index::{
    Bytes, FxMap, KeyRef, KeySpec, NameFilter, NameSet, NameTable, FEATURE_ADMIN1, FEATURE_ADMIN2,
    FEATURE_ADMIN3, FEATURE_AIRPORT, FEATURE_CITY, FEATURE_COUNTRY, FEATURE_OTHER, FEATURE_REGION,
};
use sitrep_model::{Feature, Place};
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

/// The index of the embedded gazetteer (`data/gazetteer.tsv.gz`), built by the build script.
static EMBEDDED_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.idx"));

/// Why a gazetteer file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer {name}: not a gzip stream: {source}")]
    Gzip {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error("gazetteer {name}: not UTF-8 text: {source}")]
    Encoding {
        name: String,
        #[source]
        source: std::str::Utf8Error,
    },
    #[error("gazetteer {name}: missing or unknown header line")]
    Header { name: String },
    #[error("gazetteer {name}: {reason}")]
    Index { name: String, reason: String },
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
    /// The feature code of the index (finer than [`Place::feature`]: districts and
    /// communities are both [`Feature::Admin2`] there).
    pub feature_code: u8,
    /// The second-level unit the place lies in (or is): code and name, "" when unknown.
    pub admin2_code: String,
    pub admin2_name: String,
    /// The third-level unit (community) the place lies in (or is): code and name.
    pub admin3_code: String,
    pub admin3_name: String,
    /// The names in the keys field's syntax ([`KeySpec`]), `|`-separated.
    pub keys: String,
}

#[derive(Debug, Default)]
pub(crate) struct Data {
    pub records: Records,
    /// Names usable anywhere.
    pub keys: NameTable<KeyRef>,
    /// Names usable only before a region word: region base names and their namesake city's
    /// spellings.
    pub region_keys: NameTable<KeyRef>,
    /// Names usable only before an airport word.
    pub airport_keys: NameTable<KeyRef>,
    /// Stems of Cyrillic region and namesake-city names (see [`cyrillic_stem`]) -> regions of
    /// Ukraine, Russia and Belarus, for "Харківська область".
    pub cyrillic_region_stems: NameTable<KeyRef>,
    /// First words of names of two or more words.
    pub first_words: NameTable<()>,
    /// A quick test that rules out most words that are not in `keys` or in `first_words`.
    pub filter: NameFilter,
    /// The same for folded and loose forms: names in `folded` and `loose`, and the loose forms
    /// of first words.
    pub forms_filter: NameFilter,
    /// The most words in a name.
    pub max_words: usize,
    pub by_id: NameTable<u32>,
    /// (country, admin1 code) -> region record.
    pub admin1: HashMap<(String, String), u32>,
    /// Indexes of airport records, sorted by latitude.
    pub airports: Vec<u32>,
    /// ISO2 -> country record.
    pub countries: HashMap<String, u32>,
    /// Single-word names that are common English words.
    pub common_names: NameTable<()>,
    /// Frequent English words in general.
    pub english: NameTable<()>,
    /// Names whose strong folded form differs from their lookup form, under that form.
    pub folded: NameTable<KeyRef>,
    /// Names of settlements, districts, communities and landmarks under their loose form.
    pub loose: NameTable<KeyRef>,
    /// Names of districts and communities under the loose form of their stem.
    pub admin_keys: NameTable<KeyRef>,
    /// What the gazetteer was built from, as lines of text.
    pub meta: String,
    /// Lines that could not be parsed.
    pub skipped_lines: usize,
}

/// The model's feature of an index feature code.
pub(crate) fn feature_of(code: u8) -> Option<Feature> {
    Some(match code {
        FEATURE_COUNTRY => Feature::Country,
        FEATURE_ADMIN1 => Feature::Admin1,
        FEATURE_CITY => Feature::City,
        FEATURE_AIRPORT => Feature::Airport,
        FEATURE_REGION => Feature::Region,
        FEATURE_ADMIN2 | FEATURE_ADMIN3 => Feature::Admin2,
        FEATURE_OTHER => Feature::Other,
        _ => return None,
    })
}

/// One record from its bytes in the records section; `strings` is the strings section.
fn decode_record(r: &[u8], strings: &[u8]) -> Option<Record> {
    let string = |at: usize| -> Option<Option<String>> {
        let off = index::u32_at(r, at)?;
        if off == index::NO_STRING {
            return Some(None);
        }
        let (off, len) = (off as usize, index::u32_at(r, at + 4)? as usize);
        let b = strings.get(off..off.checked_add(len)?)?;
        Some(Some(std::str::from_utf8(b).ok()?.to_string()))
    };
    let code = *r.first()?;
    let feature = feature_of(code)?;
    let population = index::u64_at(r, 20)?;
    let place = Place {
        name: string(28)??,
        country: string(44)?.filter(|c| !c.is_empty()),
        admin1: string(52)?,
        lat: f64::from_bits(index::u64_at(r, 4)?),
        lon: f64::from_bits(index::u64_at(r, 12)?),
        feature,
        id: string(36)??,
        population: (population > 0 && feature != Feature::Admin1).then_some(population),
    };
    Some(Record {
        place,
        admin1_code: string(60)??,
        capital: *r.get(1)? != 0,
        rank_population: population,
        feature_code: code,
        admin2_code: string(68)?.unwrap_or_default(),
        admin2_name: string(76)?.unwrap_or_default(),
        admin3_code: string(84)?.unwrap_or_default(),
        admin3_name: string(92)?.unwrap_or_default(),
        keys: string(100)??,
    })
}

/// The records, each decoded from the index the first time it is used: a text names a few
/// hundred places at most, and decoding all records (several strings each) would cost most
/// of the start-up time.
#[derive(Default)]
pub(crate) struct Records {
    /// The records section.
    bytes: Bytes,
    /// The strings section.
    strings: Bytes,
    cells: Box<[OnceLock<Box<Record>>]>,
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records").field("len", &self.len()).finish()
    }
}

impl Records {
    fn new(bytes: Bytes, strings: Bytes) -> Self {
        let n = bytes.len() / index::RECORD_SIZE;
        Records {
            bytes,
            strings,
            cells: (0..n).map(|_| OnceLock::new()).collect(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.cells.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    pub(crate) fn iter(&self) -> RecordsIter<'_> {
        RecordsIter {
            records: self,
            next: 0,
        }
    }

    /// Record `i`, decoded. The index is checked when it is read, so a record that does not
    /// decode cannot occur there; it would come out as a nameless record of no feature.
    fn decode(&self, i: usize) -> Record {
        let r = self
            .bytes
            .get(i * index::RECORD_SIZE..(i + 1) * index::RECORD_SIZE)
            .unwrap_or_default();
        decode_record(r, &self.strings).unwrap_or_else(|| Record {
            place: Place {
                name: String::new(),
                country: None,
                admin1: None,
                lat: 0.0,
                lon: 0.0,
                feature: Feature::Other,
                id: String::new(),
                population: None,
            },
            admin1_code: String::new(),
            capital: false,
            rank_population: 0,
            feature_code: FEATURE_OTHER,
            admin2_code: String::new(),
            admin2_name: String::new(),
            admin3_code: String::new(),
            admin3_name: String::new(),
            keys: String::new(),
        })
    }
}

impl std::ops::Index<usize> for Records {
    type Output = Record;

    #[inline]
    fn index(&self, i: usize) -> &Record {
        self.cells[i].get_or_init(|| Box::new(self.decode(i)))
    }
}

/// The records in order.
pub(crate) struct RecordsIter<'a> {
    records: &'a Records,
    next: usize,
}

impl<'a> Iterator for RecordsIter<'a> {
    type Item = &'a Record;

    fn next(&mut self) -> Option<&'a Record> {
        if self.next >= self.records.len() {
            return None;
        }
        self.next += 1;
        Some(&self.records[self.next - 1])
    }
}

impl<'a> IntoIterator for &'a Records {
    type Item = &'a Record;
    type IntoIter = RecordsIter<'a>;

    fn into_iter(self) -> RecordsIter<'a> {
        self.iter()
    }
}

impl Data {
    /// The embedded gazetteer, read from the index the build script made of it.
    pub(crate) fn embedded() -> Result<Data, GazetteerError> {
        Self::from_index("embedded gazetteer", Bytes::Static(EMBEDDED_INDEX))
    }

    /// Parses a gzip-compressed gazetteer file. Malformed lines are skipped and counted.
    pub(crate) fn from_gz(name: &str, bytes: &[u8]) -> Result<Data, GazetteerError> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|source| GazetteerError::Gzip {
                name: name.to_string(),
                source,
            })?;
        let text = std::str::from_utf8(&raw).map_err(|source| GazetteerError::Encoding {
            name: name.to_string(),
            source,
        })?;
        Self::from_tsv(name, text)
    }

    /// Parses a gazetteer TSV: builds its index as the build script does for the embedded
    /// file, then reads it.
    pub(crate) fn from_tsv(name: &str, text: &str) -> Result<Data, GazetteerError> {
        let bytes = index::build(text).map_err(|e| match e {
            index::BuildError::Header => GazetteerError::Header {
                name: name.to_string(),
            },
            e => GazetteerError::Index {
                name: name.to_string(),
                reason: e.to_string(),
            },
        })?;
        Self::from_index(name, Bytes::owned(bytes))
    }

    /// Reads an index buffer made by [`index::build`]. The name tables and the filter are read
    /// in place (only the lists of records a name points to are decoded); each record is
    /// decoded when first used.
    pub(crate) fn from_index(name: &str, bytes: Bytes) -> Result<Data, GazetteerError> {
        let invalid = |reason: String| GazetteerError::Index {
            name: name.to_string(),
            reason: format!("invalid index: {reason}"),
        };
        let h = index::header(&bytes).map_err(invalid)?;
        let section = |s: Section| -> Bytes { bytes.slice(h.sections[s as usize].clone()) };
        let records = Records::new(section(Section::Records), section(Section::Strings));
        let n = records.len() as u32;
        let key_ref: fn(u32, u32) -> Option<KeyRef> =
            |v, n| Some(KeyRef::unpack(v)).filter(|r| r.idx < n);
        let record = |v: u32| Some(v).filter(|&v| v < n);
        let refs = |s: Section| NameTable::read(section(s), n, key_ref).map_err(invalid);
        let set = |s: Section| NameTable::read(section(s), 0, |_, _| Some(())).map_err(invalid);
        let airports_bytes = section(Section::Airports);
        let airports = airports_bytes
            .chunks_exact(4)
            .map(|b| record(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
            .collect::<Option<Vec<u32>>>()
            .ok_or_else(|| invalid("bad airport".to_string()))?;
        let mut countries = HashMap::new();
        let mut admin1 = HashMap::new();
        for b in section(Section::Divisions).chunks_exact(4) {
            let idx = record(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| invalid("bad division".to_string()))?;
            let rec = &records[idx as usize];
            let cc = || rec.place.country.clone().unwrap_or_default();
            match rec.place.feature {
                Feature::Country => {
                    countries.insert(cc(), idx);
                }
                Feature::Admin1 => {
                    admin1.insert((cc(), rec.admin1_code.clone()), idx);
                }
                _ => {}
            }
        }
        Ok(Data {
            keys: refs(Section::Keys)?,
            region_keys: refs(Section::RegionKeys)?,
            airport_keys: refs(Section::AirportKeys)?,
            cyrillic_region_stems: refs(Section::CyrillicStems)?,
            first_words: set(Section::FirstWords)?,
            filter: NameFilter::read(section(Section::Filter)).map_err(invalid)?,
            forms_filter: NameFilter::read(section(Section::FormsFilter)).map_err(invalid)?,
            max_words: h.max_words,
            by_id: NameTable::read(section(Section::ById), n, |v, n| (v < n).then_some(v))
                .map_err(invalid)?,
            admin1,
            airports,
            countries,
            common_names: set(Section::CommonNames)?,
            english: set(Section::English)?,
            folded: refs(Section::Folded)?,
            loose: refs(Section::Loose)?,
            admin_keys: refs(Section::AdminKeys)?,
            meta: String::from_utf8_lossy(&section(Section::Meta)).into_owned(),
            skipped_lines: h.skipped_lines,
            records,
        })
    }
}
