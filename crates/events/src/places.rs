//! Where a frame happened: the most specific place of its clause, passing over places that
//! say where something comes from, countries that modify a noun, and states that act or speak.

use crate::actors::VERB_TRIGGERS;
use crate::analysis::{lower_eq, Lower};
use crate::analysis::{Analysis, SentView};
use crate::frames::Frame;
use sitrep_model::{Feature, FieldSource, Mention, MentionValue, Place, Span};

pub(crate) const CAPITALS: &[(&str, &str)] = &[
    ("Kyiv", "UA"),
    ("Kiev", "UA"),
    ("Moscow", "RU"),
    ("Minsk", "BY"),
    ("Washington", "US"),
];

/// Verbs in the present whose subject, when it is a state or its capital, is the government
/// acting or speaking ("Moscow insists", "Kyiv wants").
const STATE_VERBS: &[&str] = &[
    "vows",
    "wants",
    "insists",
    "hopes",
    "plans",
    "warns",
    "accuses",
    "demands",
    "calls",
    "expects",
    "believes",
    "argues",
    "promises",
    "pledges",
    "intends",
    "refuses",
    "rejects",
    "agrees",
    "seeks",
    "blames",
    "maintains",
    "considers",
    "urges",
    "asks",
];

impl<'a> Analysis<'a> {
    pub(crate) fn place_rank(p: &Place) -> u8 {
        Self::place_rank_of(p.feature)
    }

    pub(crate) fn place_rank_of(f: Feature) -> u8 {
        match f {
            Feature::Airport | Feature::Facility => 5,
            Feature::City | Feature::Other => 4,
            Feature::Admin2 => 3,
            Feature::Admin1 | Feature::Region => 2,
            Feature::Country => 1,
        }
    }

    /// The most specific place in `range`, closest to `pos` on ties; places that are the
    /// subject of an attack verb, follow "from", or stand in possessive before another place
    /// are passed over.
    pub(crate) fn best_place(
        &self,
        v: &SentView<'_>,
        range: (usize, usize),
        pos: usize,
    ) -> Option<(Place, Span, String)> {
        let mut best: Option<(u8, usize, &Mention, &Place)> = None;
        for m in v.mentions {
            let MentionValue::Place(p) = &m.value else {
                continue;
            };
            if m.start < range.0 || m.end > range.1 {
                continue;
            }
            if self.is_launch_site(v, m) || self.is_origin_or_modifier(v, m, p) {
                continue;
            }
            if self.is_subject_place(v, m, p) {
                continue;
            }
            // "the Novyi neighbourhood" with no town named before it: a part of some town, and
            // not the same-named village elsewhere.
            if self.is_neighbourhood(v, m) && self.city_of_part(v, m).is_none() {
                continue;
            }
            // "north of Kyiv", "30 km from Kramatorsk": a landmark the scene is measured from,
            // taken only when the clause names no scene of its own.
            let rank = if self.is_anchor(v, m) {
                1
            } else {
                Self::place_rank(p)
            };
            let dist = if m.start >= pos {
                m.start - pos
            } else {
                pos - m.end + 1
            };
            let better = match best {
                None => true,
                Some((r, d, _, _)) => rank > r || (rank == r && dist < d),
            };
            if better {
                best = Some((rank, dist, m, p));
            }
        }
        let (_, _, m, p) = best?;
        // "the city's Kyivskyi district": a part of the city named before, whatever else the
        // district's name may mean.
        if let Some(city) = self.city_of_part(v, m) {
            return Some(city);
        }
        Some((p.clone(), m.span(), m.text.clone()))
    }

    /// A name followed by a word for a part of a town ("the Novyi neighbourhood", "the
    /// Saltivka microdistrict").
    fn is_neighbourhood(&self, v: &SentView<'_>, m: &Mention) -> bool {
        let wi = Self::word_index(v, m.end);
        v.words.get(wi).is_some_and(|&w| {
            let t = self.word_at(w).to_ascii_lowercase();
            matches!(
                t.trim_end_matches(['.', ',', ';', ':']),
                "neighborhood"
                    | "neighbourhood"
                    | "neighborhoods"
                    | "neighbourhoods"
                    | "microdistrict"
                    | "micro-district"
                    | "quarter"
            )
        })
    }

    /// For a place introduced as part of a town already named ("the city's Kyivskyi
    /// district", "the capital's Shevchenkivskyi district", "the Novyi neighbourhood" after
    /// the town in the same sentence), that town's last mention.
    fn city_of_part(&self, v: &SentView<'_>, m: &Mention) -> Option<(Place, Span, String)> {
        if self.is_neighbourhood(v, m) {
            return v
                .mentions
                .iter()
                .rev()
                .filter(|x| x.end <= m.start)
                .find_map(|x| match &x.value {
                    MentionValue::Place(p) if p.feature == Feature::City => {
                        Some((p.clone(), x.span(), x.text.clone()))
                    }
                    _ => None,
                });
        }
        let wi = Self::word_index(v, m.start);
        let prev = wi
            .checked_sub(1)
            .map(|i| self.word_at(v.words[i]).to_ascii_lowercase())?;
        let part_of = matches!(
            prev.as_str(),
            "city's"
                | "city\u{2019}s"
                | "capital's"
                | "capital\u{2019}s"
                | "town's"
                | "town\u{2019}s"
                | "village's"
                | "village\u{2019}s"
        );
        if !part_of {
            return None;
        }
        self.mentions
            .iter()
            .rev()
            .filter(|x| x.end <= m.start)
            .find_map(|x| match &x.value {
                MentionValue::Place(p) if p.feature == Feature::City => {
                    Some((p.clone(), x.span(), x.text.clone()))
                }
                _ => None,
            })
    }

    /// The one locality a whole report is about, when every town it names as a possible scene
    /// lies within a few kilometres of the first ("Residents of Kupiansk spent another night in
    /// shelters. Artillery hit the central market."): the place of its events that name none.
    pub fn report_locality(&self) -> Option<(Place, Span, String)> {
        // The first town and the first region that can be scenes; a second one elsewhere
        // ends the search.
        let mut town: Option<(&Mention, &Place)> = None;
        let mut region: Option<(&Mention, &Place)> = None;
        let mut regions_agree = true;
        for i in 0..self.sents.len() {
            let (ma, mb) = self.sent_mention_range(i);
            if !self.mentions[ma..mb]
                .iter()
                .any(|m| matches!(m.value, MentionValue::Place(_)))
            {
                continue;
            }
            let v = self.view(i);
            for (m, p) in self.scene_places(&v, (v.s.start, v.s.end)) {
                if Self::place_rank(p) >= Self::place_rank_of(Feature::City) {
                    match town {
                        None => town = Some((m, p)),
                        Some((_, t)) if km(t, p) > 15.0 => return None,
                        Some(_) => {}
                    }
                } else {
                    match region {
                        None => region = Some((m, p)),
                        Some((_, r)) if km(r, p) > 1.0 => regions_agree = false,
                        Some(_) => {}
                    }
                }
            }
        }
        let (m, p) = match (town, region) {
            (Some(t), _) => t,
            (None, Some(r)) if regions_agree => r,
            _ => return None,
        };
        Some((p.clone(), m.span(), m.text.clone()))
    }

    /// The places of a clause that can each be the scene of an event: every place but launch
    /// sites, places of origin, modifiers, acting states, landmarks and whole countries.
    pub(crate) fn scene_places<'m>(
        &self,
        v: &SentView<'m>,
        clause: (usize, usize),
    ) -> Vec<(&'m Mention, &'m Place)> {
        v.mentions
            .iter()
            .filter(|m| m.start >= clause.0 && m.end <= clause.1)
            .filter_map(|m| match &m.value {
                MentionValue::Place(p) if p.feature != Feature::Country => Some((*m, p)),
                _ => None,
            })
            .filter(|(m, p)| {
                !self.is_launch_site(v, m)
                    && !self.is_origin_or_modifier(v, m, p)
                    && !self.is_subject_place(v, m, p)
                    && !self.is_anchor(v, m)
                    && !self.is_apposition(v, m)
                    && self.city_of_part(v, m).is_none()
                    && !self.is_neighbourhood(v, m)
            })
            .collect()
    }

    /// A place right after another, set off by a comma and not continued as a list: the
    /// first place's region ("Nikopol, Dnipropetrovsk, injuring two"), not a scene of its own.
    /// A list ends with "and" or "or" ("Nikopol, Marhanets and Pokrov").
    pub(crate) fn is_apposition(&self, v: &SentView<'_>, m: &Mention) -> bool {
        let is_place_ending_at = |end: usize| {
            v.mentions
                .iter()
                .any(|x| x.end == end && matches!(x.value, MentionValue::Place(_)))
        };
        let wi = Self::word_index(v, m.start);
        let Some(&prev) = wi.checked_sub(1).and_then(|i| v.words.get(i)) else {
            return false;
        };
        if self.slice(prev.1, m.start).trim() != "," || !is_place_ending_at(prev.1) {
            return false;
        }
        // Does a list connector follow this place before the clause ends?
        let after = self.slice(m.end, v.s.end);
        let next_word = after
            .trim_start_matches([',', ' '])
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        !matches!(next_word, "and" | "or") && {
            // ", Kharkiv, Sumy and Poltava": a place that is followed by another listed place.
            let next_place = v
                .mentions
                .iter()
                .find(|x| x.start > m.end && matches!(x.value, MentionValue::Place(_)));
            !next_place.is_some_and(|x| {
                let gap = self.slice(m.end, x.start);
                gap.trim() == "," || gap.trim() == "and" || gap.trim() == ", and"
            })
        }
    }

    /// A place that only locates another: "north of Kyiv", "30 km from the border with
    /// Poland", "20 kilometres from Kramatorsk", or names a sector of the front ("in the
    /// Kupiansk direction").
    pub(crate) fn is_anchor(&self, v: &SentView<'_>, m: &Mention) -> bool {
        let wi = Self::word_index(v, m.start);
        let word = |back: usize| {
            wi.checked_sub(back)
                .and_then(|i| v.words.get(i))
                .map(|&w| self.word_at(w).to_ascii_lowercase())
                .unwrap_or_default()
        };
        let (w1, w2, w3) = (word(1), word(2), word(3));
        let direction = |w: &str| {
            matches!(
                w,
                "north"
                    | "south"
                    | "east"
                    | "west"
                    | "northeast"
                    | "northwest"
                    | "southeast"
                    | "southwest"
                    | "north-east"
                    | "north-west"
                    | "south-east"
                    | "south-west"
                    | "northeastern"
                    | "northwestern"
                    | "southeastern"
                    | "southwestern"
            )
        };
        let distance = |w: &str| {
            matches!(
                w,
                "km" | "kilometres" | "kilometers" | "miles" | "metres" | "meters" | "away"
            ) || w.ends_with("km")
        };
        // "the Kupiansk direction", "the Zaporizhzhia front": a sector of the front named
        // after a town, not the town.
        let after = v
            .words
            .iter()
            .find(|w| w.0 >= m.end)
            .map(|&w| Lower::of(self.word_at(w)));
        let sector = after.is_some_and(|a| {
            matches!(
                a.as_str(),
                "direction" | "axis" | "sector" | "front" | "salient"
            )
        });
        sector
            || (w1 == "of" && direction(&w2))
            || (w1 == "of" && w2 == "the" && direction(&w3))
            || (w1 == "from" && (distance(&w2) || direction(&w2)))
            || (w1 == "the" && w2 == "from" && distance(&w3))
    }

    /// A place in a "from" phrase, alone or in a list: "launched from Bryansk and Kursk in
    /// Russia and from Cape Chauda in occupied Crimea", "from the territory of Belarus". Such
    /// places say where weapons came from, never where the event happened.
    pub(crate) fn is_launch_site(&self, v: &SentView<'_>, m: &Mention) -> bool {
        let mut wi = Self::word_index(v, m.start);
        for _ in 0..12 {
            if wi == 0 {
                return false;
            }
            let w = v.words[wi - 1];
            let t = self.word_at(w).to_ascii_lowercase();
            if t == "from" {
                // "20 km from Kramatorsk" places the event near Kramatorsk.
                let distance = wi >= 2
                    && matches!(
                        self.word_at(v.words[wi - 2]).to_ascii_lowercase().as_str(),
                        "km" | "kilometres" | "kilometers" | "miles" | "metres" | "meters" | "away"
                    );
                return !distance;
            }
            let place_ends_here = v.mentions.iter().find(|x| {
                x.end == w.1 && x.start <= w.0 && matches!(x.value, MentionValue::Place(_))
            });
            if let Some(x) = place_ends_here {
                wi = Self::word_index(v, x.start);
                continue;
            }
            let connector = matches!(
                t.as_str(),
                "and"
                    | "or"
                    | "in"
                    | "the"
                    | "occupied"
                    | "temporarily"
                    | "russian-occupied"
                    | "annexed"
                    | "of"
                    | "direction"
                    | "territory"
                    | "area"
                    | "areas"
                    | "side"
                    | "region"
                    | "regions"
                    | "oblast"
                    | "airfield"
                    | "airfields"
                    | "also"
                    | "positions"
                    | "across"
            );
            // A name the gazetteer does not know: "from Cape Chauda in occupied Crimea".
            let unknown_name = self
                .word_at(w)
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if !connector && !unknown_name {
                return false;
            }
            wi -= 1;
        }
        false
    }

    /// A place that says where something comes from ("missiles made in the United States",
    /// "supplied by Germany"), or a country that modifies a noun for people or institutions
    /// ("U.S. citizens", "US officials"), does not say where the event happened.
    pub(crate) fn is_origin_or_modifier(&self, v: &SentView<'_>, m: &Mention, p: &Place) -> bool {
        let wi = Self::word_index(v, m.start);
        let before: Vec<Lower> = (1..=3)
            .filter(|&j| wi >= j)
            .map(|j| Lower::of(self.word_at(v.words[wi - j])))
            .collect();
        let origin_verb = |w: &str| {
            matches!(
                w,
                "made"
                    | "produced"
                    | "manufactured"
                    | "built"
                    | "developed"
                    | "supplied"
                    | "provided"
                    | "donated"
                    | "delivered"
            )
        };
        // Skip an article: "made in the United States".
        let rest = match before.first().map(Lower::as_str) {
            Some("the") => &before[1..],
            _ => &before[..],
        };
        let is_origin = matches!(
            rest,
            [prep, verb, ..] if matches!(prep.as_str(), "in" | "by") && origin_verb(verb.as_str())
        );
        if is_origin {
            return true;
        }
        // The words after the place make it a name or a description of something else: "the
        // Kharkiv regional prosecutor's office", "the Kharkiv operational group", "the Black
        // Sea port of Odesa".
        let after: Vec<Lower> = v
            .words
            .iter()
            .filter(|w| w.0 >= m.end)
            .take(3)
            .map(|&w| Lower::of(self.word_at(w)))
            .collect();
        let gap_ok = v.words.iter().find(|w| w.0 >= m.end).is_some_and(|w| {
            let gap = self.slice(m.end, w.0).trim();
            gap.is_empty() || gap == "'s" || gap == "\u{2019}s"
        });
        let institution = |w: &str| {
            matches!(
                w,
                "administration"
                    | "governor"
                    | "governor's"
                    | "prosecutor's"
                    | "prosecutors"
                    | "police"
                    | "council"
                    | "authorities"
                    | "officials"
                    | "operational"
                    | "military"
                    | "head"
                    | "mayor"
                    | "mayor's"
                    | "court"
                    | "department"
                    | "directorate"
                    | "office"
                    | "service"
                    | "command"
                    | "group"
                    | "garrison"
                    | "emergency"
                    | "defence"
                    | "defense"
                    | "ministry"
            )
        };
        if gap_ok {
            let first = after.first().map(Lower::as_str).unwrap_or("");
            let second = after.get(1).map(Lower::as_str).unwrap_or("");
            let names_institution = institution(first)
                || (matches!(
                    first,
                    "regional" | "oblast" | "city" | "region's" | "city's" | "local"
                ) && institution(second));
            let describes_other = matches!(first, "port" | "city" | "town" | "coast")
                && second == "of"
                && p.feature != Feature::City;
            if names_institution || describes_other {
                return true;
            }
        }
        if p.feature != Feature::Country {
            return false;
        }
        let next = v
            .words
            .iter()
            .find(|w| w.0 >= m.end)
            .filter(|w| {
                let gap = self.slice(m.end, w.0).trim();
                gap.is_empty() || gap == "'s" || gap == "\u{2019}s"
            })
            .map(|&w| self.word_at(w));
        next.is_some_and(|n| {
            matches!(
                n,
                "citizens"
                    | "nationals"
                    | "officials"
                    | "diplomats"
                    | "envoy"
                    | "lawmakers"
                    | "senators"
                    | "intelligence"
                    | "government"
                    | "administration"
                    | "embassy"
                    | "authorities"
                    | "companies"
                    | "firms"
                    | "media"
                    | "aid"
                    | "sanctions"
                    | "president"
                    | "leader"
                    | "leaders"
                    | "partners"
                    | "Defence"
                    | "Defense"
                    | "defence"
                    | "defense"
                    | "Ministry"
                    | "ministry"
                    | "army"
                    | "forces"
                    | "troops"
                    | "military"
            )
        })
    }

    /// A capital or country at the head of a clause and followed by an attack verb acts:
    /// "Kyiv launches strike" names Ukraine's forces, not the place attacked.
    pub(crate) fn is_subject_place(&self, v: &SentView<'_>, m: &Mention, p: &Place) -> bool {
        if !(p.feature == Feature::Country || CAPITALS.iter().any(|(n, _)| lower_eq(n, &p.name))) {
            return false;
        }
        let wi = Self::word_index(v, m.end);
        // A state that speaks ("Russia claims", "Kyiv denies", "Kyiv did not confirm") is a
        // source, not a scene.
        if self.speaks(v, m.end) {
            return true;
        }
        if let Some(&w) = v.words.get(wi) {
            let t = self.word_at(w).to_ascii_lowercase();
            if matches!(
                t.as_str(),
                "says"
                    | "said"
                    | "claims"
                    | "claimed"
                    | "denies"
                    | "denied"
                    | "confirms"
                    | "confirmed"
                    | "reports"
            ) {
                return true;
            }
        }
        for k in 0..2 {
            let Some(&w) = v.words.get(wi + k) else {
                return false;
            };
            let t = self.word_at(w).to_ascii_lowercase();
            if VERB_TRIGGERS.contains(&t.as_str())
                && !matches!(t.as_str(), "strikes" | "attacks" | "hits")
                || (k == 0 && matches!(t.as_str(), "strikes" | "attacks" | "hits" | "launches"))
            {
                return true;
            }
            // The government by its capital's name: "Kyiv has vowed", "Moscow insists",
            // "Washington warned" (not "Kyiv was hit", nor "Kyiv, targeted by drones").
            let next = v
                .words
                .get(wi + k + 1)
                .map(|&w| self.word_at(w).to_ascii_lowercase());
            if (STATE_VERBS.contains(&t.as_str())
                || (t.len() > 4 && t.ends_with("ed") && t != "based"))
                && next.as_deref() != Some("by")
            {
                return true;
            }
            if !matches!(
                t.as_str(),
                "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "again"
                    | "also"
                    | "reportedly"
                    | "massively"
            ) {
                return false;
            }
        }
        false
    }

    pub(crate) fn fill_place_prov(&self, f: &mut Frame) {
        if let Some((_, span, t)) = &f.place {
            f.provenance.push(FieldSource {
                field: "location".into(),
                start: span.start,
                end: span.end,
                text: t.clone(),
                rule: "most specific place in the clause".into(),
            });
        }
    }
}

/// Two places that are one scene: the same record, one inside the other's region, or the same
/// spot under two names.
pub(crate) fn same_scene(a: &Place, b: &Place) -> bool {
    if !a.id.is_empty() && a.id == b.id {
        return true;
    }
    let inside = |small: &Place, big: &Place| {
        matches!(
            big.feature,
            Feature::Admin1 | Feature::Region | Feature::Admin2
        ) && (small.admin1.as_deref() == Some(big.name.as_str()) || km(small, big) < 60.0)
    };
    inside(a, b) || inside(b, a) || km(a, b) < 10.0
}

fn km(a: &Place, b: &Place) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dl = (b.lon - a.lon).to_radians();
    let h = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}
