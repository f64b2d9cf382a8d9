//! Who attacked: the side named in the attack's noun phrase, the subject of the attack verb,
//! the agent after "by", the owner of the weapons downed, the party accused of it, the other
//! side of a repelled attack, "its forces"; and the sides of countries and their forces.

use crate::analysis::{lower_eq, Lower};
use crate::analysis::{Analysis, SentView};
use crate::frames::Frame;
use crate::lexicon::Cue;
use crate::places::CAPITALS;
use sitrep_model::{
    ActorKind, EventKind, Feature, FieldSource, MentionValue, Side, Span, WeaponClass,
};

pub(crate) const PREPOSITIONS: &[&str] = &[
    "of", "with", "to", "for", "by", "from", "at", "on", "in", "during", "about", "since",
    "against", "into", "over", "near", "like", "than", "via",
];

pub(crate) const NP_STOP: &[&str] = &[
    "the", "a", "an", "of", "for", "on", "in", "at", "by", "with", "from", "to", "after", "before",
    "and", "or", "that", "which", "was", "were", "is", "are", "has", "have", "had", "said", "as",
    "since", "being", "been", "be", "their", "its", "his", "her", "this", "these", "those", "what",
    "did", "does", "do", "begin", "while", "when", "new", "first", "further",
];

pub(crate) const VERB_TRIGGERS: &[&str] = &[
    "struck",
    "attacked",
    "shelled",
    "bombed",
    "hit",
    "targeted",
    "launched",
    "fired",
    "used",
    "destroyed",
    "shot down",
    "downed",
    "intercepted",
    "launches",
    "strikes",
    "attacks",
    "hits",
    "bombard",
    "bombarded",
    "bombarding",
    "targeting",
    "fires at",
    "launch",
    "blew up",
];

/// The main armed forces of a state, by ISO code, as attackers are named.
pub fn state_force(cc: &str) -> Option<&'static str> {
    Some(match cc {
        "UA" => "Armed Forces of Ukraine",
        "RU" => "Russian Armed Forces",
        "BY" => "Armed Forces of Belarus",
        "IL" => "Israel Defense Forces",
        "US" => "United States Armed Forces",
        "IR" => "Islamic Revolutionary Guard Corps",
        _ => return None,
    })
}

/// The side of the war a country's actors belong to.
pub fn side_of_country(cc: &str) -> Option<Side> {
    Some(match cc {
        "UA" => Side::Ukraine,
        "RU" | "BY" => Side::Russia,
        "US" | "GB" | "FR" | "DE" | "PL" | "IT" | "CA" | "NL" | "LT" | "LV" | "EE" | "DK"
        | "NO" | "SE" | "FI" | "CZ" | "RO" => Side::West,
        _ => return None,
    })
}

/// A munition noun or a weapon of attack at word `w`.
pub(crate) fn is_munition(v: &SentView<'_>, w: (usize, usize)) -> bool {
    v.mentions.iter().any(|m| {
        m.start <= w.0
            && m.end >= w.1
            && matches!(&m.value, MentionValue::Weapon(x) if x.class != WeaponClass::AirDefence)
    }) || v
        .cues
        .iter()
        .any(|c| c.start <= w.0 && c.end >= w.1 && c.has(|q| *q == Cue::Munition))
}

pub(crate) fn is_weaponish(v: &SentView<'_>, w: (usize, usize)) -> bool {
    v.mentions.iter().any(|m| {
        m.start <= w.0
            && m.end >= w.1
            && matches!(m.value, MentionValue::Weapon(_) | MentionValue::Quantity(_))
    }) || v
        .cues
        .iter()
        .any(|c| c.start <= w.0 && c.end >= w.1 && c.has(|q| *q == Cue::Munition))
}

impl<'a> Analysis<'a> {
    /// The side named by an actor, a country or capital place, or a demonym at `span`.
    pub(crate) fn side_at(
        &self,
        v: &SentView<'_>,
        start: usize,
        end: usize,
    ) -> Option<(String, Option<Side>, Span)> {
        for m in v.mentions {
            if m.start < start || m.end > end {
                continue;
            }
            match &m.value {
                MentionValue::Actor(a) => {
                    let name = match a.kind {
                        ActorKind::ArmedForce | ActorKind::Group => a.name.clone(),
                        _ => a
                            .country
                            .as_deref()
                            .and_then(state_force)
                            .map_or_else(|| a.name.clone(), str::to_string),
                    };
                    let side = a
                        .side
                        .or_else(|| a.country.as_deref().and_then(side_of_country));
                    return Some((name, side, m.span()));
                }
                MentionValue::Place(p) => {
                    let cc = if p.feature == Feature::Country {
                        p.country.clone()
                    } else {
                        CAPITALS
                            .iter()
                            .find(|(n, _)| lower_eq(n, &p.name))
                            .map(|(_, c)| c.to_string())
                    };
                    if let Some(cc) = cc {
                        if let Some(name) = state_force(&cc) {
                            return Some((name.to_string(), side_of_country(&cc), m.span()));
                        }
                    }
                }
                _ => {}
            }
        }
        for c in v.cues {
            if c.start >= start && c.end <= end {
                for q in &c.cues {
                    if let Cue::Demonym(cc) = q {
                        if let Some(name) = state_force(cc) {
                            return Some((
                                name.to_string(),
                                side_of_country(cc),
                                Span::new(c.start, c.end),
                            ));
                        }
                    }
                }
            }
        }
        None
    }

    /// The attacker by the first of the frame's triggers that names one.
    pub(crate) fn fill_attacker_any(&self, v: &SentView<'_>, f: &mut Frame) {
        let main = f.trigger;
        for t in f.triggers.clone() {
            f.trigger = t;
            self.fill_attacker(v, f);
            if f.attacker.is_some() {
                break;
            }
        }
        f.trigger = main;
        if f.attacker.is_none() {
            f.enemy = self.names_the_enemy(v, f);
        }
    }

    /// "the enemy's infantry advanced", "the enemy shelled": an attacker named from the
    /// speaker's side, resolved once the claims are known.
    fn names_the_enemy(&self, v: &SentView<'_>, f: &Frame) -> bool {
        let (cs, ce) = self.clause(v, f.trigger.start);
        v.words.iter().any(|&w| {
            w.0 >= cs && w.1 <= ce && {
                let t = self.word_at(w).to_ascii_lowercase();
                t == "enemy" || t == "enemy's" || t == "enemy\u{2019}s"
            }
        })
    }

    pub(crate) fn fill_attacker(&self, v: &SentView<'_>, f: &mut Frame) {
        let trig = f.trigger;
        let wi = Self::word_index(v, trig.start);
        let (cs, ce) = self.clause(v, trig.start);
        // 0. The agent of a passive right after the trigger: "drones launched by Russia".
        if let Some(a) = self.agent_after(v, wi, ce, 2) {
            return self.set_attacker(f, a, "agent after \"by\"");
        }
        // "Russia accused Ukraine of attacking targets": the accused is the attacker named.
        if let Some(a) = self.accused_of(v, wi) {
            return self.set_attacker(f, a, "party accused of the attack");
        }
        // "Ukrainian forces repelled a Russian attack": the subject defends; the attacker is
        // named in the object or is the other side.
        if let Some(a) = self.repelled(v, f, wi, (cs, ce)) {
            return self.set_attacker(f, a, "side whose attack was repelled");
        }
        // "its forces carried out a massive strike": the forces of the speaker named before.
        if let Some(a) = self.own_forces(v, wi) {
            return self.set_attacker(f, a, "forces of the actor named before \"its\"");
        }
        // An interception's attacker is whoever launched the weapons downed ("nine Ukrainian
        // drones"), never the air defence that downed them.
        if f.kind == EventKind::Interception {
            if let Some(a) = self.owner_of_munitions(v, (cs, ce)) {
                return self.set_attacker(f, a, "side whose weapons were downed");
            }
            return;
        }
        // 1. Inside the noun phrase: "Russian missile strike", "Ukraine's drone strikes".
        let mut k = wi;
        let mut steps = 0;
        while k > 0 && steps < 5 {
            let w = v.words[k - 1];
            if w.0 < cs {
                break;
            }
            let t = self.word_at(w).to_ascii_lowercase();
            let gap = self.slice(w.1, v.words[k].0);
            if gap.contains([',', ';', ':', '(', ')', '\u{2013}', '\u{2014}'])
                || NP_STOP.contains(&t.as_str())
                || PREPOSITIONS.contains(&t.as_str())
            {
                break;
            }
            if self.defends(v, w.1) {
                break;
            }
            if let Some(a) = self.side_at(v, w.0, w.1.max(w.0)) {
                return self.set_attacker(f, a, "side named in the attack's noun phrase");
            }
            // A mention that spans several words ("Armed Forces of Ukraine") ends here.
            if let Some(m) = v.mentions.iter().find(|m| m.end == w.1 && m.start < w.0) {
                if let Some(a) = self.side_at(v, m.start, m.end) {
                    return self.set_attacker(f, a, "side named in the attack's noun phrase");
                }
            }
            k -= 1;
            steps += 1;
        }
        // 2. The subject of an active attack verb.
        let trig_word = self.slice(trig.start, trig.end).to_ascii_lowercase();
        // "the strikes" is a noun; "Russia strikes Kyiv" a verb.
        let after_determiner = wi > 0
            && matches!(
                self.word_at(v.words[wi - 1]).to_ascii_lowercase().as_str(),
                "the" | "a" | "an" | "these" | "those" | "its" | "their" | "his" | "her" | "this"
            );
        let is_verb = VERB_TRIGGERS.contains(&trig_word.as_str()) && !after_determiner;
        let passive = (1..=2).any(|j| {
            wi >= j
                && matches!(
                    self.word_at(v.words[wi - j]).to_ascii_lowercase().as_str(),
                    "was" | "were" | "been" | "being" | "is" | "are" | "get" | "got"
                )
        });
        // A noun trigger after a light verb: "launched a missile strike", "carried out
        // strikes". The light verb then plays the attack verb's part.
        let light_verb = if is_verb || passive {
            None
        } else {
            (1..=4)
                .filter(|&j| wi >= j)
                .map(|j| v.words[wi - j])
                .find(|&w| {
                    matches!(
                        self.word_at(w).to_ascii_lowercase().as_str(),
                        "launched"
                            | "launch"
                            | "launches"
                            | "launching"
                            | "carried"
                            | "carry"
                            | "carries"
                            | "conducted"
                            | "conduct"
                            | "conducts"
                            | "mounted"
                            | "staged"
                            | "delivered"
                            | "made"
                    )
                })
        };
        let verb_start = light_verb.map_or(trig.start, |w| w.0);
        if (is_verb || light_verb.is_some()) && !passive {
            let clause_start = self.subject_clause_start(v, verb_start).max(cs);
            // Nearest eligible side-naming mention before the verb.
            let mut cands: Vec<(usize, usize)> = Vec::new();
            for m in v.mentions {
                if m.start >= clause_start && m.end <= verb_start {
                    cands.push((m.start, m.end));
                }
            }
            for c in v.cues {
                if c.start >= clause_start
                    && c.end <= verb_start
                    && c.has(|q| matches!(q, Cue::Demonym(_)))
                {
                    cands.push((c.start, c.end));
                }
            }
            cands.sort();
            for &(a, b) in cands.iter().rev() {
                let mwi = Self::word_index(v, a);
                let prev = if mwi > 0 {
                    self.word_at(v.words[mwi - 1]).to_ascii_lowercase()
                } else {
                    String::new()
                };
                let possessive = self.slice(a, b).ends_with("'s")
                    || self.slice(a, b).ends_with("\u{2019}s")
                    || self
                        .slice(b, (b + 3).min(self.text.len()))
                        .starts_with("'s");
                if PREPOSITIONS.contains(&prev.as_str())
                    || possessive
                    || self.defends(v, b)
                    || self.speaks(v, b)
                {
                    continue;
                }
                let acts = v.mentions.iter().any(|m| {
                    m.start >= a
                        && m.end <= b
                        && match &m.value {
                            MentionValue::Actor(x) => matches!(
                                x.kind,
                                ActorKind::ArmedForce | ActorKind::State | ActorKind::Group
                            ),
                            MentionValue::Place(_) => true,
                            _ => false,
                        }
                }) || v
                    .cues
                    .iter()
                    .any(|c| c.start == a && c.has(|q| matches!(q, Cue::Demonym(_))));
                if !acts {
                    continue;
                }
                if let Some(att) = self.side_at(v, a, b) {
                    return self.set_attacker(f, att, "subject of the attack verb");
                }
            }
            // A pronoun subject right before the verb: "It has destroyed".
            for j in 1..=3 {
                if wi < j {
                    break;
                }
                let w = v.words[wi - j];
                let t = self.word_at(w).to_ascii_lowercase();
                if t == "it" || t == "they" {
                    let prior = v.mentions.iter().rev().filter(|m| m.end <= w.0).find_map(|m| self.side_at(v, m.start, m.end).filter(|_| {
                        matches!(&m.value, MentionValue::Place(p) if p.feature == Feature::Country)
                            || matches!(&m.value, MentionValue::Actor(a) if matches!(a.kind, ActorKind::State | ActorKind::ArmedForce))
                    }));
                    if let Some(att) = prior {
                        return self.set_attacker(f, att, "pronoun subject of the attack verb");
                    }
                    break;
                }
            }
        }
        // 3. "by Russian forces" a little after the trigger.
        if let Some(a) = self.agent_after(v, wi, ce, 6) {
            self.set_attacker(f, a, "agent after \"by\"");
        }
    }

    /// For a defending verb ("repelled", "repulsed", "stopped", "thwarted"), the attacker: a
    /// side named in its object, else the other side of its subject.
    fn repelled(
        &self,
        v: &SentView<'_>,
        f: &Frame,
        wi: usize,
        clause: (usize, usize),
    ) -> Option<(String, Option<Side>, Span)> {
        let defending = |w: (usize, usize)| {
            matches!(
                self.word_at(w).to_ascii_lowercase().as_str(),
                "repelled"
                    | "repulsed"
                    | "stopped"
                    | "thwarted"
                    | "halted"
                    | "foiled"
                    | "fended"
                    | "repel"
                    | "repulse"
                    | "stop"
            )
        };
        // The defending verb is the trigger or stands just before it ("stopped a Russian push").
        let verb = (0..=3)
            .filter_map(|k| wi.checked_sub(k))
            .find(|&i| v.words[i].0 >= clause.0 && defending(v.words[i]))?;
        let after_end = v
            .words
            .get(verb + 5)
            .map_or(clause.1, |w| w.1)
            .min(clause.1);
        let object = self.side_at(v, v.words[verb].1, after_end);
        if let Some(o) = object {
            return Some(o);
        }
        let _ = f;
        let subject = self.side_at(v, clause.0, v.words[verb].0)?;
        match subject.1 {
            Some(Side::Ukraine) => Some((
                "Russian Armed Forces".to_string(),
                Some(Side::Russia),
                subject.2,
            )),
            Some(Side::Russia) => Some((
                "Armed Forces of Ukraine".to_string(),
                Some(Side::Ukraine),
                subject.2,
            )),
            _ => None,
        }
    }

    /// "its forces", "their troops" before the trigger: the forces of the actor named before.
    fn own_forces(&self, v: &SentView<'_>, wi: usize) -> Option<(String, Option<Side>, Span)> {
        let lw = |i: usize| self.word_at(v.words[i]).to_ascii_lowercase();
        let pos = (1..=6).filter_map(|k| wi.checked_sub(k)).find(|&i| {
            matches!(lw(i).as_str(), "its" | "their")
                && v.words.get(i + 1).is_some_and(|_| {
                    matches!(
                        lw(i + 1).as_str(),
                        "forces"
                            | "troops"
                            | "army"
                            | "military"
                            | "units"
                            | "aviation"
                            | "drones"
                            | "missiles"
                    )
                })
        })?;
        let before = v.words[pos].0;
        v.mentions
            .iter()
            .rev()
            .filter(|m| m.end <= before)
            .find_map(|m| match &m.value {
                MentionValue::Actor(_) => self.side_at(v, m.start, m.end),
                MentionValue::Place(p) if p.feature == Feature::Country => {
                    self.side_at(v, m.start, m.end)
                }
                _ => None,
            })
    }

    /// The party accused in "X accused Y of <trigger>", "blamed Y for".
    fn accused_of(&self, v: &SentView<'_>, wi: usize) -> Option<(String, Option<Side>, Span)> {
        let lw = |i: usize| self.word_at(v.words[i]).to_ascii_lowercase();
        let of = (1..=3)
            .filter_map(|k| wi.checked_sub(k))
            .find(|&i| matches!(lw(i).as_str(), "of" | "for"))?;
        let cue = (1..=6).filter_map(|k| of.checked_sub(k)).find(|&i| {
            matches!(
                lw(i).as_str(),
                "accused" | "accuses" | "accusing" | "blamed" | "blames" | "blaming"
            )
        })?;
        let (a, b) = (v.words[cue].1, v.words[of].0);
        v.mentions
            .iter()
            .filter(|m| m.start >= a && m.end <= b)
            .find_map(|m| self.side_at(v, m.start, m.end))
    }

    /// The side named after "by" within `reach` words after word `wi`: "fired by Russian
    /// forces", "launched by Russia".
    fn agent_after(
        &self,
        v: &SentView<'_>,
        wi: usize,
        clause_end: usize,
        reach: usize,
    ) -> Option<(String, Option<Side>, Span)> {
        let hi = v
            .words
            .get(wi + reach)
            .map_or(clause_end, |w| w.1)
            .min(clause_end);
        for j in wi..v.words.len() {
            let w = v.words[j];
            if w.1 > hi {
                break;
            }
            if !self.word_at(w).eq_ignore_ascii_case("by") {
                continue;
            }
            let nxt_end = v
                .words
                .get(j + 4)
                .map_or(clause_end, |x| x.1)
                .min(clause_end);
            for m in v.mentions {
                if m.start < w.1 || m.end > nxt_end || self.speaks(v, m.end) {
                    continue;
                }
                let agent = match &m.value {
                    MentionValue::Actor(a) => matches!(
                        a.kind,
                        ActorKind::ArmedForce | ActorKind::State | ActorKind::Group
                    ),
                    MentionValue::Place(p) => p.feature == Feature::Country,
                    _ => false,
                };
                if agent {
                    if let Some(att) = self.side_at(v, m.start, m.end) {
                        return Some(att);
                    }
                }
            }
            for c in v.cues {
                if c.start >= w.1 && c.end <= nxt_end && c.has(|q| matches!(q, Cue::Demonym(_))) {
                    return self.side_at(v, c.start, c.end);
                }
            }
        }
        None
    }

    /// The side that owns the munitions of a clause: a demonym or side right before them
    /// ("nine Ukrainian drones", "Russia's missiles").
    fn owner_of_munitions(
        &self,
        v: &SentView<'_>,
        clause: (usize, usize),
    ) -> Option<(String, Option<Side>, Span)> {
        for (k, &w) in v.words.iter().enumerate() {
            if w.0 < clause.0 || w.1 > clause.1 || !is_munition(v, w) {
                continue;
            }
            for back in 1..=2 {
                let Some(&p) = k.checked_sub(back).and_then(|i| v.words.get(i)) else {
                    break;
                };
                if p.0 < clause.0 || self.defends(v, p.1) {
                    break;
                }
                if let Some(a) = self.side_at(v, p.0, p.1) {
                    return Some(a);
                }
            }
        }
        None
    }

    /// The words right after `end` name an air defence: "Ukrainian air defence", "Russian air
    /// defences shot down". Its side defends; it does not attack.
    pub(crate) fn defends(&self, v: &SentView<'_>, end: usize) -> bool {
        let rest = self.slice(end, (end + 24).min(v.s.end)).trim_start();
        let starts = |p: &str| {
            rest.get(..p.len())
                .is_some_and(|x| x.eq_ignore_ascii_case(p))
        };
        starts("air defen")
            || starts("air force")
            || starts("anti-aircraft") || v.mentions.iter().any(|m| {
            m.start >= end
                && self.slice(end, m.start).trim().is_empty()
                && matches!(&m.value, MentionValue::Weapon(w) if w.class == WeaponClass::AirDefence)
        })
    }

    /// The words right after `end` are a speech verb: the mention before them is a source,
    /// never the attacker or the target ("the Air Force said", "the governor did not say").
    pub(crate) fn speaks(&self, v: &SentView<'_>, end: usize) -> bool {
        let wi = Self::word_index(v, end);
        let mut k = wi;
        while let Some(&w) = v.words.get(k) {
            let t = Lower::of(self.word_at(w));
            if matches!(
                t.as_str(),
                "also"
                    | "has"
                    | "have"
                    | "had"
                    | "later"
                    | "separately"
                    | "earlier"
                    | "did"
                    | "does"
                    | "not"
                    | "then"
                    | "officially"
            ) && k < wi + 3
            {
                k += 1;
                continue;
            }
            return v.cues.iter().any(|c| {
                c.start == w.0 && c.has(|q| matches!(q, Cue::Source(_) | Cue::According))
            }) || matches!(t.as_str(), "say" | "says" | "said" | "told" | "tell");
        }
        false
    }

    /// Where the subject of a verb at `pos` can start: after the last "that", colon or quote.
    pub(crate) fn subject_clause_start(&self, v: &SentView<'_>, pos: usize) -> usize {
        let t = self.slice(v.s.start, pos);
        let mut start = v.s.start;
        for (k, _) in t.char_indices() {
            let r = &t[k..];
            if r.starts_with(" that ") {
                start = v.s.start + k + 6;
            } else if r.starts_with('\u{201C}') || r.starts_with(": ") {
                start = v.s.start + k + 1;
            } else if r.starts_with(", ") {
                // A fronted adverbial ("On the night of November 19, the AFU struck") keeps the
                // subject after the comma only when no actor preceded it.
                let before = &v.mentions.iter().any(|m| {
                    m.start >= start
                        && m.end <= v.s.start + k
                        && matches!(m.value, MentionValue::Actor(_))
                });
                if !before {
                    start = v.s.start + k + 2;
                }
            }
        }
        start
    }

    pub(crate) fn set_attacker(&self, f: &mut Frame, a: (String, Option<Side>, Span), rule: &str) {
        f.provenance.push(FieldSource {
            field: "attacker".into(),
            start: a.2.start,
            end: a.2.end,
            text: self.slice(a.2.start, a.2.end).to_string(),
            rule: rule.into(),
        });
        f.attacker = Some(a);
    }
}
