//! What the words around a name say about where it is: the units named with it in the same
//! phrase ("X, Y district, Z region", "X (Donetsk region)", "X in Kharkiv oblast"), the places
//! it is said to be near ("X near Slavyansk"), and distances from a point of reference ("X, 20
//! km from Kramatorsk"; "32 km north-west of Luhansk" makes Luhansk an anchor).

use super::load::{FEATURE_ADMIN1, FEATURE_ADMIN2, FEATURE_ADMIN3, FEATURE_COUNTRY};
use super::matching::{Kind, Match};
use super::tokens::Token;
use super::{haversine_km, Gazetteer};
use regex::Regex;
use std::sync::OnceLock;

/// How a later match relates to an earlier one it is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Link {
    /// Named as the unit (or the country, or a town standing for its area) that holds it:
    /// "X, Donetsk region", "X (Y district)", "X in Z oblast", "X, Luhansk".
    Within,
    /// Said to be near it: "X near Y", "X outside Y".
    Near,
}

/// Words that may stand between a name and the unit that holds it.
const CONNECTORS: &[&str] = &[
    "in",
    "of",
    "the",
    "at",
    "within",
    "part",
    "area",
    "south",
    "north",
    "east",
    "west",
    "southern",
    "northern",
    "eastern",
    "western",
    "central",
    "south-east",
    "south-west",
    "north-east",
    "north-west",
    "southeast",
    "southwest",
    "northeast",
    "northwest",
    "village",
    "town",
    "city",
    "settlement",
    "township",
    "villages",
    "towns",
    "settlements",
    "hamlet",
    "region",
    "district",
    "oblast",
    "on",
    "outskirts",
    "suburb",
    "suburbs",
    "vicinity",
];

/// Words that make the following place one the name is near.
const NEAR_WORDS: &[&str] = &[
    "near",
    "outside",
    "nearby",
    "close",
    "to",
    "next",
    "by",
    "outskirts",
    "suburb",
    "suburbs",
    "vicinity",
];

/// The links of each match to the matches after it in the same phrase: `(later match, link)`.
/// A chain ("X, Y district, Z region") links the first name to every unit after it.
///
/// A name in the possessive ("in Ukraine's war") holds nothing. A country holds the name only
/// right after it ("X, Ukraine", "X in Ukraine"), not past other words ("X, the town Russia
/// calls Y").
pub(super) fn links(text: &str, toks: &[Token], matches: &[Match]) -> Vec<Vec<(usize, Link)>> {
    let mut out: Vec<Vec<(usize, Link)>> = vec![Vec::new(); matches.len()];
    for mi in 0..matches.len() {
        let mut prev_end = matches[mi].end;
        let mut link_kind = Link::Within;
        for (qi, q) in matches.iter().enumerate().skip(mi + 1) {
            let Some(gap) = text.get(prev_end..q.start) else {
                break;
            };
            if toks.get(q.tj.wrapping_sub(1)).is_some_and(|t| t.possessive) {
                break;
            }
            let Some(link) = gap_link(gap) else {
                break;
            };
            // Once "near" appears, the rest of the chain is what the name is near.
            if link == Link::Near {
                link_kind = Link::Near;
            }
            let tight = gap
                .split(|c: char| !c.is_alphanumeric())
                .all(|w| w.is_empty() || w.eq_ignore_ascii_case("in"));
            if q.kind == Kind::Plain && !tight && is_country_name(q) {
                break;
            }
            out[mi].push((qi, link_kind));
            prev_end = q.end;
            if out[mi].len() >= 4 {
                break;
            }
        }
    }
    out
}

/// Whether a plain match names a country among its candidates (its own name).
fn is_country_name(q: &Match) -> bool {
    q.country_name
}

/// What the text between two names makes of the second: `None` when they are not in one
/// phrase.
fn gap_link(gap: &str) -> Option<Link> {
    if gap.len() > 60 || gap.contains(['\n', '.', ';', ':', '!', '?']) {
        return None;
    }
    let mut link = Link::Within;
    let mut words = 0;
    for w in gap.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        if w.is_empty() {
            continue;
        }
        let w = w.to_ascii_lowercase();
        words += 1;
        if NEAR_WORDS.contains(&w.as_str()) {
            link = Link::Near;
        } else if !CONNECTORS.contains(&w.as_str()) {
            return None;
        }
    }
    if words > 5 {
        return None;
    }
    // Two names with nothing but a space between them are one longer name, not a phrase.
    if words == 0 && !gap.contains([',', '(', ')', '/', '-']) {
        return None;
    }
    Some(link)
}

/// The words before a name that make it a point of reference: "20 km from", "32km north-west
/// of".
#[derive(Debug, Clone, PartialEq)]
pub(super) struct AnchorPhrase {
    /// Where the words start.
    pub start: usize,
    pub km: Option<f64>,
    pub direction: Option<String>,
}

/// "20 km from X", "32km north-west of X", "10 kilometres south of X": the anchor phrase
/// right before the name starting at `start`.
pub(super) fn anchor_before(text: &str, start: usize) -> Option<AnchorPhrase> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let from = start.saturating_sub(70);
    let from = (from..start).find(|&i| text.is_char_boundary(i))?;
    let window = text.get(from..start)?;
    if !window.contains("km")
        && !window.contains("kilomet")
        && !window.contains("mile")
        && !window.contains("км")
    {
        return None;
    }
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?i)(\d+(?:[.,]\d+)?)\s*(km|kms|kilometers|kilometres|miles|mi|км)\.?\s+(?:to\s+the\s+)?((?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest)(?:ward)?\s+)?(?:of|from|outside|away\s+from)\s+(?:the\s+)?(?:(?:city|town|village|settlement)\s+(?:of\s+)?)?$",
        )
        .expect("the anchor pattern is valid")
    });
    let c = re.captures(window)?;
    let whole = c.get(0)?;
    let mut km: f64 = c.get(1)?.as_str().replace(',', ".").parse().ok()?;
    if c.get(2)?.as_str().to_ascii_lowercase().starts_with("mi") {
        km *= 1.609;
    }
    let direction = c.get(3).map(|d| d.as_str().trim().to_ascii_lowercase());
    Some(AnchorPhrase {
        start: from + whole.start(),
        km: Some(km),
        direction,
    })
}

/// A unit or place named with a match, resolved: what it says about the match's candidates.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Unit {
    pub lat: f64,
    pub lon: f64,
    /// The index feature code of the unit's record; towns standing for a district have
    /// their own code (a city).
    pub feature: u8,
    pub country: String,
    pub admin1: String,
    pub admin2: String,
    pub admin3: String,
    pub link: Link,
    /// A town named for its district or community ("Volnovakha district" without a record for
    /// the district): its area, not the town itself.
    pub stands_for_area: bool,
}

/// Everything the words around one match say about where it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Evidence {
    pub units: Vec<Unit>,
    /// "X, 20 km from Y": Y's point and the distance.
    pub from: Option<(f64, f64, f64)>,
    /// A word next to the name says it is a settlement.
    pub cue: bool,
}

impl Evidence {
    /// Whether anything in the phrase places the match.
    pub(super) fn any(&self) -> bool {
        !self.units.is_empty() || self.from.is_some()
    }
}

impl Gazetteer {
    /// The unit a resolved match stands for, as evidence for the matches linked to it.
    pub(super) fn unit_of(&self, m: &Match, idx: u32, link: Link) -> Option<Unit> {
        let rec = &self.d.records[idx as usize];
        let stands_for_area = matches!(m.kind, Kind::District | Kind::Community)
            && !matches!(rec.feature_code, FEATURE_ADMIN2 | FEATURE_ADMIN3);
        Some(Unit {
            lat: rec.place.lat,
            lon: rec.place.lon,
            feature: rec.feature_code,
            country: rec.place.country.clone().unwrap_or_default(),
            admin1: rec.admin1_code.clone(),
            admin2: rec.admin2_code.clone(),
            admin3: rec.admin3_code.clone(),
            link,
            stands_for_area,
        })
    }

    /// What the evidence makes of candidate `idx`: a score, positive when the phrase places
    /// it, negative when the phrase places the name elsewhere. `parts` gets the terms.
    pub(super) fn evidence_score(
        &self,
        idx: u32,
        ev: &Evidence,
        parts: Option<&mut Vec<(&'static str, f64)>>,
    ) -> f64 {
        let (units, places) = self.evidence_split(idx, ev, parts);
        units + places
    }

    /// [`Gazetteer::evidence_score`] in two parts: what the administrative units (country,
    /// region, district, community) named with the name make of the candidate, and what the
    /// places (towns, distances) do.
    pub(super) fn evidence_split(
        &self,
        idx: u32,
        ev: &Evidence,
        mut parts: Option<&mut Vec<(&'static str, f64)>>,
    ) -> (f64, f64) {
        let rec = &self.d.records[idx as usize];
        let p = &rec.place;
        let cc = p.country.as_deref().unwrap_or("");
        let (mut units, mut places) = (0.0, 0.0);
        let mut add = |what: &'static str, v: f64, total: &mut f64| {
            if v != 0.0 {
                *total += v;
                if let Some(parts) = parts.as_deref_mut() {
                    parts.push((what, v));
                }
            }
        };
        for u in &ev.units {
            let d = haversine_km(u.lat, u.lon, p.lat, p.lon);
            let same = |a: &str, b: &str| !a.is_empty() && a == b;
            let v = if u.link == Link::Near {
                if d <= 25.0 {
                    5.0
                } else if d <= 50.0 {
                    3.0
                } else if d > 150.0 {
                    -2.0
                } else {
                    0.0
                }
            } else {
                match u.feature {
                    FEATURE_COUNTRY => {
                        if u.country == cc {
                            5.0
                        } else {
                            -5.0
                        }
                    }
                    FEATURE_ADMIN1 => {
                        if u.country == cc && same(&u.admin1, &rec.admin1_code) {
                            6.0
                        } else if u.country == cc && rec.admin1_code.is_empty() && d < 150.0 {
                            2.0
                        } else {
                            -6.0
                        }
                    }
                    FEATURE_ADMIN2 => {
                        if same(&u.admin2, &rec.admin2_code) {
                            6.0
                        } else if d <= 35.0 {
                            4.0
                        } else if d > 80.0 {
                            -4.0
                        } else {
                            0.0
                        }
                    }
                    FEATURE_ADMIN3 => {
                        if same(&u.admin3, &rec.admin3_code) {
                            6.0
                        } else if d <= 30.0 {
                            5.0
                        } else if d > 70.0 {
                            -4.0
                        } else {
                            0.0
                        }
                    }
                    _ => {
                        // A town standing for its district, or for its surroundings ("X,
                        // Luhansk").
                        let (near, around, far) = if u.stands_for_area {
                            (30.0, 60.0, 120.0)
                        } else {
                            (25.0, 50.0, 150.0)
                        };
                        if d <= near {
                            5.0
                        } else if d <= around {
                            3.0
                        } else if d > far {
                            -3.0
                        } else {
                            0.0
                        }
                    }
                }
            };
            let unit = u.link == Link::Within
                && matches!(
                    u.feature,
                    FEATURE_COUNTRY | FEATURE_ADMIN1 | FEATURE_ADMIN2 | FEATURE_ADMIN3
                );
            if unit {
                add("named with", v, &mut units);
            } else {
                add("named near", v, &mut places);
            }
        }
        if let Some((lat, lon, km)) = ev.from {
            let d = haversine_km(lat, lon, p.lat, p.lon);
            let v = if (d - km).abs() <= (0.5 * km).max(6.0) {
                4.0
            } else if d > 2.0 * km + 30.0 {
                -2.0
            } else {
                0.0
            };
            add("distance", v, &mut places);
        }
        (units, places)
    }
}
