//! Counts: how many weapons were launched and intercepted, how many people were killed and
//! injured.

use crate::analysis::{Analysis, SentView};
use crate::frames::Frame;
use crate::lexicon::{Cue, Role};
use sitrep_model::{Count, FieldSource, Mention, MentionValue, Span};

/// Which count a number fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountRole {
    Launched,
    Intercepted,
    Killed,
    Injured,
}

impl CountRole {
    fn field(self) -> &'static str {
        match self {
            CountRole::Launched => "launched",
            CountRole::Intercepted => "intercepted",
            CountRole::Killed => "killed",
            CountRole::Injured => "injured",
        }
    }
}

/// Launches and interceptions listed by weapon type in one sentence add up ("72 drones and
/// two missiles"); casualty figures repeated in a sentence do not.
pub(crate) fn role_sums(r: CountRole) -> bool {
    matches!(r, CountRole::Launched | CountRole::Intercepted)
}

pub fn add(a: Count, b: Count) -> Count {
    Count {
        min: a.min + b.min,
        max: a.max.zip(b.max).map(|(x, y)| x + y),
    }
}

pub fn max_count(a: Count, b: Count) -> Count {
    if b.min > a.min {
        b
    } else {
        a
    }
}

const ZERO: &str = "no casualties stated";
const WEAPONS: &str = "count of weapons next to a launch or interception word";

impl<'a> Analysis<'a> {
    /// Counts in a sentence go to the sentence's violent frame nearest before them; a
    /// sentence of counts alone ("No casualties were reported") adds them to the last
    /// violent frame of the paragraph or the one before.
    pub(crate) fn sentence_counts(&self, v: &SentView<'_>, out: &mut [Frame], first: usize) {
        let found = self.counts_in(v);
        if found.is_empty() {
            return;
        }
        let sentence_violent: Vec<usize> = (first..out.len())
            .filter(|&i| out[i].kind.is_violent())
            .collect();
        // A sentence of counts that names its own place speaks of that place: "In Ukraine, 28
        // journalists were killed" is no toll of the convoy shelled in Luhansk.
        let own_places: Vec<&sitrep_model::Place> = v
            .mentions
            .iter()
            .filter_map(|m| match &m.value {
                MentionValue::Place(p) => Some(p),
                _ => None,
            })
            .collect();
        let speaks_of = |f: &Frame| {
            own_places.is_empty()
                || f.place.as_ref().is_none_or(|(fp, _, _)| {
                    own_places.iter().any(|p| {
                        Self::place_rank(p) >= Self::place_rank(fp)
                            && crate::places::same_scene(p, fp)
                    })
                })
        };
        for (role, count, span, rule) in found {
            let target = if sentence_violent.is_empty() {
                (0..first)
                    .rev()
                    .find(|&i| {
                        out[i].kind.is_violent() && !out[i].heading && out[i].para + 1 >= v.s.para
                    })
                    .filter(|&i| speaks_of(&out[i]))
            } else {
                // The frame whose trigger or place comes last before the count: "hit Kyiv and
                // Cherkasy, where one person died" counts the death in Cherkasy.
                let at = |i: usize| {
                    let f = &out[i];
                    let place = f.place.as_ref().map_or(0, |p| p.1.start);
                    let trig = f.trigger.start;
                    if place <= span.start {
                        trig.max(place)
                    } else {
                        trig
                    }
                };
                sentence_violent
                    .iter()
                    .filter(|&&i| at(i) <= span.start)
                    .max_by_key(|&&i| at(i))
                    .or(sentence_violent.first())
                    .copied()
            };
            let Some(ti) = target else { continue };
            let f = &mut out[ti];
            let slot = match role {
                CountRole::Launched => &mut f.counts.launched,
                CountRole::Intercepted => &mut f.counts.intercepted,
                CountRole::Killed => &mut f.counts.killed,
                CountRole::Injured => &mut f.counts.injured,
            };
            *slot = Some(match *slot {
                Some(prev) if role_sums(role) => add(prev, count),
                Some(prev) => max_count(prev, count),
                None => count,
            });
            f.provenance.push(FieldSource {
                field: role.field().into(),
                start: span.start,
                end: span.end,
                text: self.slice(span.start, span.end).to_string(),
                rule: rule.into(),
            });
        }
    }

    /// (role, count, span, rule) for every count the sentence gives: zero casualties, the
    /// casualty figures [`crate::casualties::read`] finds, and launches and interceptions.
    pub(crate) fn counts_in(
        &self,
        v: &SentView<'_>,
    ) -> Vec<(CountRole, Count, Span, &'static str)> {
        let mut out = Vec::new();
        for c in v.cues {
            for q in &c.cues {
                if let Cue::Zero(r) = q {
                    let span = Span::new(c.start, c.end);
                    if matches!(r, Role::Killed | Role::Casualties) {
                        out.push((CountRole::Killed, Count::exact(0), span, ZERO));
                    }
                    if matches!(r, Role::Injured | Role::Casualties) {
                        out.push((CountRole::Injured, Count::exact(0), span, ZERO));
                    }
                }
            }
        }
        let zero_spans: Vec<Span> = out.iter().map(|x| x.2).collect();
        let quantities: Vec<&Mention> = v
            .mentions
            .iter()
            .copied()
            .filter(|m| matches!(m.value, MentionValue::Quantity(_)))
            .collect();
        let mut casualty_spans: Vec<Span> = Vec::new();
        if v.cues
            .iter()
            .any(|c| c.has(|q| matches!(q, Cue::Casualty(_))))
        {
            let qs: Vec<(Span, Count)> = quantities
                .iter()
                .filter_map(|m| match &m.value {
                    MentionValue::Quantity(q) => Some((m.span(), *q)),
                    _ => None,
                })
                .collect();
            for c in crate::casualties::read(self.text, v.words, &qs) {
                if zero_spans.iter().any(|z| z.overlaps(c.span)) {
                    continue;
                }
                let role = match c.harm {
                    crate::casualties::Harm::Killed => CountRole::Killed,
                    crate::casualties::Harm::Injured => CountRole::Injured,
                };
                casualty_spans.push(c.span);
                out.push((role, c.count, c.span, c.rule));
            }
        }
        // "2 of 4", "five out of six": the second number is the whole of which the first is a
        // part; for interceptions the whole is what was launched.
        let mut wholes: Vec<Span> = Vec::new();
        for pair in quantities.windows(2) {
            let (part, whole) = (pair[0], pair[1]);
            let between = self
                .slice(part.end, whole.start)
                .trim()
                .to_ascii_lowercase();
            if !(between == "of" || between == "out of") {
                continue;
            }
            if let (Some(CountRole::Intercepted), MentionValue::Quantity(q)) =
                (self.count_role(v, part), &whole.value)
            {
                out.push((CountRole::Launched, *q, whole.span(), WEAPONS));
            }
            wholes.push(whole.span());
        }
        for m in &quantities {
            let MentionValue::Quantity(q) = &m.value else {
                continue;
            };
            if zero_spans.iter().any(|z| z.overlaps(m.span()))
                || casualty_spans.iter().any(|z| z.overlaps(m.span()))
                || wholes.contains(&m.span())
            {
                continue;
            }
            if let Some(role @ (CountRole::Launched | CountRole::Intercepted)) =
                self.count_role(v, m)
            {
                out.push((role, *q, m.span(), WEAPONS));
            }
        }
        out
    }

    pub(crate) fn count_role(&self, v: &SentView<'_>, m: &Mention) -> Option<CountRole> {
        let wi_end = Self::word_index(v, m.end);
        let wi_start = Self::word_index(v, m.start);
        let filler = |t: &str| {
            matches!(
                t,
                "people"
                    | "civilians"
                    | "persons"
                    | "residents"
                    | "soldiers"
                    | "servicemen"
                    | "children"
                    | "others"
                    | "more"
                    | "were"
                    | "was"
                    | "have"
                    | "has"
                    | "been"
                    | "reportedly"
                    | "also"
                    | "of"
                    | "them"
                    | "other"
                    | "men"
                    | "women"
                    | "person"
                    | "civilian"
                    | "are"
                    | "and"
                    | "local"
                    | "including"
                    | "had"
                    | "military"
                    | "personnel"
                    | "workers"
                    | "employees"
            )
        };
        let cue_at = |w: (usize, usize)| v.cues.iter().find(|c| c.start <= w.0 && c.end >= w.1);
        // A casualty verb right before the number decides: "killed two people and injured nine".
        if let Some(&w) = wi_start.checked_sub(1).and_then(|k| v.words.get(k)) {
            if let Some(c) = cue_at(w) {
                if let Some(r) = c.cues.iter().find_map(|q| match q {
                    Cue::Casualty(Role::Killed) => Some(CountRole::Killed),
                    Cue::Casualty(Role::Injured) => Some(CountRole::Injured),
                    _ => None,
                }) {
                    return Some(r);
                }
            }
        }
        // Right of the number: "seven dead", "two civilians were killed", "six ATACMS missiles".
        let mut weaponish = false;
        for k in 0..5 {
            let Some(&w) = v.words.get(wi_end + k) else {
                break;
            };
            if w.0 < m.end {
                continue;
            }
            let t = self.word_at(w).to_ascii_lowercase();
            if let Some(c) = cue_at(w) {
                if let Some(r) = c.cues.iter().find_map(|q| match q {
                    Cue::Casualty(Role::Killed) => Some(CountRole::Killed),
                    Cue::Casualty(Role::Injured) => Some(CountRole::Injured),
                    _ => None,
                }) {
                    return Some(r);
                }
                if c.has(|q| *q == Cue::Intercept) {
                    return Some(CountRole::Intercepted);
                }
                if c.has(|q| *q == Cue::Munition) {
                    weaponish = true;
                    continue;
                }
                // "3 Ukrainian drones": the owner stands between the number and the weapon.
                if !weaponish && c.has(|q| matches!(q, Cue::Demonym(_))) {
                    continue;
                }
            }
            if !weaponish
                && matches!(
                    t.as_str(),
                    "enemy"
                        | "hostile"
                        | "attack"
                        | "kamikaze"
                        | "strike"
                        | "combat"
                        | "reconnaissance"
                        | "cruise"
                        | "ballistic"
                        | "guided"
                        | "unmanned"
                        | "aerial"
                        | "fixed-wing"
                        | "russian-made"
                        | "iranian-made"
                        | "long-range"
                )
            {
                continue;
            }
            if v.mentions.iter().any(|x| {
                x.start <= w.0 && x.end >= w.1 && matches!(x.value, MentionValue::Weapon(_))
            }) {
                weaponish = true;
                continue;
            }
            if !filler(&t) && !weaponish {
                break;
            }
            if weaponish && !filler(&t) {
                break;
            }
        }
        // Left of the number: "killing two", "shot down 42", "injuring at least five".
        for k in 1..=3 {
            if wi_start < k {
                break;
            }
            let w = v.words[wi_start - k];
            if let Some(c) = cue_at(w) {
                if let Some(r) = c.cues.iter().find_map(|q| match q {
                    Cue::Casualty(Role::Killed) => Some(CountRole::Killed),
                    Cue::Casualty(Role::Injured) => Some(CountRole::Injured),
                    _ => None,
                }) {
                    return Some(r);
                }
                if c.has(|q| *q == Cue::Intercept) {
                    return Some(CountRole::Intercepted);
                }
                if c.has(|q| *q == Cue::Launch || *q == Cue::WeaponVerb) && weaponish {
                    return Some(CountRole::Launched);
                }
            }
            let t = self.word_at(w).to_ascii_lowercase();
            if !matches!(
                t.as_str(),
                "at" | "least"
                    | "about"
                    | "around"
                    | "some"
                    | "over"
                    | "nearly"
                    | "almost"
                    | "up"
                    | "to"
                    | "more"
                    | "than"
                    | "all"
            ) {
                break;
            }
        }
        // "the remaining seven drones", "another five missiles": the rest of a count already
        // given, not a count of its own.
        let rest_of_whole = wi_start >= 1
            && matches!(
                self.word_at(v.words[wi_start - 1])
                    .to_ascii_lowercase()
                    .as_str(),
                "remaining" | "other" | "another" | "rest"
            );
        if weaponish && !rest_of_whole {
            // Interception or launch verb near the munitions.
            let lo = v
                .words
                .get(wi_start.saturating_sub(8))
                .map_or(v.s.start, |w| w.0);
            let hi = v.words.get(wi_end + 8).map_or(v.s.end, |w| w.1);
            let near = |want: &dyn Fn(&Cue) -> bool| {
                v.cues
                    .iter()
                    .any(|c| c.start >= lo && c.end <= hi && c.has(want))
            };
            if near(&|q| *q == Cue::Intercept) {
                return Some(CountRole::Intercepted);
            }
            if near(&|q| matches!(q, Cue::WeaponVerb | Cue::Launch)) {
                return Some(CountRole::Launched);
            }
            // An attack made with the munitions counted ("attacked Kyiv with 50 drones"); a
            // count of munitions that hit ("seven drones struck targets") is not a launch.
            let attack_before = v.cues.iter().any(|c| {
                c.start >= lo && c.end <= m.start && c.has(|q| matches!(q, Cue::Trigger(..)))
            });
            if attack_before {
                return Some(CountRole::Launched);
            }
        }
        None
    }
}
