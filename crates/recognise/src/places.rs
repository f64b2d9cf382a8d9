//! The gazetteer and place recognition.
//!
//! [`Gazetteer`] holds GeoNames-derived records (countries, first-level regions, populated
//! places, airports and a few named areas) from `data/gazetteer.tsv.gz` (built by
//! `scripts/build_gazetteer.py`), which the build script turns into a binary index compiled into
//! the program and read in place. [`Gazetteer::find`] turns a text into place [`Mention`]s:
//!
//! - names are looked up word by word, longest name first, under a normalised form (case,
//!   diacritics, apostrophes and hyphens folded), and must be capitalised in the text;
//! - "X region", "X Oblast", "the X direction", "the X and Y regions", "Харківська область",
//!   "Брянской области" and "Харківщина" resolve to the first-level region named after X, and
//!   "X airport", "X airfield", "X air base" to the airport at X;
//! - a name that is followed by a newspaper word ("Kyiv Post"), a weapon word ("Iskander
//!   missile"), that names a ship ("the Moskva cruiser"), that follows a first name or a title
//!   ("Lloyd Austin"; and then everywhere in the text), that "said" something, or that is a
//!   common word at the start of a sentence or inside a longer name ("Reading", "European
//!   Union") is not a place;
//! - among the records sharing a name, the one whose country the text is about wins, then the
//!   larger and more important one, then the one near the other places of the text.
//!
//! The lookup helpers [`Gazetteer::by_id`], [`Gazetteer::admin1_of`], [`Gazetteer::country`] and
//! [`Gazetteer::lookup`] serve later stages that need a record without a text.

mod load;
mod fold;
mod tokens;

pub(crate) use load::FxMap;
pub use load::GazetteerError;
use load::{Data, KeyRef, NameSet};
use sitrep_model::{Feature, Mention, MentionValue, Place, Span};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use tokens::{norm, tokenize, Token};

/// Words after a name that make it a first-level region ("Bryansk region", "Kharkiv Oblast").
const REGION_WORDS: &[&str] = &[
    "region",
    "regions",
    "oblast",
    "oblasts",
    "province",
    "provinces",
    "krai",
    "kray",
    "direction",
    "область",
    "области",
    "області",
    "обл",
];

/// Word sequences after a name that make it an airport.
const AIRPORT_PHRASES: &[&[&str]] = &[
    &["international", "airport"],
    &["military", "airfield"],
    &["military", "airport"],
    &["air", "base"],
    &["air", "field"],
    &["air", "station"],
    &["airport"],
    &["airfield"],
    &["airbase"],
    &["aerodrome"],
    &["airstrip"],
    &["аэропорт"],
    &["аеропорт"],
    &["аэродром"],
    &["аеродром"],
];

/// Capitalised words after a place name that make the pair the name of an organisation, a
/// newspaper or a document rather than a place ("Kyiv Independent", "The Moscow Times").
const ORG_WORDS: &[&str] = &[
    "times",
    "post",
    "independent",
    "herald",
    "telegraph",
    "journal",
    "gazette",
    "news",
    "tribune",
    "mail",
    "daily",
    "express",
    "review",
    "standard",
    "chronicle",
    "observer",
    "insider",
    "monitor",
    "pravda",
    "airlines",
    "university",
    "institute",
    "dynamo",
    "fc",
    "patriarchate",
    "memorandum",
    "declaration",
    "accords",
    "protocol",
    "format",
    "convention",
    "communique",
    "echo",
    "today",
];

/// Words that, next to a name, make it the name of a vessel.
const VESSEL_WORDS: &[&str] = &[
    "cruiser",
    "ship",
    "warship",
    "frigate",
    "vessel",
    "submarine",
    "flagship",
    "corvette",
    "tanker",
    "destroyer",
    "boat",
];

/// Words after a name that make it the name of a weapon ("Iskander missile", "Neptune system").
const WEAPON_WORDS: &[&str] = &[
    "missile",
    "missiles",
    "system",
    "systems",
    "launcher",
    "launchers",
    "rocket",
    "rockets",
    "complex",
    "complexes",
    "drone",
    "drones",
    "class",
];

/// Titles before a name that make it a person's name.
const TITLES: &[&str] = &[
    "president",
    "minister",
    "governor",
    "mayor",
    "general",
    "gen",
    "colonel",
    "col",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "lord",
    "lady",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "chancellor",
    "senator",
    "sen",
    "rep",
    "ambassador",
    "secretary",
    "admiral",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "captain",
    "capt",
    "maj",
    "marshal",
    "patriarch",
    "premier",
    "envoy",
    "deputy",
];

/// Capitalised words that may stand before a place name without making it a surname.
const MODIFIERS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "greater",
    "upper",
    "lower",
    "north",
    "south",
    "east",
    "west",
    "new",
    "old",
    "downtown",
    "occupied",
    "liberated",
    "in",
    "near",
    "from",
    "to",
    "at",
    "outside",
    "over",
    "across",
    "the",
    "of",
    "and",
    "or",
    "on",
    "into",
    "towards",
];

/// Verbs of speech: a small place that "said" something is a person.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "argued",
    "noted",
    "explained",
    "stated",
    "asked",
    "replied",
    "tweeted",
    "posted",
    "insisted",
    "warned",
    "urged",
];

/// Month and weekday names: never single-word places ("March" is a town in England).
const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Demonyms and their countries: never a place themselves, they tell what the text is about.
const DEMONYMS: &[(&str, &str)] = &[
    ("russian", "RU"),
    ("russians", "RU"),
    ("ukrainian", "UA"),
    ("ukrainians", "UA"),
    ("belarusian", "BY"),
    ("belarusians", "BY"),
    ("kremlin", "RU"),
    ("crimean", "UA"),
    ("polish", "PL"),
    ("american", "US"),
    ("americans", "US"),
    ("british", "GB"),
    ("french", "FR"),
    ("german", "DE"),
    ("moldovan", "MD"),
    ("georgian", "GE"),
    ("chinese", "CN"),
    ("iranian", "IR"),
    ("turkish", "TR"),
    ("israeli", "IL"),
    ("texan", "US"),
    ("российский", "RU"),
    ("российские", "RU"),
    ("українські", "UA"),
    ("український", "UA"),
];

/// Countries this system reports on most: a small prior for their records when a name is shared.
const FOCUS_COUNTRIES: &[&str] = &["UA", "RU", "BY"];

/// Places smaller than this need their country to be named elsewhere in the text.
const MIN_POPULATION_WITHOUT_CONTEXT: u64 = 5000;

/// The embedded gazetteer. Cloning is cheap: the data is shared.
#[derive(Clone)]
pub struct Gazetteer {
    d: Arc<Data>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("records", &self.d.records.len())
            .finish()
    }
}

/// What the neighbours of a name make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Place,
    /// Part of a person's name.
    Person,
    /// A newspaper, a ship, a common word.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Region,
    Airport,
}

/// A name found in the text, before disambiguation.
#[derive(Debug, Clone)]
struct Match {
    /// Token range of the name.
    ti: usize,
    tj: usize,
    /// Byte span of the whole mention (name plus region or airport words).
    start: usize,
    end: usize,
    key: String,
    kind: Kind,
    /// Candidates for the name itself.
    cands: Vec<KeyRef>,
    /// Region or airport candidates for phrases.
    phrase_cands: Vec<KeyRef>,
    /// The name is a common English word: it needs its country named elsewhere.
    needs_context: bool,
}

fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Distance in kilometres between two places.
pub fn distance_km(a: &Place, b: &Place) -> f64 {
    haversine_km(a.lat, a.lon, b.lat, b.lon)
}

fn is_cyrillic(w: &str) -> bool {
    w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

fn demonym_country(w: &str) -> Option<&'static str> {
    /// The demonyms, and a bit set of the (first byte, last byte) pairs they have: most words
    /// of a text are ruled out by one bit before any hashing.
    struct Index {
        pairs: Box<[u64; 1024]>,
        map: FxMap<&'static str, &'static str>,
    }
    fn pair(w: &[u8]) -> usize {
        (usize::from(w[0]) << 8) | usize::from(w[w.len() - 1])
    }
    static INDEX: OnceLock<Index> = OnceLock::new();
    // Every demonym is at least five bytes long.
    if w.len() < 5 {
        return None;
    }
    let index = INDEX.get_or_init(|| {
        let mut pairs = Box::new([0u64; 1024]);
        for (d, _) in DEMONYMS {
            let p = pair(d.as_bytes());
            pairs[p / 64] |= 1 << (p % 64);
        }
        Index {
            pairs,
            map: DEMONYMS.iter().copied().collect(),
        }
    });
    let p = pair(w.as_bytes());
    if index.pairs[p / 64] & (1 << (p % 64)) == 0 {
        return None;
    }
    index.map.get(w).copied()
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, opened once per process. If the embedded index
    /// could not be read (it is checked by the tests), the gazetteer is empty.
    pub fn embedded() -> Self {
        static CELL: OnceLock<Arc<Data>> = OnceLock::new();
        let d = CELL.get_or_init(|| Arc::new(Data::embedded().unwrap_or_default()));
        Gazetteer { d: d.clone() }
    }

    /// Parses a gazetteer file in the format of `data/gazetteer.tsv.gz`; `name` labels errors.
    pub fn from_gz(name: &str, bytes: &[u8]) -> Result<Self, GazetteerError> {
        Ok(Gazetteer {
            d: Arc::new(Data::from_gz(name, bytes)?),
        })
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.d.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.d.records.is_empty()
    }

    /// Lines of the file that could not be parsed and were skipped.
    pub fn skipped_lines(&self) -> usize {
        self.d.skipped_lines
    }

    /// Record counts by feature.
    pub fn counts(&self) -> HashMap<Feature, usize> {
        let mut out = HashMap::new();
        for r in &self.d.records {
            *out.entry(r.place.feature).or_insert(0) += 1;
        }
        out
    }

    /// The record with this id (`geonames:703448`, `geonames:admin1:UA.13`, `icao:UUBP`).
    pub fn by_id(&self, id: &str) -> Option<&Place> {
        self.d
            .by_id
            .get(id)
            .map(|&i| &self.d.records[i as usize].place)
    }

    /// The first-level region a place lies in; a region is its own. `None` for countries and
    /// for places whose region is unknown.
    pub fn admin1_of(&self, place: &Place) -> Option<Place> {
        if place.feature == Feature::Admin1 {
            return Some(place.clone());
        }
        let idx = *self.d.by_id.get(&place.id)?;
        let rec = &self.d.records[idx as usize];
        let cc = rec.place.country.clone()?;
        let a = self.d.admin1.get(&(cc, rec.admin1_code.clone()))?;
        Some(self.d.records[*a as usize].place.clone())
    }

    /// The country record for an ISO 3166-1 alpha-2 code (any case).
    pub fn country(&self, iso2: &str) -> Option<Place> {
        let i = self.d.countries.get(&iso2.to_ascii_uppercase())?;
        Some(self.d.records[*i as usize].place.clone())
    }

    /// The best record for a name without context: the most important of the records bearing
    /// it. "X region", "X Oblast" and "X airport" are understood as in running text.
    pub fn lookup(&self, name: &str) -> Option<Place> {
        let mut arena = String::new();
        let toks = tokenize(name, &mut arena);
        let words: Vec<&str> = toks.iter().map(|t| t.norm).collect();
        let key = norm(name);
        if let Some(refs) = self.d.keys.get(&key) {
            return self
                .best_plain(refs, &Context::default(), None)
                .map(|r| self.place(r).clone());
        }
        // "X region" / "X airport": split the name from the phrase word.
        for split in (1..words.len()).rev() {
            let head = words[..split].join(" ");
            if region_word_at(&toks, split).is_some() {
                let cands = self.region_candidates(&head);
                if let Some(r) = self.best_region(&head, &cands, &Context::default(), None) {
                    return Some(self.place(r).clone());
                }
            }
            if airport_phrase_at(&toks, split).is_some() {
                let m = self.airport_match_cands(&head);
                if let Some(r) = self.best_airport(&m, &Context::default(), None) {
                    return Some(self.place(r).clone());
                }
            }
        }
        None
    }

    fn place(&self, r: KeyRef) -> &Place {
        &self.d.records[r.idx as usize].place
    }

    /// Importance of a record for a name, before context: population (log scale), feature,
    /// capital status, whether the name is the record's own, and the reporting focus.
    fn base(&self, r: KeyRef) -> f64 {
        let rec = &self.d.records[r.idx as usize];
        let p = &rec.place;
        let pop = rec.rank_population as f64;
        let mut s = (pop + 10.0).log10();
        match p.feature {
            Feature::Country => s += 4.0,
            Feature::Admin1 => s += 0.5,
            Feature::Region => s = 7.0,
            Feature::Airport => s = 3.0,
            _ => {}
        }
        if rec.capital {
            s += 1.0;
        }
        if r.primary {
            s += 1.5;
        } else if r.similar {
            s += 0.75;
        }
        if p.country
            .as_deref()
            .is_some_and(|c| FOCUS_COUNTRIES.contains(&c))
        {
            s += 1.5;
        }
        s
    }

    fn context_bonus(&self, r: KeyRef, ctx: &Context, own: Option<usize>) -> f64 {
        let rec = &self.d.records[r.idx as usize];
        let p = &rec.place;
        let mut s = 0.0;
        if let Some(cc) = p.country.as_deref() {
            let w = ctx.weight_excluding(cc, own);
            if w > 0.0 {
                s += 2.0;
                if ctx.top_country == Some(cc) {
                    s += 1.0;
                }
            }
            if !rec.admin1_code.is_empty() && ctx.other_in_admin1(cc, &rec.admin1_code, own) {
                s += 1.0;
            }
        }
        if ctx.anchors.iter().any(|&(lat, lon, m)| {
            Some(m) != own
                && (lat - p.lat).abs() < 1.5
                && haversine_km(lat, lon, p.lat, p.lon) < 150.0
        }) {
            s += 1.0;
        }
        s
    }

    /// Whether a candidate is important enough, or supported enough by the text, to be named
    /// by a bare word.
    fn eligible(&self, r: KeyRef, ctx: &Context, own: Option<usize>) -> bool {
        let p = self.place(r);
        if matches!(
            p.feature,
            Feature::Country | Feature::Admin1 | Feature::Region | Feature::Airport
        ) {
            return true;
        }
        if p.population.unwrap_or(0) >= MIN_POPULATION_WITHOUT_CONTEXT {
            return true;
        }
        p.country
            .as_deref()
            .is_some_and(|cc| ctx.weight_excluding(cc, own) > 0.0)
    }

    fn best_plain(&self, refs: &[KeyRef], ctx: &Context, own: Option<usize>) -> Option<KeyRef> {
        let mut best: Option<(f64, KeyRef)> = None;
        for &r in refs {
            if own.is_some() && !self.eligible(r, ctx, own) {
                continue;
            }
            let mut s = self.base(r) + self.context_bonus(r, ctx, own);
            if let Some(q) = own.and_then(|m| ctx.qualifier.get(&m)) {
                if self.qualifies(r, q) {
                    s += 5.0;
                }
            }
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, r));
            }
        }
        best.map(|(_, r)| r)
    }

    /// Whether `q` (a country or region named right after the place, as in "Odessa, Texas")
    /// contains the candidate.
    fn qualifies(&self, r: KeyRef, q: &Place) -> bool {
        let rec = &self.d.records[r.idx as usize];
        match q.feature {
            Feature::Country => rec.place.country == q.country,
            Feature::Admin1 => {
                rec.place.country == q.country
                    && self
                        .d
                        .by_id
                        .get(&q.id)
                        .is_some_and(|&i| self.d.records[i as usize].admin1_code == rec.admin1_code)
            }
            _ => false,
        }
    }

    /// Region records for a name: regions named so, and regions whose namesake city is named so.
    fn region_candidates(&self, key: &str) -> Vec<KeyRef> {
        let mut out: Vec<KeyRef> = Vec::new();
        for src in [self.d.region_keys.get(key), self.d.keys.get(key)]
            .into_iter()
            .flatten()
        {
            for r in src {
                if self.place(*r).feature == Feature::Admin1 && !out.iter().any(|o| o.idx == r.idx)
                {
                    out.push(*r);
                }
            }
        }
        out
    }

    fn best_region(
        &self,
        key: &str,
        cands: &[KeyRef],
        ctx: &Context,
        own: Option<usize>,
    ) -> Option<KeyRef> {
        let cities = self.d.keys.get(key);
        let mut best: Option<(f64, KeyRef)> = None;
        for &r in cands {
            let rec = &self.d.records[r.idx as usize];
            let mut s = self.base(r) + self.context_bonus(r, ctx, own);
            // A "region" phrase names an oblast or province, not a city with region status.
            if rec.place.name.ends_with(" City") {
                s -= 4.0;
            }
            // The region holding a large city of that name is the likely one.
            if cities.is_some_and(|cs| {
                cs.iter().any(|c| {
                    let cr = &self.d.records[c.idx as usize];
                    cr.place.country == rec.place.country
                        && cr.admin1_code == rec.admin1_code
                        && cr.place.population.unwrap_or(0) >= 20_000
                })
            }) {
                s += 2.0;
            }
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, r));
            }
        }
        best.map(|(_, r)| r)
    }

    /// (airport candidates by name, city candidates) for "X airport".
    fn airport_match_cands(&self, key: &str) -> (Vec<KeyRef>, Vec<KeyRef>) {
        let mut air: Vec<KeyRef> = Vec::new();
        for src in [self.d.airport_keys.get(key), self.d.keys.get(key)]
            .into_iter()
            .flatten()
        {
            for r in src {
                if self.place(*r).feature == Feature::Airport && !air.iter().any(|o| o.idx == r.idx)
                {
                    air.push(*r);
                }
            }
        }
        let cities = self
            .d
            .keys
            .get(key)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|r| self.place(*r).feature != Feature::Airport)
                    .collect()
            })
            .unwrap_or_default();
        (air, cities)
    }

    /// The airport for "X airport": near the best city called X, else the best airport so named.
    fn best_airport(
        &self,
        m: &(Vec<KeyRef>, Vec<KeyRef>),
        ctx: &Context,
        own: Option<usize>,
    ) -> Option<KeyRef> {
        let (air, cities) = m;
        if let Some(city) = self.best_plain(cities, ctx, own) {
            let c = self.place(city);
            let mut best: Option<(f64, KeyRef)> = None;
            for &a in air {
                let d = distance_km(c, self.place(a));
                if d < 60.0 && best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, a));
                }
            }
            if best.is_none() {
                // Airports are sorted by latitude: scan the band within 0.3° (about 33 km).
                let recs = &self.d.records;
                let from = self
                    .d
                    .airports
                    .partition_point(|&a| recs[a as usize].place.lat < c.lat - 0.3);
                for &a in &self.d.airports[from..] {
                    let rec = &recs[a as usize];
                    if rec.place.lat > c.lat + 0.3 {
                        break;
                    }
                    let d = distance_km(c, &rec.place);
                    if d < 30.0 && rec.place.country == c.country && best.is_none_or(|(b, _)| d < b)
                    {
                        best = Some((
                            d,
                            KeyRef {
                                idx: a,
                                primary: false,
                                upper: false,
                                similar: false,
                            },
                        ));
                    }
                }
            }
            return best.map(|(_, r)| r);
        }
        self.best_plain(air, ctx, own)
    }

    /// Place mentions in `text`, skipping spans already `taken` by actors and weapons.
    pub fn find(&self, text: &str, taken: &[Span]) -> Vec<Mention> {
        let mut arena = String::new();
        let toks = tokenize(text, &mut arena);
        let mut matches = self.raw_matches(text, &toks, taken);
        self.filter_matches(&toks, &mut matches);
        let ctx = self.context(&toks, &matches);
        let mut chosen: Vec<Option<(KeyRef, usize, usize)>> = Vec::with_capacity(matches.len());
        for (mi, m) in matches.iter().enumerate() {
            let pick = match m.kind {
                Kind::Region => self
                    .best_region(&m.key, &m.phrase_cands, &ctx, Some(mi))
                    .map(|r| (r, m.start, m.end)),
                Kind::Airport => {
                    let pair = (m.phrase_cands.clone(), m.cands.clone());
                    match self.best_airport(&pair, &ctx, Some(mi)) {
                        Some(r) => Some((r, m.start, m.end)),
                        None => self
                            .best_plain(&m.cands, &ctx, Some(mi))
                            .map(|r| (r, toks[m.ti].start, toks[m.tj - 1].end)),
                    }
                }
                Kind::Plain => self.best_plain(&m.cands, &ctx, Some(mi)).and_then(|r| {
                    let p = self.place(r);
                    let cc = p.country.as_deref().unwrap_or("");
                    let supported = ctx.weight_excluding(cc, Some(mi)) > 0.0;
                    // A common word names a place only as that place's own name ("Reading"),
                    // never as a former or foreign one, and only in a text about its country.
                    if m.needs_context && (!supported || !r.primary) {
                        return None;
                    }
                    // "Iskander ballistic missiles", "Neptune missile": a small town the text
                    // is not about, named before a weapon word, is the weapon.
                    if !supported
                        && p.feature == Feature::City
                        && p.population.unwrap_or(0) < 100_000
                        && weapon_word_follows(&toks, m.tj)
                    {
                        return None;
                    }
                    Some((r, m.start, m.end))
                }),
            };
            chosen.push(pick);
        }
        chosen
            .into_iter()
            .flatten()
            .filter_map(|(r, s, e)| {
                Some(Mention {
                    value: MentionValue::Place(self.place(r).clone()),
                    text: text.get(s..e)?.to_string(),
                    start: s,
                    end: e,
                })
            })
            .collect()
    }

    /// Every name in the text, longest first, with region and airport phrases recognised.
    fn raw_matches(&self, text: &str, toks: &[Token], taken: &[Span]) -> Vec<Match> {
        let mut out: Vec<Match> = Vec::new();
        let mut key = String::new();
        let tok_taken = taken_tokens(toks, taken);
        // The name filter for every capitalised word, in one pass apart from the rules below:
        // its lookups are independent memory accesses that the processor can overlap there.
        // One look answers for the word as a name and as the first word of a longer name.
        let filter_hits: Vec<[bool; 2]> = toks
            .iter()
            .map(|t| {
                if t.cap {
                    self.d.filter.may_contain(t.norm)
                } else {
                    [false; 2]
                }
            })
            .collect();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if !t.cap || demonym_country(t.norm).is_some() {
                i += 1;
                continue;
            }
            // "Харківська область", "Брянской области": a Cyrillic adjective before the word for
            // oblast names the region.
            if let Some(end_tok) =
                region_word_at(toks, i + 1).filter(|&e| is_cyrillic(toks[e].norm))
            {
                let end = toks[end_tok].end;
                if let Some(cands) = self
                    .d
                    .cyrillic_region_stems
                    .get(&load::cyrillic_stem(t.norm))
                {
                    if !taken.iter().any(|s| s.overlaps(Span::new(t.start, end))) {
                        out.push(Match {
                            ti: i,
                            tj: i + 1,
                            start: t.start,
                            end,
                            key: t.norm.to_string(),
                            kind: Kind::Region,
                            cands: Vec::new(),
                            phrase_cands: cands.to_vec(),
                            needs_context: false,
                        });
                        i = end_tok + 1;
                        continue;
                    }
                }
            }
            // "Харківщина", "на Сумщині": the Ukrainian collective name of a region.
            if let Some(stem) = ["щина", "щини", "щині", "щину", "щиною"]
                .iter()
                .find_map(|suf| t.norm.strip_suffix(suf))
            {
                let stem = load::cyrillic_stem(stem);
                if let Some(cands) = self.d.cyrillic_region_stems.get(&stem) {
                    if !taken.iter().any(|s| s.overlaps(Span::new(t.start, t.end))) {
                        out.push(Match {
                            ti: i,
                            tj: i + 1,
                            start: t.start,
                            end: t.end,
                            key: t.norm.to_string(),
                            kind: Kind::Region,
                            cands: Vec::new(),
                            phrase_cands: cands.to_vec(),
                            needs_context: false,
                        });
                        i += 1;
                        continue;
                    }
                }
            }
            // A name of several words starts with a known first word and runs over words
            // separated by spaces only, none but the last possessive.
            let first_word = t.norm.split(' ').next().unwrap_or("");
            let [may_be_name, may_start_name] = filter_hits[i];
            let may_start_name = if first_word.len() == t.norm.len() {
                may_start_name
            } else {
                self.d.filter.may_contain(first_word)[NameSet::FirstWords as usize]
            };
            let mut maxn = 1;
            if may_start_name && self.d.first_words.contains(first_word) {
                let limit = self.d.max_words.min(toks.len() - i);
                while maxn < limit
                    && toks[i + maxn].joined_to_prev
                    && !toks[i + maxn - 1].possessive
                {
                    maxn += 1;
                }
            }
            let mut found: Option<Match> = None;
            for n in (1..=maxn).rev() {
                key.clear();
                for (k, tk) in toks[i..i + n].iter().enumerate() {
                    if k > 0 {
                        key.push(' ');
                    }
                    key.push_str(tk.norm);
                }
                let last = &toks[i + n - 1];
                if tok_taken[i..i + n].iter().any(|&x| x) {
                    continue;
                }
                // "US" must be written so; a short word in capitals ("TO", "EST") is an
                // abbreviation, not a name written in capitals.
                let short_caps = n == 1 && t.upper && t.norm.chars().count() <= 3;
                let upper_ok = |r: &KeyRef| {
                    if r.upper {
                        toks[i..i + n].iter().all(|t| t.upper || t.norm.len() <= 1)
                    } else {
                        !short_caps
                    }
                };
                let follow = i + n;
                if !last.possessive {
                    if let Some(end_tok) = region_word_at(toks, follow) {
                        let cands = self.region_candidates(&key);
                        if !cands.is_empty() {
                            // "direction" names a region only when the name is a region's.
                            let start = article_start(text, toks, i).unwrap_or(t.start);
                            let end = toks[end_tok].end;
                            if !taken.iter().any(|s| s.overlaps(Span::new(start, end))) {
                                found = Some(Match {
                                    ti: i,
                                    tj: i + n,
                                    start,
                                    end,
                                    key: key.clone(),
                                    kind: Kind::Region,
                                    cands: Vec::new(),
                                    phrase_cands: cands,
                                    needs_context: false,
                                });
                                break;
                            }
                        }
                    }
                    if let Some(end_tok) = airport_phrase_at(toks, follow) {
                        let (air, cities) = self.airport_match_cands(&key);
                        let cities: Vec<KeyRef> = cities.into_iter().filter(upper_ok).collect();
                        let end = toks[end_tok].end;
                        if (!air.is_empty() || !cities.is_empty())
                            && !taken.iter().any(|s| s.overlaps(Span::new(t.start, end)))
                        {
                            found = Some(Match {
                                ti: i,
                                tj: i + n,
                                start: t.start,
                                end,
                                key: key.clone(),
                                kind: Kind::Airport,
                                cands: cities,
                                phrase_cands: air,
                                needs_context: false,
                            });
                            break;
                        }
                    }
                }
                let may_be_key = if n == 1 {
                    may_be_name
                } else {
                    self.d.filter.may_contain(&key)[NameSet::Names as usize]
                };
                let refs = if may_be_key {
                    self.d.keys.get(&key)
                } else {
                    None
                };
                if let Some(refs) = refs {
                    let cands: Vec<KeyRef> = refs.iter().copied().filter(upper_ok).collect();
                    if cands.is_empty() {
                        continue;
                    }
                    // "the Donetsk Oblast": a region's full name takes its article, as a
                    // "the X region" phrase does.
                    let start = if n > 1 && in_list(REGION_WORDS, last.norm) {
                        article_start(text, toks, i).unwrap_or(t.start)
                    } else {
                        t.start
                    };
                    found = Some(Match {
                        ti: i,
                        tj: i + n,
                        start,
                        end: last.end,
                        key: key.clone(),
                        kind: Kind::Plain,
                        cands,
                        phrase_cands: Vec::new(),
                        needs_context: n == 1 && self.d.common_names.contains(&key),
                    });
                    break;
                }
            }
            match found {
                Some(m) => {
                    // A phrase runs past the name's words: go on after its last word.
                    i = match m.kind {
                        Kind::Plain => m.tj,
                        _ => toks[m.tj..]
                            .iter()
                            .position(|t| t.start >= m.end)
                            .map_or(toks.len(), |p| m.tj + p),
                    };
                    out.push(m);
                }
                None => i += 1,
            }
        }
        // "the Kharkiv and Sumy regions": names listed before a plural region word are regions.
        for k in (1..out.len()).rev() {
            if out[k].kind != Kind::Region {
                continue;
            }
            // The word after the name (tokens are in text order and do not overlap).
            let plural = toks.get(out[k].tj).is_some_and(|t| t.norm.ends_with('s'));
            if !plural {
                continue;
            }
            let mut j = k;
            while j > 0 {
                let (prev, cur) = (&out[j - 1], &out[j]);
                let between = text.get(prev.end..toks[cur.ti].start).unwrap_or("").trim();
                let listy = matches!(between, "," | "and" | ", and" | "&");
                if prev.kind != Kind::Plain || !listy {
                    break;
                }
                let cands = self.region_candidates(&prev.key);
                if cands.is_empty() {
                    break;
                }
                out[j - 1].kind = Kind::Region;
                out[j - 1].phrase_cands = cands;
                j -= 1;
            }
        }
        out
    }

    /// Drops plain names that are not places by their neighbours: newspapers, ships, persons'
    /// names, common words opening a sentence or inside a longer name.
    fn filter_matches(&self, toks: &[Token], matches: &mut Vec<Match>) {
        let ends: Vec<usize> = matches.iter().map(|m| m.tj).collect();
        let starts: Vec<usize> = matches.iter().map(|m| m.ti).collect();
        let verdicts: Vec<Verdict> = matches
            .iter()
            .map(|m| self.verdict(toks, m, &starts, &ends))
            .collect();
        // A name seen as part of a person's name once ("Mike Rogers") is a person's throughout.
        let people: Vec<&str> = matches
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| **v == Verdict::Person)
            .map(|(m, _)| m.key.as_str())
            .collect();
        let keep: Vec<bool> = matches
            .iter()
            .zip(&verdicts)
            .map(|(m, v)| {
                *v == Verdict::Place
                    && !(m.kind == Kind::Plain
                        && people.contains(&m.key.as_str())
                        && !self.is_major(&m.cands))
            })
            .collect();
        let mut k = keep.into_iter();
        matches.retain(|_| k.next().unwrap_or(true));
    }

    /// A country, a region or a city of 100,000 or more among the candidates.
    fn is_major(&self, cands: &[KeyRef]) -> bool {
        cands.iter().any(|r| {
            let p = self.place(*r);
            matches!(
                p.feature,
                Feature::Country | Feature::Admin1 | Feature::Region
            ) || p.population.unwrap_or(0) >= 100_000
        })
    }

    /// A capitalised word that is no common or modifying word and no demonym: a first name or
    /// a surname when next to a name.
    fn is_name_word(&self, t: &Token) -> bool {
        t.cap
            && !t.upper
            && !t.norm.contains(' ')
            && t.norm.chars().all(|c| c.is_alphabetic())
            && !in_list(MODIFIERS, t.norm)
            && demonym_country(t.norm).is_none()
            && !self.d.english.contains(t.norm)
            && !self.d.common_names.contains(t.norm)
    }

    fn verdict(&self, toks: &[Token], m: &Match, starts: &[usize], ends: &[usize]) -> Verdict {
        if m.kind != Kind::Plain {
            return Verdict::Place;
        }
        if m.tj - m.ti == 1 && in_list(CALENDAR_WORDS, &m.key) {
            return Verdict::Other;
        }
        let first = &toks[m.ti];
        let last = &toks[m.tj - 1];
        let next = toks
            .get(m.tj)
            .filter(|n| n.joined_to_prev && !last.possessive);
        let prev = (m.ti > 0 && first.joined_to_prev).then(|| &toks[m.ti - 1]);
        // Countries and large regions keep their name next to other capitalised words; small
        // regions named like people ("Andreas", "Lara") do not.
        let strong = m.cands.iter().any(|r| {
            let rec = &self.d.records[r.idx as usize];
            match rec.place.feature {
                Feature::Country | Feature::Region => true,
                Feature::Admin1 => rec.rank_population >= 1_000_000,
                _ => false,
            }
        });
        if let Some(nx) = next {
            if nx.cap && in_list(ORG_WORDS, nx.norm) {
                return Verdict::Other;
            }
            // "Vladimir Putin", "Tyler Derden": a first name.
            if !strong
                && self.is_name_word(nx)
                && !starts.contains(&m.tj)
                && !in_list(REGION_WORDS, nx.norm)
                && !nx.sent_start
            {
                return Verdict::Person;
            }
            // "European Union": a common word inside a longer capitalised name.
            if m.needs_context && nx.cap && !nx.sent_start && !starts.contains(&m.tj) {
                return Verdict::Other;
            }
            if in_list(VESSEL_WORDS, nx.norm) {
                return Verdict::Other;
            }
            // "Rogers said": a small place does not speak.
            if in_list(SPEECH_VERBS, nx.norm) && !self.is_major(&m.cands) {
                return Verdict::Person;
            }
        }
        if let Some(pv) = prev {
            if in_list(VESSEL_WORDS, pv.norm) {
                return Verdict::Other;
            }
            if in_list(TITLES, pv.norm) && !strong {
                return Verdict::Person;
            }
            // A capitalised word before the name that is not a place, a common word (as in a
            // headline), a modifier or a demonym is a first name: the name is a surname.
            let prev_is_place = ends.contains(&m.ti);
            if !prev_is_place && !strong && self.is_name_word(pv) {
                return Verdict::Person;
            }
            if m.needs_context && pv.cap && !prev_is_place && !in_list(MODIFIERS, pv.norm) {
                return Verdict::Other;
            }
        }
        if m.needs_context && first.sent_start {
            return Verdict::Other;
        }
        Verdict::Place
    }

    /// What the text is about: the countries named in it or holding its confidently resolved
    /// places, their regions and coordinates, and the qualifiers after names ("Odessa, Texas").
    fn context(&self, toks: &[Token], matches: &[Match]) -> Context<'_> {
        let mut ctx = Context::default();
        let empty = Context::default();
        for (mi, m) in matches.iter().enumerate() {
            let (best, confident) = match m.kind {
                Kind::Plain => {
                    let mut scored: Vec<(f64, KeyRef)> =
                        m.cands.iter().map(|&r| (self.base(r), r)).collect();
                    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
                    let Some(&(top, best)) = scored.first() else {
                        continue;
                    };
                    let country = &self.place(best).country;
                    let one_country = m.cands.iter().all(|r| &self.place(*r).country == country);
                    let margin = scored.get(1).map_or(f64::INFINITY, |s| top - s.0);
                    (best, one_country || margin >= 1.5)
                }
                Kind::Region => match self.best_region(&m.key, &m.phrase_cands, &empty, None) {
                    Some(r) => (r, true),
                    None => continue,
                },
                Kind::Airport => match self.best_airport(
                    &(m.phrase_cands.clone(), m.cands.clone()),
                    &empty,
                    None,
                ) {
                    Some(r) => (r, true),
                    None => continue,
                },
            };
            if !confident {
                continue;
            }
            let p = self.place(best);
            let big = matches!(
                p.feature,
                Feature::Country | Feature::Admin1 | Feature::Region | Feature::Airport
            ) || p.population.unwrap_or(0) >= MIN_POPULATION_WITHOUT_CONTEXT;
            if !big {
                continue;
            }
            if m.needs_context {
                continue;
            }
            if let Some(cc) = &p.country {
                let w = if p.feature == Feature::Country {
                    2.0
                } else {
                    1.0
                };
                ctx.add_country(cc, w, Some(mi));
                let rec = &self.d.records[best.idx as usize];
                if p.feature != Feature::Country && !rec.admin1_code.is_empty() {
                    ctx.add_admin1(cc, &rec.admin1_code, mi);
                }
            }
            if p.feature != Feature::Country {
                ctx.anchors.push((p.lat, p.lon, mi));
            }
        }
        for t in toks {
            if let Some(cc) = demonym_country(t.norm) {
                ctx.add_country(cc, 0.5, None);
            }
        }
        // "Odessa, Texas": a country or region right after a name, past a comma.
        for (mi, m) in matches.iter().enumerate() {
            let Some(q) = matches.get(mi + 1) else {
                continue;
            };
            if m.kind != Kind::Plain
                || q.kind != Kind::Plain
                || q.ti != m.tj
                || toks[q.ti].sent_start
            {
                continue;
            }
            if let Some(r) = self.best_plain(&q.cands, &empty, None) {
                let p = self.place(r);
                if matches!(p.feature, Feature::Country | Feature::Admin1) {
                    ctx.qualifier.insert(mi, p);
                }
            }
        }
        ctx.top_country = ctx
            .totals
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .map(|&(c, _)| c);
        ctx
    }
}

/// What a text is about, gathered from its confidently resolved mentions. The questions asked
/// of it for every candidate of every name ("how much is this country named, leaving out this
/// name?") are answered from totals, so that a text dense with names costs no more per name.
#[derive(Debug, Default)]
struct Context<'a> {
    /// Country -> its weight in the text (few countries per text: a short list).
    totals: Vec<(&'a str, f64)>,
    /// Match index -> the country it contributed, with its weight.
    by_match: Vec<Option<(&'a str, f64)>>,
    top_country: Option<&'a str>,
    /// (country, admin1 code) -> how many matches resolved into that region.
    admin1_counts: Vec<((&'a str, &'a str), usize)>,
    /// Match index -> its (country, admin1 code).
    admin1_by_match: Vec<Option<(&'a str, &'a str)>>,
    /// (lat, lon, match) of resolved places.
    anchors: Vec<(f64, f64, usize)>,
    /// Match index -> the country or region named right after it.
    qualifier: HashMap<usize, &'a Place>,
}

impl<'a> Context<'a> {
    /// Counts a country named by match `from` (or by a demonym, `None`).
    fn add_country(&mut self, cc: &'a str, w: f64, from: Option<usize>) {
        match self.totals.iter_mut().find(|(c, _)| *c == cc) {
            Some((_, t)) => *t += w,
            None => self.totals.push((cc, w)),
        }
        if let Some(m) = from {
            if self.by_match.len() <= m {
                self.by_match.resize(m + 1, None);
            }
            self.by_match[m] = Some((cc, w));
        }
    }

    /// Counts a region a match resolved into.
    fn add_admin1(&mut self, cc: &'a str, code: &'a str, from: usize) {
        match self
            .admin1_counts
            .iter_mut()
            .find(|(k, _)| *k == (cc, code))
        {
            Some((_, n)) => *n += 1,
            None => self.admin1_counts.push(((cc, code), 1)),
        }
        if self.admin1_by_match.len() <= from {
            self.admin1_by_match.resize(from + 1, None);
        }
        self.admin1_by_match[from] = Some((cc, code));
    }

    /// The weight of a country in the text, leaving out what match `own` itself contributed.
    fn weight_excluding(&self, cc: &str, own: Option<usize>) -> f64 {
        let total = self
            .totals
            .iter()
            .find(|(c, _)| *c == cc)
            .map_or(0.0, |&(_, w)| w);
        let mine = own
            .and_then(|m| self.by_match.get(m).copied().flatten())
            .filter(|(c, _)| *c == cc)
            .map_or(0.0, |(_, w)| w);
        total - mine
    }

    /// Whether a match other than `own` resolved into the region `(cc, code)`.
    fn other_in_admin1(&self, cc: &str, code: &str, own: Option<usize>) -> bool {
        let count = self
            .admin1_counts
            .iter()
            .find(|(k, _)| *k == (cc, code))
            .map_or(0, |&(_, n)| n);
        let mine = own
            .and_then(|m| self.admin1_by_match.get(m).copied().flatten())
            .is_some_and(|k| k == (cc, code));
        count > usize::from(mine)
    }
}

/// For each token, whether it overlaps a span already taken. A name's words are separated by
/// spaces only, so a name overlaps a taken span exactly when one of its words does.
fn taken_tokens(toks: &[Token], taken: &[Span]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    for s in taken {
        let first = toks.partition_point(|t| t.end <= s.start);
        for (k, t) in toks.iter().enumerate().skip(first) {
            if t.start >= s.end {
                break;
            }
            if Span::new(t.start, t.end).overlaps(*s) {
                out[k] = true;
            }
        }
    }
    out
}

/// Whether a weapon word ("missile", "launcher") is among the three words from token `i` on,
/// within one stretch of text.
fn weapon_word_follows(toks: &[Token], i: usize) -> bool {
    toks.iter()
        .skip(i)
        .take(3)
        .take_while(|t| t.joined_to_prev)
        .any(|t| t.norm.split(' ').any(|w| in_list(WEAPON_WORDS, w)))
}

/// The last token of a region word right after token `i`, if there is one.
fn region_word_at(toks: &[Token], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    (t.joined_to_prev && t.norm.len() >= 3 && in_list(REGION_WORDS, t.norm)).then_some(i)
}

/// The last token of an airport phrase starting at token `i`, if there is one.
fn airport_phrase_at(toks: &[Token], i: usize) -> Option<usize> {
    // Every phrase starts with "a", "i", "m" or a Cyrillic letter.
    let first = toks.get(i)?;
    if !first.joined_to_prev
        || !matches!(
            first.norm.as_bytes().first(),
            Some(b'a' | b'i' | b'm' | 0xD0)
        )
    {
        return None;
    }
    for phrase in AIRPORT_PHRASES {
        let n = phrase.len();
        if i + n > toks.len() {
            continue;
        }
        if toks[i..i + n]
            .iter()
            .zip(phrase.iter())
            .all(|(t, w)| t.joined_to_prev && t.norm == *w)
        {
            return Some(i + n - 1);
        }
    }
    None
}

/// The start of a "the" right before token `i` ("the Kyiv region"), if there is one.
fn article_start(text: &str, toks: &[Token], i: usize) -> Option<usize> {
    if i == 0 || !toks[i].joined_to_prev {
        return None;
    }
    let p = &toks[i - 1];
    let w = text.get(p.start..p.end)?;
    w.eq_ignore_ascii_case("the").then_some(p.start)
}

#[cfg(test)]
mod tests;
