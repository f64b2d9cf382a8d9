//! The event filters' meaning, in one place for every caller.
//!
//! - [`FilterParams`]: the filters as text, as `sitrep events` flags and `/api/events` query
//!   parameters give them; [`FilterParams::to_filter`] checks every value and names the one
//!   that is wrong ([`FilterError`]).
//! - [`EventFilter::matches`]: whether one stored event passes a filter, in memory, with the
//!   meaning a store's query gives it (the conformance suite checks that they agree). Live
//!   streams and webhooks use it on each changed event.
//! - [`search_text`] and [`search_tokens`]: what full-text search (`text`) looks through and
//!   how it cuts words.

use crate::{BBox, EventFilter, Near, StoredEvent};
use chrono::NaiveDate;
use serde::Deserialize;
use sitrep_model::{Event, EventKind, Status};

/// Radius of `near` when `radius_km` is not given.
pub const DEFAULT_RADIUS_KM: f64 = 25.0;

/// The filters as text, one field per parameter (`radius_km` is the `--radius-km` flag).
/// Every field is optional; an empty string counts as absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FilterParams {
    pub since: Option<String>,
    pub until: Option<String>,
    pub kind: Option<String>,
    pub place: Option<String>,
    pub near: Option<String>,
    pub radius_km: Option<String>,
    pub bbox: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub actor: Option<String>,
    pub attacker: Option<String>,
    pub weapon: Option<String>,
    pub outlet: Option<String>,
    pub status: Option<String>,
    pub min_sources: Option<String>,
    pub text: Option<String>,
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

/// A filter value that does not parse, or parameters that do not go together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// The parameter at fault (`since`, `radius_km`, ...).
    pub param: &'static str,
    /// The value given, when one was.
    pub value: Option<String>,
    /// What is wrong, said after the parameter and its value ("is not a date of the form
    /// YYYY-MM-DD"). `{near}` stands for the name of the `near` parameter.
    problem: String,
}

impl FilterError {
    fn new(param: &'static str, value: &str, problem: impl Into<String>) -> Self {
        FilterError {
            param,
            value: Some(value.to_string()),
            problem: problem.into(),
        }
    }

    /// The message with parameter names written by `name` (the command line writes
    /// `radius_km` as `--radius-km`).
    pub fn message(&self, name: impl Fn(&str) -> String) -> String {
        let problem = self.problem.replace("{near}", &name("near"));
        match &self.value {
            Some(v) => format!("{} {v:?} {problem}", name(self.param)),
            None => format!("{} {problem}", name(self.param)),
        }
    }
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(str::to_string))
    }
}

impl std::error::Error for FilterError {}

/// The value of a parameter, `None` when absent or empty.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.trim().is_empty())
}

fn parse_day(param: &'static str, s: &str) -> Result<NaiveDate, FilterError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| FilterError::new(param, s, "is not a date of the form YYYY-MM-DD"))
}

fn parse_count(param: &'static str, s: &str) -> Result<usize, FilterError> {
    s.trim()
        .parse()
        .map_err(|_| FilterError::new(param, s, "is not a whole number of at least 0"))
}

/// A finite number within `-limit..=limit`.
fn coordinate(s: &str, limit: f64) -> Option<f64> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && v.abs() <= limit)
}

impl FilterParams {
    /// The store filter, with every value checked.
    pub fn to_filter(&self) -> Result<EventFilter, FilterError> {
        let kind = match given(&self.kind) {
            Some(k) => Some(EventKind::parse(k.trim()).ok_or_else(|| {
                let all: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
                FilterError::new("kind", k, format!("is not one of: {}", all.join(", ")))
            })?),
            None => None,
        };
        let status = match given(&self.status) {
            Some(s) => Some(Status::parse(s.trim()).ok_or_else(|| {
                FilterError::new(
                    "status",
                    s,
                    "is not one of: confirmed, reported, claimed, unverified, disputed, denied",
                )
            })?),
            None => None,
        };
        let radius_km = match given(&self.radius_km) {
            Some(r) => Some(
                r.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && *v > 0.0)
                    .ok_or_else(|| {
                        FilterError::new("radius_km", r, "is not a positive number of kilometres")
                    })?,
            ),
            None => None,
        };
        let near = match given(&self.near) {
            Some(s) => {
                let bad = || FilterError::new("near", s, "is not LAT,LON (e.g. 50.45,30.52)");
                let (lat, lon) = s.split_once(',').ok_or_else(bad)?;
                Some(Near {
                    lat: coordinate(lat, 90.0).ok_or_else(bad)?,
                    lon: coordinate(lon, 180.0).ok_or_else(bad)?,
                    radius_km: radius_km.unwrap_or(DEFAULT_RADIUS_KM),
                })
            }
            None if radius_km.is_some() => {
                return Err(FilterError {
                    param: "radius_km",
                    value: None,
                    problem: "needs {near} LAT,LON".into(),
                })
            }
            None => None,
        };
        let bbox = match given(&self.bbox) {
            Some(s) => {
                let bad = || {
                    FilterError::new(
                        "bbox",
                        s,
                        "is not WEST,SOUTH,EAST,NORTH in degrees with SOUTH <= NORTH (e.g. 22,44,41,53)",
                    )
                };
                let parts: Vec<&str> = s.split(',').collect();
                let [w, so, e, n] = parts[..] else {
                    return Err(bad());
                };
                let b = BBox {
                    west: coordinate(w, 180.0).ok_or_else(bad)?,
                    south: coordinate(so, 90.0).ok_or_else(bad)?,
                    east: coordinate(e, 180.0).ok_or_else(bad)?,
                    north: coordinate(n, 90.0).ok_or_else(bad)?,
                };
                if b.south > b.north {
                    return Err(bad());
                }
                Some(b)
            }
            None => None,
        };
        let text = |v: &Option<String>| given(v).map(|s| s.trim().to_string());
        Ok(EventFilter {
            since: given(&self.since)
                .map(|s| parse_day("since", s))
                .transpose()?,
            until: given(&self.until)
                .map(|s| parse_day("until", s))
                .transpose()?,
            kind,
            place: text(&self.place),
            near,
            bbox,
            country: text(&self.country),
            admin1: text(&self.admin1),
            actor: text(&self.actor),
            attacker: text(&self.attacker),
            weapon: text(&self.weapon),
            outlet: text(&self.outlet),
            status,
            min_sources: given(&self.min_sources)
                .map(|s| parse_count("min_sources", s))
                .transpose()?,
            text: text(&self.text),
            limit: given(&self.limit)
                .map(|s| parse_count("limit", s))
                .transpose()?,
            cursor: text(&self.cursor),
        })
    }
}

/// The first and last day of an event, as stores index them: `None` when the year is unknown;
/// an end without a year, or before the start (a misread range), is the start. So a dated
/// event's last day is never before its first, which stores rely on.
pub fn day_range(e: &Event) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let full = |d: Option<sitrep_model::PartialDate>| d.and_then(|d| d.to_naive());
    let start = full(e.date.as_ref().map(|d| d.start));
    let end = full(e.date.as_ref().map(|d| d.end)).or(start).max(start);
    (start, end)
}

/// The text full-text search (`text`) looks through: the kind, the place (name, words,
/// region), attacker, target, weapons, each claim's source and words, the evidence and the
/// sources' outlets, one per line.
pub fn search_text(ev: &StoredEvent) -> String {
    let e = &ev.event;
    let mut parts: Vec<&str> = vec![e.kind.as_str()];
    if let Some(l) = &e.location {
        parts.extend([l.name.as_str(), l.text.as_str()]);
        parts.extend(l.admin1.as_deref());
    }
    parts.extend(e.attacker.as_deref());
    parts.extend(e.target.as_deref());
    parts.extend(e.weapons.iter().map(String::as_str));
    for c in &e.claims {
        parts.extend([c.source.as_str(), c.text.as_str()]);
    }
    parts.extend(e.evidence.iter().map(|x| x.text.as_str()));
    parts.extend(ev.sources.iter().filter_map(|s| s.outlet.as_deref()));
    parts.join("\n")
}

/// Lower-case Latin letters with diacritics and their base letters, in two strings of equal
/// length in characters: the letters whose canonical decomposition is one ASCII letter and
/// combining marks (Latin-1, Latin Extended-A and -B, Latin Extended Additional).
const DIACRITIC_FROM: &str = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳḁḃḅḇḉḋḍḏḑḓḕḗḙḛḝḟḡḣḥḧḩḫḭḯḱḳḵḷḹḻḽḿṁṃṅṇṉṋṍṏṑṓṕṗṙṛṝṟṡṣṥṧṩṫṭṯṱṳṵṷṹṻṽṿẁẃẅẇẉẋẍẏẑẓẕẖẗẘẙạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
const DIACRITIC_TO: &str = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooyabbbcdddddeeeeefghhhhhiikkkllllmmmnnnnoooopprrrrsssssttttuuuuuvvwwwwwxxyzzzhtwyaaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy";

fn fold_char(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        if ('\u{300}'..='\u{36f}').contains(&l) {
            continue; // a combining diacritical mark
        }
        if l.is_ascii() {
            out.push(l);
        } else if let Some(i) = DIACRITIC_FROM.chars().position(|d| d == l) {
            out.extend(DIACRITIC_TO.chars().nth(i));
        } else {
            out.push(l);
        }
    }
}

/// The words of a text as full-text search compares them: runs of letters and digits,
/// lower-cased, Latin letters without their diacritics ("Kyïv" is "kyiv"; "Ł" and "й" stay
/// letters of their own). This is the rule of SQLite's `unicode61` tokenizer.
pub fn search_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c) {
            fold_char(c, &mut cur);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether the search words `query` occur in `body`: each whitespace-separated word of the
/// query is a phrase of its tokens ("Kh-101" is "kh" then "101") that must occur in the body;
/// words without letters or digits are ignored, and a query of only such words matches
/// nothing. An empty query matches everything.
pub fn text_matches(query: &str, body: &str) -> bool {
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.is_empty() {
        return true;
    }
    let phrases: Vec<Vec<String>> = words
        .iter()
        .map(|w| search_tokens(w))
        .filter(|p| !p.is_empty())
        .collect();
    if phrases.is_empty() {
        return false;
    }
    let tokens = search_tokens(body);
    phrases
        .iter()
        .all(|p| tokens.windows(p.len()).any(|w| w == p.as_slice()))
}

/// `needle` occurs in `hay`, ASCII letters compared without case (as SQL `LIKE` does).
fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

impl BBox {
    /// Whether a point lies in the box (edges included). A box whose west edge is east of its
    /// east edge crosses the antimeridian.
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        let lon_in = if self.west <= self.east {
            (self.west..=self.east).contains(&lon)
        } else {
            lon >= self.west || lon <= self.east
        };
        (self.south..=self.north).contains(&lat) && lon_in
    }
}

impl EventFilter {
    /// Whether `ev` passes every filter that is set, with the meaning a store's query gives it:
    /// text comparisons ignore the case of ASCII letters; `place`, `actor` and `weapon` match
    /// substrings, `country`, `admin1`, `attacker` and `outlet` whole values; `text` follows
    /// [`text_matches`] over [`search_text`]. `limit` and `cursor` select a page, not events,
    /// and are not looked at.
    pub fn matches(&self, ev: &StoredEvent) -> bool {
        let e = &ev.event;
        let loc = e.location.as_ref();
        let (start, end) = day_range(e);
        if let Some(since) = self.since {
            if !(start.is_some() && end.is_some_and(|d| d >= since)) {
                return false;
            }
        }
        if let Some(until) = self.until {
            if start.is_none_or(|d| d > until) {
                return false;
            }
        }
        if self.kind.is_some_and(|k| k != e.kind) || self.status.is_some_and(|s| s != e.status) {
            return false;
        }
        if let Some(c) = &self.country {
            if loc.and_then(|l| l.country.as_deref()) != Some(c.to_uppercase().as_str()) {
                return false;
            }
        }
        if let Some(a) = &self.admin1 {
            if !loc
                .and_then(|l| l.admin1.as_deref())
                .is_some_and(|x| x.eq_ignore_ascii_case(a))
            {
                return false;
            }
        }
        if let Some(p) = &self.place {
            let hit = loc.is_some_and(|l| {
                contains_ascii_ci(&l.name, p)
                    || l.admin1.as_deref().is_some_and(|a| contains_ascii_ci(a, p))
                    || contains_ascii_ci(&l.text, p)
            });
            if !hit {
                return false;
            }
        }
        let point = loc.and_then(|l| Some((l.lat?, l.lon?)));
        if let Some(n) = &self.near {
            let inside = point.is_some_and(|(lat, lon)| {
                sitrep_fuse::haversine_km(n.lat, n.lon, lat, lon) <= n.radius_km
            });
            if !inside {
                return false;
            }
        }
        if let Some(b) = &self.bbox {
            if !point.is_some_and(|(lat, lon)| b.contains(lat, lon)) {
                return false;
            }
        }
        if let Some(a) = &self.actor {
            let mut actors = e
                .attacker
                .iter()
                .chain(e.target.iter())
                .chain(e.claims.iter().map(|c| &c.source));
            if !actors.any(|x| contains_ascii_ci(x, a)) {
                return false;
            }
        }
        if let Some(a) = &self.attacker {
            if !e
                .attacker
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(a))
            {
                return false;
            }
        }
        if let Some(w) = &self.weapon {
            if !e.weapons.iter().any(|x| contains_ascii_ci(x, w)) {
                return false;
            }
        }
        if let Some(o) = &self.outlet {
            let hit = ev
                .sources
                .iter()
                .filter_map(|s| s.outlet.as_deref())
                .any(|x| x.eq_ignore_ascii_case(o));
            if !hit {
                return false;
            }
        }
        if self.min_sources.is_some_and(|n| ev.independent_sources < n) {
            return false;
        }
        if let Some(t) = &self.text {
            if !text_matches(t, &search_text(ev)) {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(f: impl FnOnce(&mut FilterParams)) -> FilterParams {
        let mut p = FilterParams::default();
        f(&mut p);
        p
    }

    #[test]
    fn every_parameter_is_parsed_and_checked() {
        let ok = params(|p| {
            p.since = Some("2025-01-01".into());
            p.kind = Some("drone_strike".into());
            p.near = Some("50.45,-30.52".into());
            p.status = Some("claimed".into());
            p.bbox = Some("22,44,41.5,53".into());
            p.min_sources = Some("2".into());
            p.outlet = Some(" Reuters ".into());
            p.place = Some("".into());
        })
        .to_filter()
        .unwrap();
        assert_eq!(ok.kind, Some(EventKind::DroneStrike));
        assert_eq!(ok.outlet.as_deref(), Some("Reuters"));
        assert_eq!(ok.place, None, "an empty value is no filter");
        assert_eq!(ok.min_sources, Some(2));
        assert_eq!(
            ok.near,
            Some(Near {
                lat: 50.45,
                lon: -30.52,
                radius_km: DEFAULT_RADIUS_KM
            })
        );
        assert_eq!(
            ok.bbox,
            Some(BBox {
                west: 22.0,
                south: 44.0,
                east: 41.5,
                north: 53.0
            })
        );
        let err = |f: fn(&mut FilterParams)| params(f).to_filter().unwrap_err().to_string();
        assert!(err(|p| p.kind = Some("rocket".into())).contains("missile_strike"));
        assert!(err(|p| p.since = Some("19.11.2024".into())).starts_with("since \"19.11.2024\""));
        assert!(err(|p| p.near = Some("50.45".into())).contains("LAT,LON"));
        assert!(err(|p| p.near = Some("95,30".into())).contains("LAT,LON"));
        assert!(err(|p| p.near = Some("NaN,30".into())).contains("LAT,LON"));
        assert_eq!(
            err(|p| p.radius_km = Some("5".into())),
            "radius_km needs near LAT,LON"
        );
        assert!(err(|p| {
            p.near = Some("50,30".into());
            p.radius_km = Some("-1".into());
        })
        .contains("positive number"));
        assert!(err(|p| p.status = Some("true".into())).starts_with("status"));
        assert!(err(|p| p.bbox = Some("1,2,3".into())).contains("WEST,SOUTH,EAST,NORTH"));
        assert!(err(|p| p.bbox = Some("22,53,41,44".into())).contains("SOUTH <= NORTH"));
        assert!(err(|p| p.limit = Some("-3".into())).starts_with("limit \"-3\""));
        assert!(err(|p| p.min_sources = Some("many".into())).contains("whole number"));
        let flags = params(|p| p.radius_km = Some("5".into()))
            .to_filter()
            .unwrap_err()
            .message(|n| format!("--{}", n.replace('_', "-")));
        assert_eq!(flags, "--radius-km needs --near LAT,LON");
    }

    #[test]
    fn search_words_follow_the_full_text_index() {
        let t = |s: &str| search_tokens(s).join(" ");
        assert_eq!(t("Kyïv struck by Kh-101"), "kyiv struck by kh 101");
        assert_eq!(t("ЗАПОРІЖЖЯ, Йосипівка"), "запоріжжя йосипівка");
        assert_eq!(t("ŁÓDŹ naïve café foo_bar"), "łodz naive cafe foo bar");
        assert_eq!(t("İstanbul"), "istanbul");
        assert!(text_matches("kh-101 KYIV", "Kyïv struck by Kh-101"));
        assert!(!text_matches("101-kh", "Kyïv struck by Kh-101"));
        assert!(!text_matches("иосипівка", "Йосипівка"));
        assert!(!text_matches("port", "airport"));
        assert!(!text_matches("--", "anything"));
        assert!(text_matches("-- anything", "anything"));
        assert!(text_matches("  ", "anything"));
    }

    #[test]
    fn boxes_contain_their_edges_and_may_cross_the_antimeridian() {
        let b = BBox {
            west: 22.0,
            south: 44.0,
            east: 41.0,
            north: 53.0,
        };
        assert!(b.contains(44.0, 22.0) && b.contains(50.0, 30.0));
        assert!(!b.contains(50.0, 41.5) && !b.contains(43.9, 30.0));
        let wrap = BBox {
            west: 170.0,
            south: 60.0,
            east: -170.0,
            north: 70.0,
        };
        assert!(wrap.contains(65.0, 179.0) && wrap.contains(65.0, -175.0));
        assert!(!wrap.contains(65.0, 0.0));
    }
}
