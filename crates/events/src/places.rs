//! Where a frame happened: the most specific place of its clause, passing over places that
//! say where something comes from, countries that modify a noun, and states that act or speak.

use crate::actors::VERB_TRIGGERS;
use crate::analysis::lower_eq;
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

impl<'a> Analysis<'a> {
    pub(crate) fn place_rank(p: &Place) -> u8 {
        match p.feature {
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
            let rank = Self::place_rank(p);
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
        best.map(|(_, _, m, p)| (p.clone(), m.span(), m.text.clone()))
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
        let before: Vec<String> = (1..=3)
            .filter(|&j| wi >= j)
            .map(|j| self.word_at(v.words[wi - j]).to_ascii_lowercase())
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
        let rest = match before.first().map(String::as_str) {
            Some("the") => &before[1..],
            _ => &before[..],
        };
        let is_origin = matches!(
            rest,
            [prep, verb, ..] if matches!(prep.as_str(), "in" | "by") && origin_verb(verb)
        );
        if is_origin {
            return true;
        }
        if p.feature != Feature::Country {
            return false;
        }
        let next = v
            .words
            .iter()
            .find(|w| w.0 >= m.end)
            .filter(|w| self.slice(m.end, w.0).trim().is_empty())
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
        // A state that speaks ("Russia claims", "Kyiv denies") is a source, not a scene.
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
            if !matches!(
                t.as_str(),
                "has" | "have" | "had" | "again" | "also" | "reportedly" | "massively"
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
