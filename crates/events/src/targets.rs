//! What was attacked: the object of the attack ("struck a military facility", "attack on
//! trains"), the subject of a passive ("a Ukrainian system being destroyed"), forces named as
//! such; and the attacker an attack on one side's target implies.

use crate::actors::{is_weaponish, state_force, NP_STOP, PREPOSITIONS};
use crate::analysis::{Analysis, SentView};
use crate::frames::Frame;
use crate::lexicon::Cue;
use sitrep_model::{ActorKind, EventKind, FieldSource, MentionValue, Side, Span};

pub(crate) const TARGET_HEADS: &[&str] = &[
    "facility",
    "facilities",
    "infrastructure",
    "building",
    "buildings",
    "house",
    "houses",
    "home",
    "homes",
    "apartment",
    "apartments",
    "block",
    "airfield",
    "airfields",
    "airbase",
    "base",
    "bases",
    "depot",
    "depots",
    "warehouse",
    "warehouses",
    "plant",
    "plants",
    "refinery",
    "refineries",
    "substation",
    "substations",
    "bridge",
    "bridges",
    "train",
    "trains",
    "railway",
    "port",
    "ports",
    "ship",
    "ships",
    "vessel",
    "vessels",
    "school",
    "schools",
    "hospital",
    "hospitals",
    "market",
    "positions",
    "position",
    "troops",
    "equipment",
    "convoy",
    "site",
    "sites",
    "headquarters",
    "post",
    "enterprise",
    "enterprises",
    "factory",
    "factories",
    "terminal",
    "vehicle",
    "vehicles",
    "bus",
    "car",
    "civilians",
    "station",
    "stations",
    "complex",
    "center",
    "centre",
    "centres",
    "centers",
    "administration",
    "storage",
    "barracks",
    "hotel",
    "church",
    "museum",
    "university",
    "kindergarten",
    "shop",
    "supermarket",
    "mall",
    "cafe",
    "restaurant",
    "garage",
    "farm",
    "field",
    "grid",
    "network",
    "hub",
    "launcher",
    "launchers",
    "system",
    "systems",
    "area",
    "areas",
    "office",
    "offices",
    "dam",
    "pipeline",
    "tower",
    "airport",
];

pub(crate) const MILITARY_WORDS: &[&str] = &[
    "system",
    "systems",
    "positions",
    "position",
    "troops",
    "equipment",
    "unit",
    "units",
    "launcher",
    "launchers",
    "tank",
    "tanks",
    "battery",
    "batteries",
    "command",
    "soldiers",
    "servicemen",
    "army",
    "forces",
    "military",
    "brigade",
    "air",
    "defence",
    "defense",
    "radar",
    "aircraft",
    "helicopter",
    "helicopters",
    "jet",
    "jets",
    "warship",
    "vehicles",
];

impl<'a> Analysis<'a> {
    /// An attack on one side's forces or property, with no attacker named, was the other
    /// side's: "struck a Ukrainian army ammunition depot", "a Russian Pantsir system was
    /// destroyed".
    pub(crate) fn attacker_from_target(&self, v: &SentView<'_>, f: &mut Frame) {
        if f.attacker.is_some() || f.kind == EventKind::Interception {
            return;
        }
        let Some((name, span)) = f.target.clone() else {
            return;
        };
        let side = match name.as_str() {
            "Armed Forces of Ukraine" => Some(Side::Ukraine),
            "Russian Armed Forces" => Some(Side::Russia),
            _ => v.cues.iter().find_map(|c| {
                if c.start < span.start || c.end > span.end {
                    return None;
                }
                c.cues.iter().find_map(|q| match q {
                    Cue::Demonym("UA") => Some(Side::Ukraine),
                    Cue::Demonym("RU") => Some(Side::Russia),
                    _ => None,
                })
            }),
        };
        let other = match side {
            Some(Side::Ukraine) => ("Russian Armed Forces", Side::Russia),
            Some(Side::Russia) => ("Armed Forces of Ukraine", Side::Ukraine),
            _ => return,
        };
        self.set_attacker(
            f,
            (other.0.to_string(), Some(other.1), span),
            "the other side of the target",
        );
    }

    /// The thing attacked: the object after the trigger ("struck a military facility",
    /// "attack on trains", "destruction of the Buk ... of the Armed Forces of Ukraine"), or
    /// the subject of a passive ("a Ukrainian system being destroyed"). The other side's
    /// forces and equipment are named by the forces; other objects by their noun phrase.
    pub(crate) fn fill_target(&self, v: &SentView<'_>, f: &mut Frame) {
        let trig = f.trigger;
        let (_, ce) = self.clause(v, trig.start);
        let wi = Self::word_index(v, trig.end);
        let mut j = wi;
        // Skip the object's introducer.
        let mut np: Vec<(usize, usize)> = Vec::new();
        let mut started = false;
        while j < v.words.len() && j < wi + 12 {
            let w = v.words[j];
            if w.1 > ce {
                break;
            }
            if j > wi && self.slice(v.words[j - 1].1, w.0).contains([',', ';', '(']) {
                break;
            }
            let t = self.word_at(w).to_ascii_lowercase();
            if !started {
                if matches!(
                    t.as_str(),
                    "on" | "at"
                        | "against"
                        | "of"
                        | "the"
                        | "a"
                        | "an"
                        | "targeting"
                        | "two"
                        | "several"
                        | "its"
                        | "their"
                ) {
                    j += 1;
                    continue;
                }
                if is_weaponish(v, w) && np.is_empty() {
                    // "launched six ATACMS missiles at a facility": skip the munitions.
                    j += 1;
                    continue;
                }
                if matches!(t.as_str(), "using" | "with" | "in" | "by") {
                    break;
                }
                started = true;
            }
            if started {
                if PREPOSITIONS.contains(&t.as_str()) && t != "of"
                    || matches!(
                        t.as_str(),
                        "and"
                            | "that"
                            | "which"
                            | "was"
                            | "were"
                            | "while"
                            | "causing"
                            | "killing"
                            | "injuring"
                            | "using"
                    )
                {
                    break;
                }
                if t == "of" {
                    // "system of the Armed Forces of Ukraine": the owner decides.
                    let rest_end = v.words.get(j + 6).map_or(ce, |x| x.1).min(ce);
                    for m in v.mentions {
                        if m.start >= w.1 && m.end <= rest_end {
                            if let MentionValue::Actor(a) = &m.value {
                                if a.kind == ActorKind::ArmedForce && !self.speaks(v, m.end) {
                                    return self.set_target(
                                        f,
                                        a.name.clone(),
                                        m.span(),
                                        "forces owning the object attacked",
                                    );
                                }
                            }
                        }
                    }
                    break;
                }
                np.push(w);
            }
            j += 1;
        }
        if np.is_empty() {
            // Passive: "a Ukrainian system being destroyed".
            let pw = Self::word_index(v, trig.start);
            if pw >= 1
                && matches!(
                    self.word_at(v.words[pw - 1]).to_ascii_lowercase().as_str(),
                    "being" | "was" | "were" | "been"
                )
            {
                let mut k = pw - 1;
                while k > 0 && np.len() < 5 {
                    let w = v.words[k - 1];
                    let t = self.word_at(w).to_ascii_lowercase();
                    // "a hospital in Kharkiv was hit": the place is where, not what.
                    if matches!(t.as_str(), "in" | "at" | "near" | "of")
                        && !np.is_empty()
                        && v.mentions.iter().any(|m| {
                            m.start == np[0].0 && matches!(m.value, MentionValue::Place(_))
                        })
                    {
                        np.clear();
                        k -= 1;
                        continue;
                    }
                    if NP_STOP.contains(&t.as_str()) && !matches!(t.as_str(), "the" | "a" | "an")
                        || PREPOSITIONS.contains(&t.as_str())
                    {
                        break;
                    }
                    if matches!(t.as_str(), "the" | "a" | "an") {
                        break;
                    }
                    np.insert(0, w);
                    k -= 1;
                }
            }
        }
        if np.is_empty() {
            return;
        }
        let (a, b) = (np[0].0, np[np.len() - 1].1);
        // Forces named in the phrase.
        for m in v.mentions {
            if m.start >= a && m.end <= b {
                if let MentionValue::Actor(act) = &m.value {
                    if act.kind == ActorKind::ArmedForce && !self.speaks(v, m.end) {
                        return self.set_target(f, act.name.clone(), m.span(), "forces attacked");
                    }
                }
            }
        }
        let words: Vec<String> = np
            .iter()
            .map(|&w| self.word_at(w).to_ascii_lowercase())
            .collect();
        let military = words.iter().any(|w| MILITARY_WORDS.contains(&w.as_str()))
            || v.mentions
                .iter()
                .any(|m| m.start >= a && m.end <= b && matches!(m.value, MentionValue::Weapon(_)));
        // "army training centres", "military airfield": a facility is the target, whoever uses
        // it; the forces are the target when the phrase is about them ("Ukrainian positions").
        let facility_head = words.last().is_some_and(|w| {
            TARGET_HEADS.contains(&w.as_str()) && !MILITARY_WORDS.contains(&w.as_str())
        });
        if military && !facility_head {
            for c in v.cues {
                if c.start >= a && c.end <= b {
                    if let Some(Cue::Demonym(cc)) =
                        c.cues.iter().find(|q| matches!(q, Cue::Demonym(_)))
                    {
                        if let Some(name) = state_force(cc) {
                            return self.set_target(
                                f,
                                name.to_string(),
                                Span::new(a, b),
                                "the other side's equipment attacked",
                            );
                        }
                    }
                }
            }
        }
        // A plain noun phrase with a known head noun.
        let Some(head) = words
            .iter()
            .rposition(|w| TARGET_HEADS.contains(&w.as_str()))
        else {
            return;
        };
        if v.mentions.iter().any(|m| {
            m.start >= a
                && m.end <= np[head].1
                && matches!(
                    m.value,
                    MentionValue::Place(_) | MentionValue::Date(_) | MentionValue::Quantity(_)
                )
        }) {
            return;
        }
        let first = head.saturating_sub(3);
        let phrase: Vec<&str> = words[first..=head]
            .iter()
            .map(String::as_str)
            .filter(|w| !matches!(*w, "the" | "a" | "an"))
            .collect();
        let span = Span::new(np[first].0, np[head].1);
        self.set_target(f, phrase.join(" "), span, "object of the attack");
    }

    pub(crate) fn set_target(&self, f: &mut Frame, name: String, span: Span, rule: &str) {
        f.provenance.push(FieldSource {
            field: "target".into(),
            start: span.start,
            end: span.end,
            text: self.slice(span.start, span.end).to_string(),
            rule: rule.into(),
        });
        f.target = Some((name, span));
    }
}
