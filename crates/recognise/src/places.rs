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

mod evidence;
mod fold;
mod import;
mod load;
mod matching;
mod neighbours;
mod resolve;
mod tokens;
mod words;

use evidence::Evidence;
pub use import::{Format, ImportError, Imported, Importer, SourceReport};
pub(crate) use load::FxMap;
pub use load::GazetteerError;
use load::{Data, KeyRef};
use matching::{Kind, Match, Tier};
use neighbours::{airport_phrase_at, region_word_at, weapon_word_follows};
use resolve::Context;
use sitrep_model::{
    Anchor, Feature, Mention, MentionValue, NameMatch, Place, PlaceContext, PlacePrecision, Span,
};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use tokens::{norm, tokenize};

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

    /// Reads a gazetteer index made by [`Gazetteer::import`] (the file `sitrep gazetteer
    /// import` writes); `name` labels errors. The index is used as it is read: its name tables
    /// are not rebuilt.
    pub fn from_index(name: &str, bytes: Vec<u8>) -> Result<Self, GazetteerError> {
        Ok(Gazetteer {
            d: Arc::new(Data::from_index(name, load::Bytes::owned(bytes))?),
        })
    }

    /// Merges the files read by `importer` into the compiled-in gazetteer and builds the index
    /// of the result (see [`Importer`]). `stamp` (a date, say) is kept in the index's
    /// description.
    pub fn import(importer: Importer, stamp: &str) -> Result<Imported, ImportError> {
        let base = Gazetteer::embedded();
        importer.finish(&base.d, stamp)
    }

    /// What the gazetteer was built from: for an imported index, its date and each source
    /// file with its format and counts, one per line; empty for the compiled-in gazetteer.
    pub fn description(&self) -> &str {
        &self.d.meta
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

    /// Record counts by level: "country", "admin1", "admin2" (raions and districts),
    /// "community", "settlement", "airport", "site".
    pub fn level_counts(&self) -> HashMap<&'static str, usize> {
        let mut out = HashMap::new();
        for r in &self.d.records {
            let level = match precision_of(r.feature_code) {
                PlacePrecision::Country => "country",
                PlacePrecision::Admin1 => "admin1",
                PlacePrecision::Admin2 => "admin2",
                PlacePrecision::Community => "community",
                PlacePrecision::Settlement => "settlement",
                PlacePrecision::Airport => "airport",
                PlacePrecision::Site => "site",
            };
            *out.entry(level).or_insert(0) += 1;
        }
        out
    }

    /// Every record a name may stand for, best first, scored as in running text where the
    /// name is followed by `region` ("X, R") or by "near `near`": the terms of each score say
    /// why a place is chosen. A name that matches nothing gives no candidates.
    pub fn candidates(
        &self,
        name: &str,
        near: Option<&str>,
        region: Option<&str>,
    ) -> Vec<Candidate> {
        let mut text: String = {
            let mut c = name.trim().chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => return Vec::new(),
            }
        };
        let name_end = text.len();
        if let Some(r) = region {
            text.push_str(", ");
            text.push_str(r.trim());
        }
        if let Some(n) = near {
            text.push_str(" near ");
            text.push_str(n.trim());
        }
        let mut arena = String::new();
        let toks = tokenize(&text, &mut arena);
        let mut matches = self.raw_matches(&text, &toks, &[]);
        self.filter_matches(&toks, &mut matches);
        let Some(mi) = matches
            .iter()
            .position(|m| m.start == 0 && m.end >= name_end.min(m.end))
        else {
            return Vec::new();
        };
        let ctx = self.context(&toks, &matches, None);
        self.mark_countries(&mut matches);
        let links = evidence::links(&text, &toks, &matches);
        let anchors = vec![None; matches.len()];
        let mut picks: Vec<Option<Pick>> = vec![None; matches.len()];
        for qi in (mi + 1..matches.len()).rev() {
            let ev = self.evidence_for(&text, qi, &matches, &links, &anchors, &picks);
            picks[qi] = self.pick(qi, &matches[qi], &toks, &ctx, &ev);
        }
        let ev = self.evidence_for(&text, mi, &matches, &links, &anchors, &picks);
        let m = &matches[mi];
        let refs: Vec<(KeyRef, Tier)> = match m.kind {
            Kind::Plain => m
                .cands
                .iter()
                .map(|&r| (r, m.tier))
                .chain(m.extra.iter().copied())
                .collect(),
            _ => m
                .phrase_cands
                .iter()
                .chain(&m.cands)
                .map(|&r| (r, m.tier))
                .collect(),
        };
        let mut out: Vec<Candidate> = refs
            .iter()
            .map(|&(r, tier)| {
                let mut parts = Vec::new();
                let score = self.score(r, &ctx, Some(mi), &ev, tier, Some(&mut parts));
                let rec = &self.d.records[r.idx as usize];
                let placed = ev.any() && self.evidence_score(r.idx, &ev, None) > 0.0;
                Candidate {
                    place: rec.place.clone(),
                    score,
                    parts,
                    level: match precision_of(rec.feature_code) {
                        PlacePrecision::Community => "community",
                        PlacePrecision::Settlement => "settlement",
                        PlacePrecision::Admin2 => "admin2",
                        PlacePrecision::Admin1 => "admin1",
                        PlacePrecision::Country => "country",
                        PlacePrecision::Airport => "airport",
                        PlacePrecision::Site => "site",
                    },
                    admin2: (!rec.admin2_name.is_empty()).then(|| rec.admin2_name.clone()),
                    matched: format!(
                        "{:?}{}{}",
                        tier,
                        if r.former { ", a former name" } else { "" },
                        if placed || self.eligible_with(r, &ctx, Some(mi), &ev, tier) {
                            ""
                        } else {
                            ", too small to be named without its country"
                        }
                    )
                    .to_lowercase(),
                }
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out
    }

    /// Place mentions in `text`, skipping spans already `taken` by actors and weapons.
    pub fn find(&self, text: &str, taken: &[Span]) -> Vec<Mention> {
        self.find_dated(text, taken, None)
    }

    /// [`Gazetteer::find`] for a text published on `published`: the front line of that day
    /// weighs among places of the same name.
    pub fn find_dated(
        &self,
        text: &str,
        taken: &[Span],
        published: Option<chrono::NaiveDate>,
    ) -> Vec<Mention> {
        let mut arena = String::new();
        let toks = tokenize(text, &mut arena);
        let mut matches = self.raw_matches(text, &toks, taken);
        self.filter_matches(&toks, &mut matches);
        if matches.is_empty() {
            return Vec::new();
        }
        let ctx = self.context(&toks, &matches, published);
        self.mark_countries(&mut matches);
        let links = evidence::links(text, &toks, &matches);
        let anchors: Vec<Option<evidence::AnchorPhrase>> = matches
            .iter()
            .map(|m| {
                (m.kind == Kind::Plain)
                    .then(|| evidence::anchor_before(text, m.start))
                    .flatten()
            })
            .collect();
        // Later names first: the units after a name ("X, Y district, Z region") and the
        // places it is near are resolved before it; the second round sees every pick.
        // A pick depends on the evidence alone (the match and the context stay): the second
        // round picks again only where the evidence changed.
        let mut picks: Vec<Option<Pick>> = vec![None; matches.len()];
        let mut picked_on: Vec<Option<Evidence>> = vec![None; matches.len()];
        for _ in 0..2 {
            for mi in (0..matches.len()).rev() {
                let ev = self.evidence_for(text, mi, &matches, &links, &anchors, &picks);
                if picked_on[mi].as_ref() == Some(&ev) {
                    continue;
                }
                picks[mi] = self.pick(mi, &matches[mi], &toks, &ctx, &ev);
                picked_on[mi] = Some(ev);
            }
        }
        let mut out = Vec::with_capacity(picks.len() * 2);
        for (mi, pick) in picks.iter().enumerate() {
            let Some(pick) = pick.as_ref().filter(|p| p.output) else {
                continue;
            };
            let Some(surface) = text.get(pick.start..pick.end) else {
                continue;
            };
            let rec = &self.d.records[pick.r.idx as usize];
            out.push(Mention {
                value: MentionValue::Place(rec.place.clone()),
                text: surface.to_string(),
                start: pick.start,
                end: pick.end,
            });
            let mut within: Vec<String> = Vec::new();
            for (qi, link) in &links[mi] {
                let q = &matches[*qi];
                let (Some(_), Some(t)) = (&picks[*qi], text.get(q.start..q.end)) else {
                    continue;
                };
                let t = match link {
                    evidence::Link::Near => format!("near {t}"),
                    evidence::Link::Within => t.to_string(),
                };
                if !within.contains(&t) {
                    within.push(t);
                }
            }
            let anchor = anchors[mi].as_ref().map(|a| Anchor {
                distance_km: a.km,
                direction: a.direction.clone(),
                start: a.start,
                end: matches[mi].start,
            });
            if let Some(c) = self.place_context(pick, within, anchor) {
                out.push(Mention {
                    value: MentionValue::PlaceContext(c),
                    text: surface.to_string(),
                    start: pick.start,
                    end: pick.end,
                });
            }
        }
        out
    }

    /// How a pick was read, when that says more than its place: the units it lies in, a former
    /// name, the phrase that placed it, an anchor phrase, a spelling met by folding.
    fn place_context(
        &self,
        pick: &Pick,
        within: Vec<String>,
        anchor: Option<Anchor>,
    ) -> Option<PlaceContext> {
        let rec = &self.d.records[pick.r.idx as usize];
        let precision = precision_of(rec.feature_code);
        let own_unit = |code: u8| rec.feature_code == code;
        let admin2 = (!rec.admin2_name.is_empty() && !own_unit(load::FEATURE_ADMIN2))
            .then(|| rec.admin2_name.clone());
        let community = (!rec.admin3_name.is_empty() && !own_unit(load::FEATURE_ADMIN3))
            .then(|| rec.admin3_name.clone());
        let matched = match pick.tier {
            Tier::Exact => NameMatch::Exact,
            Tier::Folded => NameMatch::Folded,
            Tier::Loose => NameMatch::Loose,
        };
        let plain = admin2.is_none()
            && community.is_none()
            && !pick.r.former
            && within.is_empty()
            && anchor.is_none()
            && matched == NameMatch::Exact
            && precision != PlacePrecision::Community;
        (!plain).then(|| PlaceContext {
            id: rec.place.id.clone(),
            precision,
            admin2,
            community,
            former_name: pick.r.former,
            matched,
            within,
            anchor,
        })
    }

    /// The evidence of the phrase around match `mi`, from the picks made so far.
    fn evidence_for(
        &self,
        text: &str,
        mi: usize,
        matches: &[Match],
        links: &[Vec<(usize, evidence::Link)>],
        anchors: &[Option<evidence::AnchorPhrase>],
        picks: &[Option<Pick>],
    ) -> Evidence {
        let m = &matches[mi];
        let mut ev = Evidence {
            cue: m.settlement_cue,
            ..Evidence::default()
        };
        for &(qi, link) in &links[mi] {
            if let Some(p) = &picks[qi] {
                if let Some(u) = self.unit_of(&matches[qi], p.r.idx, link) {
                    ev.units.push(u);
                }
            }
        }
        // "X, 20 km from Y": the next name is an anchor, and X lies at that distance from it.
        if let (
            Some(next),
            Some(Some(evidence::AnchorPhrase {
                start: astart,
                km: Some(km),
                ..
            })),
        ) = (matches.get(mi + 1), anchors.get(mi + 1))
        {
            let gap = text.get(m.end..*astart).unwrap_or("x");
            let joined = gap.len() < 40
                && gap
                    .chars()
                    .all(|c| c.is_whitespace() || matches!(c, ',' | '(' | '-' | '–'))
                || evidence::links(
                    text,
                    &[],
                    &[
                        m.clone(),
                        Match {
                            start: *astart,
                            ..next.clone()
                        },
                    ],
                )[0]
                .len()
                    == 1;
            if joined {
                if let Some(p) = &picks[mi + 1] {
                    let q = self.place(p.r);
                    ev.from = Some((q.lat, q.lon, *km));
                }
            }
        }
        ev
    }

    /// The record a match stands for, given the evidence around it.
    fn pick(
        &self,
        mi: usize,
        m: &Match,
        toks: &[tokens::Token],
        ctx: &Context,
        ev: &Evidence,
    ) -> Option<Pick> {
        let whole = |r: KeyRef, tier: Tier| Pick {
            r,
            start: m.start,
            end: m.end,
            tier,
            output: true,
        };
        match m.kind {
            Kind::Region => self
                .best_region(&m.key, &m.phrase_cands, ctx, Some(mi))
                .map(|r| whole(r, Tier::Exact)),
            Kind::Airport => {
                let pair = (m.phrase_cands.clone(), m.cands.clone());
                match self.best_airport(&pair, ctx, Some(mi)) {
                    Some(r) => Some(whole(r, Tier::Exact)),
                    None => self.best_plain(&m.cands, ctx, Some(mi)).map(|r| Pick {
                        r,
                        start: toks[m.ti].start,
                        end: toks[m.tj - 1].end,
                        tier: Tier::Exact,
                        output: true,
                    }),
                }
            }
            Kind::District | Kind::Community => {
                if let Some((r, _)) =
                    self.best_with(&m.phrase_cands, ctx, Some(mi), ev, Tier::Folded)
                {
                    return Some(whole(r, Tier::Folded));
                }
                // No record of the unit: the town it is named after stands for its area.
                // Named as written ("Volnovakha district"), the town is a place of the text.
                let (r, _) = self.best_with(&m.cands, ctx, Some(mi), ev, Tier::Folded)?;
                let named = self.folded_cands(&fold::fold(&m.key)).contains(&r);
                Some(Pick {
                    r,
                    start: toks[m.ti].start,
                    end: toks[m.tj - 1].end,
                    tier: Tier::Folded,
                    output: named,
                })
            }
            Kind::Plain => {
                let all = m
                    .cands
                    .iter()
                    .map(|&r| (r, m.tier))
                    .chain(m.extra.iter().copied());
                let (r, tier, _) = self.best_of(all, ctx, Some(mi), ev)?;
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
                    && weapon_word_follows(toks, m.tj)
                {
                    return None;
                }
                Some(whole(r, tier))
            }
        }
    }
}

/// A record a name may stand for, with its score and the terms of the score.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub place: Place,
    pub score: f64,
    /// (what, how much) for each term of the score.
    pub parts: Vec<(&'static str, f64)>,
    /// "settlement", "community", "admin2", "admin1", "country", "airport" or "site".
    pub level: &'static str,
    /// The second-level unit the place lies in, when known.
    pub admin2: Option<String>,
    /// How the name met the record's names.
    pub matched: String,
}

/// The record chosen for a match and the span its mention takes.
#[derive(Debug, Clone)]
struct Pick {
    r: KeyRef,
    start: usize,
    end: usize,
    tier: Tier,
    /// Whether the pick is a mention of the text (a town standing for the district named
    /// after it is not).
    output: bool,
}

/// The precision of a record of an index feature code.
fn precision_of(code: u8) -> PlacePrecision {
    match code {
        load::FEATURE_COUNTRY => PlacePrecision::Country,
        load::FEATURE_ADMIN1 => PlacePrecision::Admin1,
        load::FEATURE_ADMIN2 => PlacePrecision::Admin2,
        load::FEATURE_ADMIN3 => PlacePrecision::Community,
        load::FEATURE_CITY => PlacePrecision::Settlement,
        load::FEATURE_AIRPORT => PlacePrecision::Airport,
        _ => PlacePrecision::Site,
    }
}

#[cfg(test)]
mod tests;
