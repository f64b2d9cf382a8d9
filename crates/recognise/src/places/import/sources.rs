//! Readers of the source formats: OCHA COD-AB settlements and administrative units of Ukraine,
//! their Russian names, Who's On First localities, and GeoNames dumps. Each turns one file into
//! [`SourceRecord`]s; the format is told by the first line that is not a comment.

use super::ImportError;
use std::io::BufRead;

/// The formats the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// OCHA COD-AB administrative units (oblasts, raions, hromadas) with English and Ukrainian
    /// names: `pcode, level, name_en, name_uk, parent_pcode, lat, lon`.
    OchaAdmin,
    /// Raions and hromadas with English, Ukrainian and Russian names (same codes):
    /// `pcode, level, name_en, name_uk, name_ru, lat, lon`.
    AdminRussianNames,
    /// OCHA COD-AB settlements: `pcode, name_en, name_uk, name_uk_latin, hromada_pcode,
    /// hromada_en, raion_pcode, raion_en, oblast_pcode, oblast_en, lat, lon`.
    OchaSettlements,
    /// Who's On First localities with names in several languages and GeoNames ids.
    WhosOnFirst,
    /// A GeoNames dump (`UA.txt`, `allCountries.txt`): 19 tab-separated columns, no header.
    GeoNames,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::OchaAdmin => "OCHA COD-AB administrative units",
            Format::AdminRussianNames => "administrative units with Russian names",
            Format::OchaSettlements => "OCHA COD-AB settlements",
            Format::WhosOnFirst => "Who's On First localities",
            Format::GeoNames => "GeoNames dump",
        }
    }
}

/// What a source record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    Admin1,
    Admin2,
    Admin3,
    Settlement,
    Airport,
    Landmark,
}

/// One name of a source record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceName {
    pub name: String,
    /// ISO 639 code, or "" when the source does not say.
    pub lang: &'static str,
    pub former: bool,
}

/// One record of a source file.
#[derive(Debug, Clone)]
pub(crate) struct SourceRecord {
    pub format: Format,
    /// The source's own id: a P-code, a WOF id, a GeoNames id.
    pub id: String,
    pub level: Level,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    /// Names, the record's own first.
    pub names: Vec<SourceName>,
    /// The GeoNames id the source links the record to, if any.
    pub geonames_id: Option<String>,
    /// OCHA codes of the units above (or of the unit itself): oblast, raion, hromada.
    pub oblast: String,
    pub raion: String,
    pub raion_name: String,
    pub hromada: String,
    pub hromada_name: String,
    /// A parent code as the source gives it (OCHA admin units).
    pub parent: String,
    /// GeoNames first-level and second-level codes (GeoNames dumps).
    pub admin1_code: String,
    pub admin2_code: String,
    /// The source's region name (Who's On First), to place records without codes.
    pub region_name: String,
    pub capital: bool,
}

impl SourceRecord {
    fn new(format: Format, id: String, level: Level, lat: f64, lon: f64) -> Self {
        SourceRecord {
            format,
            id,
            level,
            country: "UA".to_string(),
            lat,
            lon,
            population: 0,
            names: Vec::new(),
            geonames_id: None,
            oblast: String::new(),
            raion: String::new(),
            raion_name: String::new(),
            hromada: String::new(),
            hromada_name: String::new(),
            parent: String::new(),
            admin1_code: String::new(),
            admin2_code: String::new(),
            region_name: String::new(),
            capital: false,
        }
    }

    fn name(&mut self, name: &str, lang: &'static str, former: bool) {
        let name = name.trim();
        if name.is_empty() || name.contains(['|', '\t']) {
            return;
        }
        match self.names.iter_mut().find(|n| n.name == name) {
            // A name that is current in one language and former in another is current.
            Some(n) => {
                n.former &= former;
                if n.lang.is_empty() {
                    n.lang = lang;
                }
            }
            None => self.names.push(SourceName {
                name: name.to_string(),
                lang,
                former,
            }),
        }
    }
}

/// The format of a file from its first line that is not a comment.
pub(crate) fn detect(first: &str) -> Option<Format> {
    let cols: Vec<&str> = first.split('\t').collect();
    let has = |c: &str| cols.contains(&c);
    if has("pcode") && has("name_ru") && has("level") {
        return Some(Format::AdminRussianNames);
    }
    if has("pcode") && has("level") && has("parent_pcode") {
        return Some(Format::OchaAdmin);
    }
    if has("pcode") && has("hromada_pcode") && has("oblast_pcode") {
        return Some(Format::OchaSettlements);
    }
    if has("wof_id") && has("lat") && has("lon") {
        return Some(Format::WhosOnFirst);
    }
    if cols.len() == 19 && cols[0].bytes().all(|b| b.is_ascii_digit()) && !cols[0].is_empty() {
        return Some(Format::GeoNames);
    }
    None
}

/// The value of column `name` in a row, "" when absent.
fn col<'a>(header: &[String], row: &[&'a str], name: &str) -> &'a str {
    header
        .iter()
        .position(|h| h == name)
        .and_then(|i| row.get(i).copied())
        .unwrap_or("")
        .trim()
}

fn coord(s: &str, max: f64) -> Option<f64> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && v.abs() <= max)
}

/// Where the rows of a file go: the records read, and the line numbers of rows that could not
/// be read.
pub(crate) struct Sink<'a> {
    /// Countries taken from GeoNames dumps (all when empty).
    pub countries: &'a [String],
    pub out: &'a mut Vec<SourceRecord>,
    pub skipped: &'a mut Vec<usize>,
}

/// Reads one file in `format`; `first` is its header line (or, for GeoNames, its first row) at
/// line `first_line`, `lines` the lines after it. Returns the count of data rows.
pub(crate) fn read(
    source: &str,
    format: Format,
    (first, first_line): (&str, usize),
    lines: &mut dyn BufRead,
    sink: Sink,
) -> Result<usize, ImportError> {
    let Sink {
        countries,
        out,
        skipped,
    } = sink;
    let header: Vec<String> = if format == Format::GeoNames {
        Vec::new()
    } else {
        first.split('\t').map(|s| s.trim().to_string()).collect()
    };
    let mut rows = 0usize;
    let mut lineno = first_line;
    let mut handle = |line: &str, lineno: usize, rows: &mut usize| {
        if line.starts_with('#') || line.trim().is_empty() {
            return;
        }
        *rows += 1;
        let row: Vec<&str> = line.split('\t').collect();
        let rec = match format {
            Format::OchaAdmin | Format::AdminRussianNames => admin_row(format, &header, &row),
            Format::OchaSettlements => settlement_row(&header, &row),
            Format::WhosOnFirst => wof_row(&header, &row),
            Format::GeoNames => geonames_row(&row, countries),
        };
        match rec {
            Some(Some(r)) => out.push(r),
            Some(None) => {}
            None => skipped.push(lineno),
        }
    };
    if format == Format::GeoNames {
        handle(first, first_line, &mut rows);
    }
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = lines
            .read_until(b'\n', &mut buf)
            .map_err(|e| ImportError::Read {
                input: source.to_string(),
                line: lineno + 1,
                error: e.to_string(),
            })?;
        if n == 0 {
            break;
        }
        lineno += 1;
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        handle(line, lineno, &mut rows);
    }
    Ok(rows)
}

/// An OCHA administrative unit, with Russian names or without. `None` for a malformed row.
fn admin_row(format: Format, header: &[String], row: &[&str]) -> Option<Option<SourceRecord>> {
    let pcode = col(header, row, "pcode");
    let level = match col(header, row, "level") {
        "admin1" => Level::Admin1,
        "admin2" => Level::Admin2,
        "admin3" => Level::Admin3,
        _ => return None,
    };
    let (lat, lon) = (
        coord(col(header, row, "lat"), 90.0)?,
        coord(col(header, row, "lon"), 180.0)?,
    );
    if !pcode.starts_with("UA") {
        return None;
    }
    let mut r = SourceRecord::new(format, pcode.to_string(), level, lat, lon);
    r.name(col(header, row, "name_en"), "en", false);
    r.name(col(header, row, "name_uk"), "uk", false);
    r.name(col(header, row, "name_ru"), "ru", false);
    if r.names.is_empty() {
        return None;
    }
    r.parent = col(header, row, "parent_pcode").to_string();
    // Codes nest: UA14 is an oblast, UA1412 a raion in it, UA1412011 a hromada in that.
    r.oblast = pcode.get(..4).unwrap_or("").to_string();
    match level {
        Level::Admin2 => {
            r.raion = pcode.to_string();
            r.raion_name = r.names[0].name.clone();
        }
        Level::Admin3 => {
            r.raion = pcode.get(..6).unwrap_or("").to_string();
            r.hromada = pcode.to_string();
            r.hromada_name = r.names[0].name.clone();
        }
        _ => {}
    }
    Some(Some(r))
}

/// An OCHA settlement. Where the Ukrainian name's transliteration differs from the English
/// name, the English name is the one in use before a renaming.
fn settlement_row(header: &[String], row: &[&str]) -> Option<Option<SourceRecord>> {
    let pcode = col(header, row, "pcode");
    let (lat, lon) = (
        coord(col(header, row, "lat"), 90.0)?,
        coord(col(header, row, "lon"), 180.0)?,
    );
    if !pcode.starts_with("UA") {
        return None;
    }
    let mut r = SourceRecord::new(
        Format::OchaSettlements,
        pcode.to_string(),
        Level::Settlement,
        lat,
        lon,
    );
    let latin = col(header, row, "name_uk_latin");
    let renamed = !latin.is_empty();
    if renamed {
        r.name(latin, "en", false);
    }
    r.name(col(header, row, "name_en"), "en", renamed);
    r.name(col(header, row, "name_uk"), "uk", false);
    if r.names.is_empty() {
        return None;
    }
    // A renamed place's own name is its current one, listed first.
    if renamed {
        r.names.sort_by_key(|n| n.former);
    }
    r.oblast = col(header, row, "oblast_pcode").to_string();
    r.raion = col(header, row, "raion_pcode").to_string();
    r.raion_name = col(header, row, "raion_en").to_string();
    r.hromada = col(header, row, "hromada_pcode").to_string();
    r.hromada_name = col(header, row, "hromada_en").to_string();
    Some(Some(r))
}

/// Languages of the name columns of Who's On First.
const WOF_NAMES: &[(&str, &str)] = &[
    ("name_eng_preferred", "en"),
    ("name_ukr_preferred", "uk"),
    ("name_rus_preferred", "ru"),
    ("name_crh_preferred", "crh"),
    ("name_eng_variant", "en"),
    ("name_ukr_variant", "uk"),
    ("name_rus_variant", "ru"),
    ("name_und_variant", ""),
];

/// A Who's On First locality.
fn wof_row(header: &[String], row: &[&str]) -> Option<Option<SourceRecord>> {
    let id = col(header, row, "wof_id");
    let (lat, lon) = (
        coord(col(header, row, "lat"), 90.0)?,
        coord(col(header, row, "lon"), 180.0)?,
    );
    let mut r = SourceRecord::new(
        Format::WhosOnFirst,
        id.to_string(),
        Level::Settlement,
        lat,
        lon,
    );
    for (column, lang) in WOF_NAMES {
        for n in col(header, row, column).split('|') {
            r.name(n, lang, false);
        }
    }
    r.name(col(header, row, "name"), "", false);
    if r.names.is_empty() {
        return None;
    }
    r.population = col(header, row, "population").parse().unwrap_or(0);
    let g = col(header, row, "geonames_id");
    if !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()) {
        r.geonames_id = Some(g.to_string());
    }
    r.region_name = col(header, row, "region_name").to_string();
    Some(Some(r))
}

/// GeoNames feature codes read, by class: populated places, administrative divisions,
/// airports, hills and mountains.
fn geonames_level(class: &str, code: &str) -> Option<Level> {
    Some(match (class, code) {
        ("P", c) if c != "PPLH" => Level::Settlement,
        ("A", "ADM1") => Level::Admin1,
        ("A", "ADM2") => Level::Admin2,
        ("A", "ADM3") => Level::Admin3,
        ("S", "AIRP" | "AIRB" | "AIRF") => Level::Airport,
        ("T", "HLL" | "HLLS" | "MT" | "MTS" | "UPLD") => Level::Landmark,
        _ => return None,
    })
}

/// Whether a GeoNames alternate name is worth keeping: at least three letters, not a code or a
/// link, written in a Latin or Cyrillic script.
fn usable_alternate(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && !s.contains("://")
        && !(s.len() <= 4 && s.chars().all(|c| c.is_ascii_uppercase()))
        && s.chars().all(|c| {
            c.is_alphabetic() && (c < '\u{250}' || ('\u{400}'..='\u{4ff}').contains(&c))
                || " -'’.()".contains(c)
        })
}

/// A GeoNames row: `geonameid, name, asciiname, alternatenames, latitude, longitude, feature
/// class, feature code, country code, cc2, admin1, admin2, admin3, admin4, population,
/// elevation, dem, timezone, modification date`. `Some(None)` for rows of other features or
/// countries.
fn geonames_row(row: &[&str], countries: &[String]) -> Option<Option<SourceRecord>> {
    if row.len() != 19 {
        return None;
    }
    let (lat, lon) = (coord(row[4], 90.0)?, coord(row[5], 180.0)?);
    let cc = row[8].trim();
    if !countries.is_empty() && !countries.iter().any(|c| c.eq_ignore_ascii_case(cc)) {
        return Some(None);
    }
    let Some(level) = geonames_level(row[6].trim(), row[7].trim()) else {
        return Some(None);
    };
    let id = row[0].trim();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut r = SourceRecord::new(Format::GeoNames, id.to_string(), level, lat, lon);
    r.country = cc.to_string();
    r.name(row[1], "", false);
    r.name(row[2], "", false);
    for alt in row[3].split(',') {
        if usable_alternate(alt.trim()) {
            r.name(alt, "", false);
        }
    }
    if r.names.is_empty() {
        return None;
    }
    r.geonames_id = Some(id.to_string());
    r.admin1_code = row[10].trim().to_string();
    r.admin2_code = row[11].trim().to_string();
    r.population = row[14].trim().parse().unwrap_or(0);
    r.capital = row[7].trim() == "PPLC";
    Some(Some(r))
}
