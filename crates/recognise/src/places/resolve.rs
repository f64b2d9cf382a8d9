//! Choosing among the records that bear a name: the context of the text (what countries and
//! regions it is about, where its other places lie) and the importance of each record.

use super::evidence::Evidence;

/// The weight of a place's population: its logarithm, with the places of a few hundred people
/// and those no source counts weighing alike (sources count people only from a few hundred up,
/// so an uncounted village is no smaller than a counted one of a few hundred).
/// What a name met only in its loose form loses against names met as written.
const LOOSE_PENALTY: f64 = -3.0;

fn people(population: u64) -> f64 {
    (population.max(200) as f64 + 10.0).log10()
}

use super::load::KeyRef;
use super::matching::{Kind, Match, Tier};
use super::tokens::Token;
use super::words::*;
use super::{distance_km, haversine_km, Gazetteer};
use sitrep_model::Feature;

impl Gazetteer {
    /// Importance of a record for a name, before context: population (log scale), feature,
    /// capital status, whether the name is the record's own, and the reporting focus.
    pub(super) fn base(&self, r: KeyRef) -> f64 {
        let rec = &self.d.records[r.idx as usize];
        let p = &rec.place;
        let mut s = people(rec.rank_population);
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

    /// The war's theatre: Ukraine and Russia's regions on its border come before the rest of
    /// Russia and Belarus (which [`FOCUS_COUNTRIES`] already favour), and the regions of the
    /// front line before the rest of Ukraine.
    pub(super) fn theatre(&self, r: KeyRef, ctx: &Context) -> f64 {
        let rec = &self.d.records[r.idx as usize];
        let country = rec.place.country.as_deref();
        // Places named alike across the country: the front line's are the ones reported
        // (by their own names: another place's former or foreign name gains nothing here).
        if country == Some("UA")
            && ctx.front.contains(&rec.admin1_code.as_str())
            && (r.primary || r.similar || r.former)
        {
            3.0
        } else if in_theatre(country, &rec.admin1_code) {
            1.5
        } else {
            0.0
        }
    }

    pub(super) fn context_bonus(&self, r: KeyRef, ctx: &Context, own: Option<usize>) -> f64 {
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
        // Near the text's other places: the nearer, the more.
        let nearest = ctx
            .anchors
            .iter()
            .filter(|&&(lat, _, m)| Some(m) != own && (lat - p.lat).abs() < 1.5)
            .map(|&(lat, lon, _)| haversine_km(lat, lon, p.lat, p.lon))
            .fold(f64::INFINITY, f64::min);
        if nearest < 150.0 {
            s += 1.0;
            if nearest < 40.0 {
                s += 1.0;
            }
        }
        s
    }

    /// Whether a candidate is important enough, or supported enough by the text, to be named
    /// by a bare word.
    pub(super) fn eligible(&self, r: KeyRef, ctx: &Context, own: Option<usize>) -> bool {
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

    pub(super) fn best_plain(
        &self,
        refs: &[KeyRef],
        ctx: &Context,
        own: Option<usize>,
    ) -> Option<KeyRef> {
        self.best_with(refs, ctx, own, &Evidence::default(), Tier::Exact)
            .map(|(r, _)| r)
    }

    /// The score of candidate `r` of a name matched at `tier`, with the text's context and the
    /// phrase's evidence; `parts` gets the terms (for `sitrep place`).
    pub(super) fn score(
        &self,
        r: KeyRef,
        ctx: &Context,
        own: Option<usize>,
        ev: &Evidence,
        tier: Tier,
        mut parts: Option<&mut Vec<(&'static str, f64)>>,
    ) -> f64 {
        let mut base = self.base(r);
        let context = self.context_bonus(r, ctx, own);
        let theatre = self.theatre(r, ctx);
        let spelling = match tier {
            Tier::Exact => 0.0,
            Tier::Folded => -0.5,
            Tier::Loose => {
                // A loose form says nothing of whose own name it is.
                if r.primary {
                    base -= 1.5;
                } else if r.similar {
                    base -= 0.75;
                }
                LOOSE_PENALTY
            }
        };
        let p = self.place(r);
        let cue = if !ev.cue {
            0.0
        } else if p.feature == Feature::City {
            0.5
        } else {
            -1.5
        };
        if let Some(parts) = parts.as_deref_mut() {
            let rec = &self.d.records[r.idx as usize];
            parts.push(("people", people(rec.rank_population)));
            parts.push(("name and kind", base - people(rec.rank_population)));
            parts.push(("theatre", theatre));
            parts.push(("text", context));
            parts.push(("spelling", spelling));
            parts.push(("settlement word", cue));
            parts.retain(|(_, v)| *v != 0.0);
        }
        base + theatre + context + spelling + cue + self.evidence_score(r.idx, ev, parts)
    }

    /// The best eligible candidate and its score.
    pub(super) fn best_with(
        &self,
        refs: &[KeyRef],
        ctx: &Context,
        own: Option<usize>,
        ev: &Evidence,
        tier: Tier,
    ) -> Option<(KeyRef, f64)> {
        self.best_of(refs.iter().map(|&r| (r, tier)), ctx, own, ev)
            .map(|(r, _, s)| (r, s))
    }

    /// The best eligible candidate among candidates met at several tiers, with its tier and
    /// score.
    ///
    /// The phrase around the name rules candidates out: a small place (or one met loosely)
    /// that the units or places named with it put elsewhere, and any place below 100,000 people
    /// that the units named with it put elsewhere ("Poltava, Amvrosiivka district, Donetsk
    /// region" is no city of Poltava). In a text that names no country, places of the theatre
    /// come before any place elsewhere but the largest cities.
    pub(super) fn best_of(
        &self,
        refs: impl Iterator<Item = (KeyRef, Tier)>,
        ctx: &Context,
        own: Option<usize>,
        ev: &Evidence,
    ) -> Option<(KeyRef, Tier, f64)> {
        let mut best: Option<(f64, KeyRef, Tier)> = None;
        let refs: Vec<(KeyRef, Tier)> = refs.collect();
        // A text that names no country is about the war's theatre: the theatre's places come
        // before smaller places elsewhere.
        let theatre_first = own.is_some()
            && ctx.totals.is_empty()
            && refs.iter().any(|(r, _)| {
                let rec = &self.d.records[r.idx as usize];
                in_theatre(rec.place.country.as_deref(), &rec.admin1_code)
            });
        for (r, tier) in refs {
            let (units, places) = if ev.any() {
                self.evidence_split(r.idx, ev, None)
            } else {
                (0.0, 0.0)
            };
            let rec = &self.d.records[r.idx as usize];
            let small = rec.rank_population < MIN_POPULATION_WITHOUT_CONTEXT;
            let fixed = matches!(
                rec.place.feature,
                Feature::Country | Feature::Admin1 | Feature::Region
            );
            if theatre_first
                && !fixed
                && rec.rank_population < 500_000
                && !in_theatre(rec.place.country.as_deref(), &rec.admin1_code)
            {
                continue;
            }
            if own.is_some() {
                let contradicted = if small || tier == Tier::Loose {
                    units < 0.0 || units + places < 0.0
                } else {
                    units < 0.0 && rec.rank_population < 100_000
                };
                if contradicted && !fixed {
                    continue;
                }
                let placed = units + places > 0.0;
                if !placed && !self.eligible_with(r, ctx, own, ev, tier) {
                    continue;
                }
                // Every large city has its "Kyivskyi" or "Shevchenkivskyi" district: one named
                // without its city is the district of a city the text names, or none.
                if !placed
                    && is_city_district(rec)
                    && !ctx.city_within(rec.place.lat, rec.place.lon, own, CITY_DISTRICT_KM)
                {
                    continue;
                }
            }
            let s = self.score(r, ctx, own, ev, tier, None);
            if best.is_none_or(|(b, ..)| s > b) {
                best = Some((s, r, tier));
            }
        }
        let (s, r, t) = best?;
        Some((r, t, s))
    }

    /// [`Gazetteer::eligible`], and for small places of the war's theatre: named with a
    /// settlement word, or in a text that names no country at all (a place description). A
    /// name matched loosely needs one of those and no rival in the same country.
    pub(super) fn eligible_with(
        &self,
        r: KeyRef,
        ctx: &Context,
        own: Option<usize>,
        ev: &Evidence,
        tier: Tier,
    ) -> bool {
        let rec = &self.d.records[r.idx as usize];
        let theatre = in_theatre(rec.place.country.as_deref(), &rec.admin1_code);
        let described = theatre && (ev.cue || ctx.totals.is_empty());
        if tier == Tier::Loose {
            return described;
        }
        self.eligible(r, ctx, own) || described
    }

    /// Region records for a name: regions named so, and regions whose namesake city is named so.
    pub(super) fn region_candidates(&self, key: &str) -> Vec<KeyRef> {
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

    pub(super) fn best_region(
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
    pub(super) fn airport_match_cands(&self, key: &str) -> (Vec<KeyRef>, Vec<KeyRef>) {
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
    pub(super) fn best_airport(
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
                                former: false,
                            },
                        ));
                    }
                }
            }
            return best.map(|(_, r)| r);
        }
        self.best_plain(air, ctx, own)
    }

    /// What the text is about: the countries named in it or holding its confidently resolved
    /// places, their regions and coordinates.
    pub(super) fn context(
        &self,
        toks: &[Token],
        matches: &[Match],
        published: Option<chrono::NaiveDate>,
    ) -> Context<'_> {
        let mut ctx = Context {
            front: front_at(published),
            ..Context::default()
        };
        let empty = Context::default();
        for (mi, m) in matches.iter().enumerate() {
            let (best, confident) = match m.kind {
                Kind::Plain => {
                    for &r in &m.cands {
                        let rec = &self.d.records[r.idx as usize];
                        if rec.place.feature == Feature::City
                            && rec.rank_population >= CITY_WITH_DISTRICTS
                            && !m.needs_context
                        {
                            ctx.cities.push((rec.place.lat, rec.place.lon, mi));
                        }
                    }
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
                // Units speak through the evidence of the names they hold.
                Kind::District | Kind::Community => continue,
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
                // "Russian" and "Ukrainian" say the text is about the war, which is fought in
                // both countries: neither is favoured over the other by them.
                if matches!(cc, "RU" | "UA") {
                    ctx.add_country("RU", 0.5, None);
                    ctx.add_country("UA", 0.5, None);
                } else {
                    ctx.add_country(cc, 0.5, None);
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

/// How far from a city the text names a district of a city may lie and still be that city's.
const CITY_DISTRICT_KM: f64 = 25.0;
/// Cities from this size up are divided into districts that share names across cities.
const CITY_WITH_DISTRICTS: u64 = 100_000;

/// Whether a record is a district of a city: a populated place that its sources also call a
/// district ("Kyivskyi raion", "Київський район"), as GeoNames lists the districts of Donetsk,
/// Kharkiv or Poltava.
fn is_city_district(rec: &super::load::Record) -> bool {
    if rec.place.feature != Feature::City {
        return false;
    }
    rec.keys.split('|').any(|k| {
        let k = k.to_lowercase();
        ["район", " district", " rayon", " raion"]
            .iter()
            .any(|w| k.ends_with(w))
    })
}

/// What a text is about, gathered from its confidently resolved mentions. The questions asked
/// of it for every candidate of every name ("how much is this country named, leaving out this
/// name?") are answered from totals, so that a text dense with names costs no more per name.
#[derive(Debug)]
pub(super) struct Context<'a> {
    /// The first-level regions of the front line when the text was written.
    pub(super) front: &'static [&'static str],
    /// Country -> its weight in the text (few countries per text: a short list).
    pub(super) totals: Vec<(&'a str, f64)>,
    /// Match index -> the country it contributed, with its weight.
    pub(super) by_match: Vec<Option<(&'a str, f64)>>,
    pub(super) top_country: Option<&'a str>,
    /// (country, admin1 code) -> how many matches resolved into that region.
    pub(super) admin1_counts: Vec<((&'a str, &'a str), usize)>,
    /// Match index -> its (country, admin1 code).
    pub(super) admin1_by_match: Vec<Option<(&'a str, &'a str)>>,
    /// (lat, lon, match) of resolved places.
    pub(super) anchors: Vec<(f64, f64, usize)>,
    /// (lat, lon, match) of every large city a name of the text may be, resolved or not.
    pub(super) cities: Vec<(f64, f64, usize)>,
}

impl Default for Context<'_> {
    /// The context of a text that says nothing: the latest front line.
    fn default() -> Self {
        Context {
            front: UA_FRONT_ADMIN1,
            totals: Vec::new(),
            by_match: Vec::new(),
            top_country: None,
            admin1_counts: Vec::new(),
            admin1_by_match: Vec::new(),
            anchors: Vec::new(),
            cities: Vec::new(),
        }
    }
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
    pub(super) fn weight_excluding(&self, cc: &str, own: Option<usize>) -> f64 {
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
    /// Whether a large city the text may name (other than by match `own`) lies within `km`
    /// of a point.
    fn city_within(&self, lat: f64, lon: f64, own: Option<usize>, km: f64) -> bool {
        self.cities.iter().any(|&(alat, alon, m)| {
            Some(m) != own && (alat - lat).abs() < 1.0 && haversine_km(alat, alon, lat, lon) <= km
        })
    }

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
