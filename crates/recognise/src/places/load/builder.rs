//! Building the index (see [`super::index`] for its layout): parsing a gazetteer TSV into
//! entries ([`parse`]), and laying the entries, their names in every form (as written, folded,
//! loose, stems of administrative names, Cyrillic region stems) and the name filters out in one
//! buffer ([`build_parsed`]).
//!
//! Like the index readers, this file uses only the standard library and the name forms of
//! `super` (`norm`, the folding), so that the build script can include it as a module of its own.

use super::index::*;
use super::{admin_stem, consonants, fold_into, norm, skeleton, skeleton_into};
use std::collections::HashMap;

/// The string pool: each distinct string once.
#[derive(Default)]
struct Strings<'a> {
    at: HashMap<&'a str, u32>,
    bytes: Vec<u8>,
}

impl<'a> Strings<'a> {
    /// The (offset, length) of `s` in the pool.
    fn add(&mut self, s: &'a str) -> Result<(u32, u32), BuildError> {
        let len = to_u32(s.len(), "a string")?;
        if let Some(&off) = self.at.get(s) {
            return Ok((off, len));
        }
        let off = to_u32(self.bytes.len(), "the strings")?;
        if off == NO_STRING {
            return Err(BuildError::TooLarge("the strings".to_string()));
        }
        self.bytes.extend_from_slice(s.as_bytes());
        self.at.insert(s, off);
        Ok((off, len))
    }
}

/// One place record of a gazetteer, as the TSV and the importers give it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Entry {
    pub id: String,
    pub name: String,
    pub feature: u8,
    pub capital: bool,
    pub country: String,
    /// The GeoNames first-level code within the country ("13" for Kyiv Oblast), or "".
    pub admin1_code: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    /// The names in the keys field's syntax ([`KeySpec`]), separated by `|`, the record's own
    /// first.
    pub keys: String,
    /// The second-level unit (raion, district) the place lies in: its code and name.
    pub admin2_code: String,
    pub admin2_name: String,
    /// The third-level unit (hromada, territorial community): its code and name.
    pub admin3_code: String,
    pub admin3_name: String,
}

/// A gazetteer: its records and word lists, before indexing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed {
    pub entries: Vec<Entry>,
    /// (country, first-level code, English name).
    pub admin1_names: Vec<(String, String, String)>,
    /// Single-word names that are common words ("W" lines).
    pub common_names: Vec<String>,
    /// Frequent English words ("E" lines).
    pub english: Vec<String>,
    /// Lines that could not be parsed.
    pub skipped: usize,
    /// What the gazetteer was made of, as lines of text (`sitrep gazetteer info`).
    pub meta: String,
}

/// Parses a gazetteer TSV (format version 1 or 2, described in `data/README.md`). Malformed
/// lines are skipped and counted; the header line must be there.
pub(crate) fn parse(text: &str) -> Result<Parsed, BuildError> {
    let mut lines = text.lines();
    if !lines
        .next()
        .is_some_and(|h| h.starts_with("#sitrep-gazetteer\t"))
    {
        return Err(BuildError::Header);
    }
    let mut out = Parsed::default();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        match f.first().copied() {
            Some("P") if f.len() == 10 || f.len() == 14 => {
                let (Some(&(_, feature, capital)), Ok(lat), Ok(lon), Ok(population)) = (
                    FEATURES.iter().find(|(name, _, _)| *name == f[3]),
                    f[6].parse::<f64>(),
                    f[7].parse::<f64>(),
                    f[8].parse::<u64>(),
                ) else {
                    out.skipped += 1;
                    continue;
                };
                if !(lat.is_finite() && lon.is_finite()) {
                    out.skipped += 1;
                    continue;
                }
                let extra = |i: usize| f.get(i).map_or(String::new(), |s| s.to_string());
                out.entries.push(Entry {
                    id: f[1].to_string(),
                    name: f[2].to_string(),
                    feature,
                    capital,
                    country: f[4].to_string(),
                    admin1_code: f[5].to_string(),
                    lat,
                    lon,
                    population,
                    keys: f[9].to_string(),
                    admin2_code: extra(10),
                    admin2_name: extra(11),
                    admin3_code: extra(12),
                    admin3_name: extra(13),
                });
            }
            Some("A") if f.len() == 3 => {
                if let Some((cc, code)) = f[1].split_once('.') {
                    out.admin1_names
                        .push((cc.to_string(), code.to_string(), f[2].to_string()));
                }
            }
            Some("W") if f.len() >= 2 => out.common_names.push(f[1].to_string()),
            Some("E") if f.len() == 2 => out.english.push(f[1].to_string()),
            Some("M") if f.len() == 2 => {
                out.meta.push_str(f[1]);
                out.meta.push('\n');
            }
            _ => out.skipped += 1,
        }
    }
    Ok(out)
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

/// Parses a gazetteer TSV into an index buffer (see [`parse`] and [`build_parsed`]).
pub(crate) fn build(text: &str) -> Result<Vec<u8>, BuildError> {
    build_parsed(&parse(text)?)
}

/// Renamed towns of Ukraine: (GeoNames first-level code, current name, former names). Source:
/// the resolutions of the Verkhovna Rada of Ukraine renaming settlements under the 2015 law on
/// condemning the communist regime (2016) and later ones (2019, 2022-2024), as published in
/// the parliament's official bulletin; written here by hand. Former names are given as Ukrainian
/// and Russian forms; the folding meets other spellings of them.
pub(crate) const RENAMED: &[(&str, &str, &[&str])] = &[
    (
        "05",
        "Bakhmut",
        &["Artemivsk", "Artemovsk", "Артемівськ", "Артемовск"],
    ),
    (
        "05",
        "Toretsk",
        &["Dzerzhynsk", "Dzerzhinsk", "Дзержинськ", "Дзержинск"],
    ),
    (
        "05",
        "Pokrovsk",
        &[
            "Krasnoarmiisk",
            "Krasnoarmeisk",
            "Красноармійськ",
            "Красноармейск",
        ],
    ),
    (
        "05",
        "Lyman",
        &[
            "Krasnyi Lyman",
            "Krasny Liman",
            "Красний Лиман",
            "Красный Лиман",
        ],
    ),
    ("05", "Myrnohrad", &["Dymytrov", "Dimitrov", "Димитров"]),
    (
        "05",
        "Soledar",
        &["Karlo-Libknekhtovsk", "Karlo-Libknekhtovo"],
    ),
    ("05", "Kalmiuske", &["Komsomolske", "Komsomolskoye"]),
    ("05", "Khrestivka", &["Kirovske", "Kirovskoye"]),
    (
        "05",
        "Boikivske",
        &["Telmanove", "Telmanovo", "Тельманове", "Тельманово"],
    ),
    ("05", "Nikolske", &["Volodarske", "Volodarskoye"]),
    ("14", "Kadiivka", &["Stakhanov", "Стаханов"]),
    (
        "14",
        "Khrustalnyi",
        &["Krasnyi Luch", "Krasny Luch", "Красний Луч", "Красный Луч"],
    ),
    (
        "14",
        "Dovzhansk",
        &["Sverdlovsk", "Свердловськ", "Свердловск"],
    ),
    ("14", "Sorokyne", &["Krasnodon", "Краснодон"]),
    ("14", "Holubivka", &["Kirovsk", "Кіровськ", "Кировск"]),
    ("14", "Teplohirsk", &["Irmino", "Ірміно", "Ирмино"]),
    (
        "04",
        "Dnipro",
        &[
            "Dnipropetrovsk",
            "Dnepropetrovsk",
            "Дніпропетровськ",
            "Днепропетровск",
        ],
    ),
    (
        "04",
        "Kamianske",
        &["Dniprodzerzhynsk", "Dneprodzerzhinsk", "Дніпродзержинськ"],
    ),
    (
        "04",
        "Pokrov",
        &["Ordzhonikidze", "Орджонікідзе", "Орджоникидзе"],
    ),
    (
        "10",
        "Kropyvnytskyi",
        &["Kirovohrad", "Kirovograd", "Кіровоград", "Кировоград"],
    ),
    (
        "18",
        "Horishni Plavni",
        &["Komsomolsk", "Комсомольськ", "Комсомольск"],
    ),
    (
        "17",
        "Chornomorsk",
        &["Illichivsk", "Ilyichevsk", "Іллічівськ", "Ильичёвск"],
    ),
    ("17", "Podilsk", &["Kotovsk", "Котовськ", "Котовск"]),
    ("17", "Pivdenne", &["Yuzhne", "Yuzhny", "Южне", "Южный"]),
    (
        "16",
        "Pivdennoukrainsk",
        &["Yuzhnoukrainsk", "Южноукраїнськ", "Южноукраинск"],
    ),
    (
        "26",
        "Bilmak",
        &["Kuibysheve", "Kuibyshevo", "Куйбишеве", "Куйбышево"],
    ),
    (
        "08",
        "Oleshky",
        &["Tsiurupynsk", "Tsyurupinsk", "Цюрупинськ", "Цюрупинск"],
    ),
    (
        "13",
        "Pereiaslav",
        &["Pereiaslav-Khmelnytskyi", "Pereyaslav-Khmelnitsky"],
    ),
    (
        "27",
        "Zviahel",
        &[
            "Novohrad-Volynskyi",
            "Novograd-Volynsky",
            "Новоград-Волинський",
        ],
    ),
    (
        "15",
        "Sheptytskyi",
        &["Chervonohrad", "Chervonograd", "Червоноград"],
    ),
    (
        "07",
        "Berestyn",
        &["Krasnohrad", "Krasnograd", "Красноград"],
    ),
];

/// Consonants a name's loose form needs to be indexed under it: shorter loose forms match too
/// many unrelated names.
pub(crate) const MIN_LOOSE_CONSONANTS: usize = 3;

/// Whether records of a feature are indexed under the loose forms of their names: settlements,
/// districts, communities and landmarks, whose names come in many spellings.
pub(crate) fn loose_feature(feature: u8) -> bool {
    matches!(
        feature,
        FEATURE_CITY | FEATURE_ADMIN2 | FEATURE_ADMIN3 | FEATURE_OTHER
    )
}

fn nonempty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// Builds the index buffer of a parsed gazetteer.
///
/// Names are stored normalised ([`norm`]); a name points to each record at most once per
/// table, in the order of the entries. Names usable only before a region or airport word go to
/// their own tables. Names whose strong folded form ([`fold`]) differs from their lookup form
/// also go to the folded table under it, and names of settlements, districts, communities and
/// landmarks go to the loose table under their loose form ([`skeleton`]); names of districts
/// and communities go to the administrative table under the loose form of their stem
/// ([`admin_stem`]), for "X district". Names of one Cyrillic word of the regions of Ukraine,
/// Russia and Belarus also go, by their stem ([`cyrillic_stem`]), to the stems table.
pub(crate) fn build_parsed(p: &Parsed) -> Result<Vec<u8>, BuildError> {
    let pending = &p.entries;
    if pending.len() > IDX_MASK as usize {
        return Err(BuildError::TooLarge("the records".to_string()));
    }
    let admin1_names: HashMap<(&str, &str), &str> = p
        .admin1_names
        .iter()
        .map(|(cc, code, name)| ((cc.as_str(), code.as_str()), name.as_str()))
        .collect();
    let mut common_names = TableBuilder::default();
    for w in &p.common_names {
        common_names.entry(w);
    }
    let mut english = TableBuilder::default();
    for w in &p.english {
        english.entry(w);
    }

    let mut strings = Strings::default();
    let mut records: Vec<u8> = Vec::with_capacity(pending.len() * RECORD_SIZE);
    let mut keys = TableBuilder::default();
    let mut region_keys = TableBuilder::default();
    let mut airport_keys = TableBuilder::default();
    let mut folded_keys = TableBuilder::default();
    let mut loose_keys = TableBuilder::default();
    let mut admin_keys = TableBuilder::default();
    let mut stems = TableBuilder::default();
    let mut first_words = TableBuilder::default();
    let mut by_id = TableBuilder::default();
    let mut max_words = 0usize;
    let mut folded = String::new();
    let mut loose = String::new();
    // Former names of renamed towns, by record: the town of that name in its region.
    let mut renamed: HashMap<usize, Vec<&str>> = HashMap::new();
    for (admin1, name, former) in RENAMED {
        let target = norm(name);
        if let Some(i) = pending.iter().position(|e| {
            e.country == "UA"
                && e.admin1_code == *admin1
                && e.feature == FEATURE_CITY
                && e.keys
                    .split('|')
                    .any(|k| norm(KeySpec::parse(k).name) == target)
        }) {
            renamed.entry(i).or_default().extend(former.iter().copied());
        }
    }
    let mut keys_buf = String::new();
    // Every name's folded form, for the filter of forms.
    let mut all_folded = TableBuilder::default();
    for (idx, rec) in pending.iter().enumerate() {
        let idx = idx as u32;
        let admin1 = if rec.admin1_code.is_empty() {
            None
        } else {
            admin1_names
                .get(&(rec.country.as_str(), rec.admin1_code.as_str()))
                .copied()
        };
        records.push(rec.feature);
        records.push(u8::from(rec.capital));
        records.extend_from_slice(&[0, 0]);
        records.extend_from_slice(&rec.lat.to_bits().to_le_bytes());
        records.extend_from_slice(&rec.lon.to_bits().to_le_bytes());
        records.extend_from_slice(&rec.population.to_le_bytes());
        for s in [
            Some(rec.name.as_str()),
            Some(rec.id.as_str()),
            Some(rec.country.as_str()),
            admin1,
            Some(rec.admin1_code.as_str()),
            nonempty(&rec.admin2_code),
            nonempty(&rec.admin2_name),
            nonempty(&rec.admin3_code),
            nonempty(&rec.admin3_name),
            Some(rec.keys.as_str()),
        ] {
            let (off, len) = match s {
                Some(s) => strings.add(s)?,
                None => (NO_STRING, 0),
            };
            records.extend_from_slice(&off.to_le_bytes());
            records.extend_from_slice(&len.to_le_bytes());
        }

        let own_name = norm(&rec.name);
        let own_folded = {
            let mut f = String::new();
            fold_into(&own_name, &mut f);
            f
        };
        let all_primary = matches!(
            rec.feature,
            FEATURE_COUNTRY | FEATURE_ADMIN1 | FEATURE_REGION
        );
        let loose_ok = loose_feature(rec.feature);
        let admin_unit = matches!(rec.feature, FEATURE_ADMIN2 | FEATURE_ADMIN3);
        let formers = renamed
            .get(&(idx as usize))
            .map(Vec::as_slice)
            .unwrap_or_default();
        keys_buf.clear();
        keys_buf.push_str(&rec.keys);
        for f in formers {
            keys_buf.push_str("|!");
            keys_buf.push_str(f);
        }
        for (i, key) in keys_buf.split('|').enumerate() {
            let mut spec = KeySpec::parse(key);
            // A name listed as a former one is flagged so wherever it stands.
            if i > 0 && formers.iter().any(|f| norm(f) == norm(spec.name)) {
                spec.former = true;
            }
            let key = spec.name;
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
            let shared =
                |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            // A spelling begins like the record's own name, in its script or folded from
            // another ("Слов'янськ" for "Sloviansk").
            folded.clear();
            fold_into(&n, &mut folded);
            let similar = shared(&own_name, &n) >= 4.min(n.chars().count())
                || shared(&own_folded, &folded) >= 4.min(folded.chars().count());
            let kr = KeyRef {
                idx,
                primary: (i == 0 || all_primary) && !spec.former,
                upper,
                similar: similar && !spec.former,
                former: spec.former,
            };
            let words = n.split(' ').count();
            if words > 1 {
                if let Some(first) = n.split(' ').next() {
                    first_words.entry(first);
                }
            }
            max_words = max_words.max(words);
            if spec.phrase_only {
                let table = if rec.feature == FEATURE_AIRPORT {
                    &mut airport_keys
                } else {
                    &mut region_keys
                };
                table.add_ref(&n, kr);
            } else {
                keys.add_ref(&n, kr);
                folded.clear();
                fold_into(&n, &mut folded);
                if !upper {
                    all_folded.entry(&folded);
                }
                if folded != n && !upper {
                    folded_keys.add_ref(&folded, kr);
                    if words > 1 {
                        if let Some(first) = folded.split(' ').next() {
                            first_words.entry(first);
                        }
                    }
                }
                if loose_ok {
                    loose.clear();
                    skeleton_into(&folded, &mut loose);
                    if consonants(&loose) >= MIN_LOOSE_CONSONANTS {
                        loose_keys.add_ref(&loose, kr);
                        if words > 1 {
                            if let Some(first) = loose.split(' ').next() {
                                first_words.entry(first);
                            }
                        }
                    }
                }
                if admin_unit {
                    let stem = skeleton(admin_stem(&folded));
                    if consonants(&stem) >= MIN_LOOSE_CONSONANTS {
                        admin_keys.add_ref(&stem, kr);
                    }
                }
            }
            if rec.feature == FEATURE_ADMIN1
                && matches!(rec.country.as_str(), "UA" | "RU" | "BY")
                && words == 1
                && n.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
            {
                let stem = cyrillic_stem(&n);
                if stem.chars().count() >= 3 {
                    stems.add_ref(&stem, kr);
                }
            }
        }
        // A later record with the same id takes the id over.
        *by_id.entry(&rec.id) = vec![idx];
    }
    let max_words = max_words.min(8);
    // The filter of names as written, and that of their other forms: its first set holds
    // every name's folded form, its second the loose names and the loose forms of first words.
    // A word is probed in the second filter only when its other forms are needed, and the
    // first stays as small as the names as written make it.
    let filter = filter_blocks(keys.names(), first_words.names());
    let loose_firsts: Vec<String> = first_words
        .names()
        .map(|w| {
            folded.clear();
            fold_into(w, &mut folded);
            skeleton(&folded)
        })
        .collect();
    let forms_filter = filter_blocks(
        all_folded.names(),
        loose_keys
            .names()
            .chain(loose_firsts.iter().map(String::as_str)),
    );
    let mut airports: Vec<u32> = (0..pending.len() as u32)
        .filter(|&i| pending[i as usize].feature == FEATURE_AIRPORT)
        .collect();
    airports.sort_by(|&a, &b| pending[a as usize].lat.total_cmp(&pending[b as usize].lat));

    let mut sections: Vec<Vec<u8>> = vec![Vec::new(); SECTIONS];
    sections[Section::Records as usize] = records;
    sections[Section::Strings as usize] = strings.bytes;
    for (s, t) in [
        (Section::Keys, &keys),
        (Section::RegionKeys, &region_keys),
        (Section::AirportKeys, &airport_keys),
        (Section::CyrillicStems, &stems),
        (Section::FirstWords, &first_words),
        (Section::ById, &by_id),
        (Section::CommonNames, &common_names),
        (Section::English, &english),
        (Section::Folded, &folded_keys),
        (Section::Loose, &loose_keys),
        (Section::AdminKeys, &admin_keys),
    ] {
        t.encode(&mut sections[s as usize])?;
    }
    sections[Section::Filter as usize] = filter;
    sections[Section::Airports as usize] = airports.iter().flat_map(|a| a.to_le_bytes()).collect();
    sections[Section::Divisions as usize] = (0..pending.len() as u32)
        .filter(|&i| {
            matches!(
                pending[i as usize].feature,
                FEATURE_COUNTRY | FEATURE_ADMIN1
            )
        })
        .flat_map(u32::to_le_bytes)
        .collect();
    sections[Section::Meta as usize] = p.meta.as_bytes().to_vec();
    sections[Section::FormsFilter as usize] = forms_filter;

    let mut out = Vec::with_capacity(sections.iter().map(Vec::len).sum::<usize>() + 256);
    out.extend_from_slice(MAGIC);
    for v in [p.skipped, max_words, pending.len(), SECTIONS] {
        out.extend_from_slice(&to_u32(v, "the header")?.to_le_bytes());
    }
    let mut at = HEADER + SECTIONS * 8;
    for s in &sections {
        out.extend_from_slice(&to_u32(at, "the index")?.to_le_bytes());
        out.extend_from_slice(&to_u32(s.len(), "a section")?.to_le_bytes());
        at += s.len();
    }
    for s in &sections {
        out.extend_from_slice(s);
    }
    to_u32(out.len(), "the index")?;
    Ok(out)
}
