//! Event frames: what one sentence says happened, before frames are merged into events.
//!
//! [`Analysis::frames`] walks the sentences once and returns one [`Frame`] per reported
//! happening. The trigger words of a sentence decide the frames and their kinds (here); each
//! field is then read by its own module: [`crate::places`], [`crate::dates`],
//! [`crate::actors`], [`crate::weapons`], [`crate::counts`] and [`crate::claims`]. Claims are
//! resolved in the same walk because a source named in one sentence is referred to in the next
//! ("the ministry").

use crate::analysis::{Analysis, SentView};
use crate::lexicon::{Cue, CueHit, SourceCue, Strength};
use sitrep_model::{
    ActorKind, Claim, Counts, EventDate, EventKind, Feature, FieldSource, MentionValue, Place,
    Side, Span, Stance, WeaponClass,
};

/// A claim with what the status rules need to know about its source.
#[derive(Debug, Clone)]
pub struct ClaimInfo {
    pub claim: Claim,
    pub side: Option<Side>,
    pub kind: ActorKind,
    pub country: Option<String>,
    /// Says who is responsible, not whether it happened.
    pub blame: bool,
    /// The verb was "confirm".
    pub confirm: bool,
}

/// How a frame's date was found; higher is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateQuality {
    /// The document's time of reporting, for present-tense reports.
    Now = 1,
    /// The day a source spoke ("the Air Force said on Sunday"): the event happened on or
    /// before it.
    Statement = 2,
    /// A date earlier in the same paragraph.
    Paragraph = 3,
    /// A date in the frame's own sentence.
    Sentence = 4,
}

/// One happening as one sentence reports it.
#[derive(Debug, Clone)]
pub struct Frame {
    pub kind: EventKind,
    /// 3: named by a compound trigger; 2: kind read from the weapon; 1: generic.
    pub strength: u8,
    pub trigger: Span,
    /// Every trigger of the happening in its sentence, the chosen one first: "Russia hit
    /// Kyiv with cruise missile strikes" has "strikes" and "hit".
    pub triggers: Vec<Span>,
    /// The attacker is named "the enemy": whose enemy depends on who speaks.
    pub enemy: bool,
    pub sent: usize,
    pub para: usize,
    pub heading: bool,
    pub sentence: Span,
    pub place: Option<(Place, Span, String)>,
    pub date: Option<(EventDate, DateQuality)>,
    pub attacker: Option<(String, Option<Side>, Span)>,
    pub target: Option<(String, Span)>,
    pub weapons: Vec<FrameWeapon>,
    pub counts: Counts,
    pub claims: Vec<ClaimInfo>,
    pub unverified: bool,
    /// The sentence hedges what it reports ("reportedly", "allegedly", "speculation").
    pub hedged: bool,
    pub agreed: bool,
    /// A reference to an attack made inside a statement about something else (the cause
    /// of a threatened retaliation): it names the event but the speaker does not assert it.
    pub background: bool,
    /// Written with a definite article or demonstrative ("the strike").
    pub definite: bool,
    pub provenance: Vec<FieldSource>,
}

/// A weapon a frame names.
#[derive(Debug, Clone)]
pub struct FrameWeapon {
    /// Canonical name from the catalogue.
    pub name: String,
    /// A class word ("missiles") rather than a named system.
    pub generic: bool,
    pub class: WeaponClass,
    pub span: Span,
    /// The weapon is what was hit ("destroyed a HIMARS launcher"), not the means.
    pub target: bool,
}

impl Frame {
    /// Has a place, or a date of its own sentence: enough to stand as a separate happening.
    /// A date inherited from earlier in the paragraph does not anchor a frame.
    pub fn anchored(&self) -> bool {
        self.place.is_some()
            || self
                .date
                .as_ref()
                .is_some_and(|d| d.1 == DateQuality::Sentence)
    }
}

/// Family of a kind, for grouping: violent, alert, political.
pub fn family(k: EventKind) -> u8 {
    if k.is_violent() {
        0
    } else if matches!(k, EventKind::AirAlert | EventKind::SecurityAlert) {
        1
    } else {
        2
    }
}

/// How strongly a kind describes what happened, for choosing one kind among the triggers of
/// one happening: an attack of a named means, then an attack of unstated means, then the
/// interception of the attack's weapons (an attack and the interception of its weapons are one
/// event, the attack), then explosions of unstated cause. Ties go to the stronger trigger.
pub fn rank_kind(k: EventKind, strength: u8) -> (u8, u8) {
    let class = match k {
        EventKind::Explosion => 0,
        EventKind::Interception => 1,
        EventKind::Strike => 2,
        _ => 3,
    };
    (class, strength)
}

/// Claim stance for a source cue.
pub fn stance_of(c: SourceCue) -> Stance {
    match c {
        SourceCue::Says | SourceCue::Confirms => Stance::Asserts,
        SourceCue::Blames => Stance::Alleges,
        SourceCue::Denies => Stance::Denies,
        SourceCue::NotConfirmed => Stance::NotConfirmed,
    }
}

impl<'a> Analysis<'a> {
    /// Every frame of the document, in text order.
    pub fn frames(&self) -> Vec<Frame> {
        let mut out: Vec<Frame> = Vec::new();
        let mut state = crate::claims::ClaimState::default();
        for i in 0..self.sents.len() {
            let v = self.view(i);
            let first = out.len();
            self.sentence_frames(&v, &mut out);
            crate::claims::attribute(self, &v, &mut out, first, &mut state);
            self.sentence_counts(&v, &mut out, first);
        }
        // "The claims could not be independently verified", standing alone, speaks of the
        // whole report.
        let whole_report_unverified = (0..self.sents.len()).any(|i| {
            self.sentence_has_cue(i, |q| *q == Cue::Unverified) && !out.iter().any(|f| f.sent == i)
        });
        if whole_report_unverified {
            for f in out.iter_mut().filter(|f| f.kind.is_violent()) {
                f.unverified = true;
            }
        }
        out
    }

    pub(crate) fn sentence_frames(&self, v: &SentView<'_>, out: &mut Vec<Frame>) {
        let s = v.s;
        let has_aid = v
            .cues
            .iter()
            .position(|c| c.has(|q| *q == Cue::Trigger(EventKind::Aid, Strength::Specific)));
        let unverified = v.cues.iter().any(|c| c.has(|q| *q == Cue::Unverified));
        let hedged = v.cues.iter().any(|c| c.has(|q| *q == Cue::Hedge));
        let agreed = v.cues.iter().any(|c| c.has(|q| *q == Cue::Agreed));
        // Violent triggers, with the modality check; modal ones become threats.
        let mut violent: Vec<(usize, EventKind, u8)> = Vec::new();
        let mut political: Vec<(usize, EventKind)> = Vec::new();
        let mut alerts: Vec<(usize, EventKind)> = Vec::new();
        for (ci, c) in v.cues.iter().enumerate() {
            for q in &c.cues {
                let (kind, strength) = match *q {
                    // "destroyed 20 drones", "missiles were destroyed": air defence at work.
                    Cue::Trigger(EventKind::Strike, _) if self.downs_munitions(v, c) => {
                        (EventKind::Interception, 3)
                    }
                    Cue::Trigger(k, st) => (k, st as u8),
                    Cue::WeaponVerb => {
                        if !self.weapon_near(v, c) {
                            continue;
                        }
                        (EventKind::Strike, 1)
                    }
                    _ => continue,
                };
                if kind.is_violent() {
                    if strength == 1 && !self.generic_ok(v, c) {
                        continue;
                    }
                    if self.not_a_happening(v, c) {
                        continue;
                    }
                    if has_aid.is_some_and(|a| a < ci) {
                        continue; // the attack an authorisation permits
                    }
                    let dated = self.date_before(v, c.start, 4);
                    if s.question && !dated {
                        continue;
                    }
                    if self.modal_before(v, c) && !dated {
                        if !s.question {
                            political.push((ci, EventKind::Threat));
                        }
                        continue;
                    }
                    violent.push((ci, kind, strength));
                } else if matches!(kind, EventKind::AirAlert | EventKind::SecurityAlert) {
                    if !s.question {
                        alerts.push((ci, kind));
                    }
                } else if !s.question {
                    political.push((ci, kind));
                }
                break;
            }
        }
        let threat_sentence = political.iter().any(|p| p.1 == EventKind::Threat);
        // "Two men were killed and one more injured in Kharkiv province": people killed or
        // hurt at a place report a violent event even when the attack is not named.
        let casualty_frame = if violent.is_empty() && political.is_empty() {
            self.casualty_report(v)
        } else {
            None
        };

        // Violent frames: triggers grouped by the place of their clause.
        let mut groups: Vec<Frame> = Vec::new();
        if let Some((trigger, place)) = casualty_frame {
            let mut f = self.new_frame(v, EventKind::Strike, 1, trigger);
            f.place = Some(place);
            f.provenance[0].rule = "casualties at a place".into();
            groups.push(f);
        }
        for &(ci, kind, strength) in &violent {
            let c = &v.cues[ci];
            let clause = self.clause(v, c.start);
            let place = self
                .best_place(v, clause, c.start)
                .or_else(|| self.best_place(v, (s.start, c.start), c.start));
            let same = groups.iter_mut().position(|g| match (&g.place, &place) {
                (Some(a), Some(b)) => a.0.id == b.0.id,
                _ => true,
            });
            let trig = Span::new(c.start, c.end);
            match same {
                Some(gi) => {
                    let g = &mut groups[gi];
                    let better = rank_kind(kind, strength) > rank_kind(g.kind, g.strength);
                    if better {
                        g.kind = kind;
                        g.strength = strength;
                        g.trigger = trig;
                        g.triggers.insert(0, trig);
                    } else {
                        g.triggers.push(trig);
                    }
                    if g.place.is_none() {
                        g.place = place;
                    }
                }
                None => {
                    let mut f = self.new_frame(v, kind, strength, trig);
                    f.place = place;
                    groups.push(f);
                }
            }
        }
        // One event per place: a trigger whose clause lists several places ("struck training
        // centres in the regions of Chernihiv, Zhytomyr and Lviv") reports an attack on each.
        let mut extra: Vec<Frame> = Vec::new();
        for g in groups.iter_mut() {
            // Weapons downed over several regions are one interception, counted once, and
            // no single one of the regions is its place.
            if g.kind == EventKind::Interception && g.place.is_some() {
                let clause = self.clause(v, g.trigger.start);
                let places = self.scene_places(v, clause);
                let distinct = places
                    .iter()
                    .any(|(_, q)| places.iter().any(|(_, r)| !crate::places::same_scene(q, r)));
                if distinct {
                    g.place = None;
                }
            }
        }
        // A salvo counted as a whole ("launched 68 drones ..., targeting Lviv and Volyn") is
        // one event, whatever the places it aimed at.
        let salvo = || {
            v.mentions.iter().any(|m| {
                matches!(m.value, MentionValue::Quantity(_))
                    && matches!(
                        self.count_role(v, m),
                        Some(
                            crate::counts::CountRole::Launched
                                | crate::counts::CountRole::Intercepted
                        )
                    )
            })
        };
        let mut is_salvo: Option<bool> = None;
        for g in &groups {
            let Some((p, _, _)) = &g.place else { continue };
            if p.feature == Feature::Country || g.kind == EventKind::Interception {
                continue;
            }
            let clause = self.clause(v, g.trigger.start);
            for (m, q) in self.scene_places(v, clause) {
                let known = groups.iter().chain(extra.iter()).any(|h| {
                    h.place
                        .as_ref()
                        .is_some_and(|(hp, _, _)| crate::places::same_scene(hp, q))
                });
                if !known && !*is_salvo.get_or_insert_with(salvo) {
                    let mut f = g.clone();
                    f.place = Some((q.clone(), m.span(), m.text.clone()));
                    extra.push(f);
                }
            }
        }
        groups.extend(extra);
        let single = groups.len() == 1;
        for mut f in groups {
            let clause = if single {
                (s.start, s.end)
            } else {
                self.clause(v, f.trigger.start)
            };
            self.fill_weapons(v, &mut f, clause);
            self.refine_kind(v, &mut f, clause);
            self.fill_attacker_any(v, &mut f);
            self.fill_target(v, &mut f);
            self.attacker_from_target(v, &mut f);
            self.fill_date(v, &mut f);
            self.fill_place_prov(&mut f);
            f.unverified = unverified;
            f.hedged = hedged;
            f.background = threat_sentence;
            f.definite = self.definite(v, f.trigger.start);
            out.push(f);
        }
        if let Some(&(ci, kind)) = alerts.first() {
            let c = &v.cues[ci];
            let mut f = self.new_frame(v, kind, 3, Span::new(c.start, c.end));
            f.place = self.best_place(v, (s.start, s.end), c.start);
            self.fill_date(v, &mut f);
            self.fill_place_prov(&mut f);
            out.push(f);
        }
        // An attack sentence's mention of evacuations or speeches describes the attack's
        // circumstances ("a train station used for evacuations"), not a happening of its own.
        if !violent.is_empty() {
            political.retain(|p| {
                !matches!(
                    p.1,
                    EventKind::Humanitarian | EventKind::Statement | EventKind::Deployment
                )
            });
        }
        if !political.is_empty() {
            let order = [
                EventKind::Humanitarian,
                EventKind::Aid,
                EventKind::Deployment,
                EventKind::Threat,
                EventKind::Diplomacy,
                EventKind::Statement,
            ];
            let &(ci, kind) = order
                .iter()
                .find_map(|k| political.iter().find(|p| p.1 == *k))
                .unwrap_or(&political[0]);
            let c = &v.cues[ci];
            let mut f = self.new_frame(v, kind, 3, Span::new(c.start, c.end));
            if matches!(kind, EventKind::Humanitarian | EventKind::Statement) {
                f.place = self.best_place(v, (s.start, s.end), c.start);
            }
            if kind == EventKind::Aid {
                self.fill_weapons(v, &mut f, (s.start, s.end));
            }
            f.agreed = agreed && kind == EventKind::Diplomacy;
            self.fill_date(v, &mut f);
            self.fill_place_prov(&mut f);
            out.push(f);
        }
    }

    pub(crate) fn new_frame(
        &self,
        v: &SentView<'_>,
        kind: EventKind,
        strength: u8,
        trigger: Span,
    ) -> Frame {
        Frame {
            triggers: vec![trigger],
            enemy: false,
            kind,
            strength,
            trigger,
            sent: v.idx,
            para: v.s.para,
            heading: v.s.heading,
            sentence: Span::new(v.s.start, v.s.end),
            place: None,
            date: None,
            attacker: None,
            target: None,
            weapons: Vec::new(),
            counts: Counts::default(),
            claims: Vec::new(),
            unverified: false,
            hedged: false,
            agreed: false,
            background: false,
            definite: false,
            provenance: vec![FieldSource {
                field: "kind".into(),
                start: trigger.start,
                end: trigger.end,
                text: self.slice(trigger.start, trigger.end).to_string(),
                rule: "trigger word".into(),
            }],
        }
    }

    pub(crate) fn weapon_near(&self, v: &SentView<'_>, c: &CueHit) -> bool {
        let wi = Self::word_index(v, c.start);
        let lo = v.words.get(wi.saturating_sub(3)).map_or(v.s.start, |w| w.0);
        let hi = v.words.get(wi + 9).map_or(v.s.end, |w| w.1);
        v.mentions.iter().any(|m| {
            matches!(&m.value, MentionValue::Weapon(w) if !matches!(w.class, WeaponClass::AirDefence))
                && m.start >= lo
                && m.end <= hi
        }) || v.cues.iter().any(|h| h.start >= lo && h.end <= hi && h.has(|q| *q == Cue::Munition))
    }

    /// A destruction verb whose object (or passive subject) is a flying munition: "destroyed
    /// 20 drones", "the destruction of 12 missiles", "two drones were destroyed".
    pub(crate) fn downs_munitions(&self, v: &SentView<'_>, c: &CueHit) -> bool {
        let verb = self.slice(c.start, c.end).to_ascii_lowercase();
        if !matches!(verb.as_str(), "destroyed" | "destruction") {
            return false;
        }
        let wi = Self::word_index(v, c.start);
        let flying = |w: (usize, usize)| {
            v.cues.iter().any(|h| {
                h.start <= w.0 && h.end >= w.1 && h.has(|q| *q == Cue::Munition) && {
                    let t = self.slice(h.start, h.end).to_ascii_lowercase();
                    !t.starts_with("shell") && !t.starts_with("bomb")
                }
            }) || v.mentions.iter().any(|m| {
                m.start <= w.0
                    && m.end >= w.1
                    && matches!(&m.value, MentionValue::Weapon(x) if matches!(
                        crate::weapons::kind_of_class(x.class),
                        Some(EventKind::MissileStrike | EventKind::DroneStrike)
                    ))
            })
        };
        let passive = wi >= 1
            && matches!(
                self.word_at(v.words[wi - 1]).to_ascii_lowercase().as_str(),
                "were" | "was" | "been" | "being"
            );
        if verb == "destroyed" && passive {
            return (2..=5)
                .filter_map(|k| wi.checked_sub(k))
                .any(|k| flying(v.words[k]));
        }
        (1..=4)
            .filter_map(|k| v.words.get(wi + k))
            .take_while(|w| {
                !self
                    .slice(v.s.start.max(w.0.saturating_sub(2)), w.0)
                    .contains(',')
            })
            .any(|&w| flying(w))
    }

    /// The casualty word and the place of a sentence that reports people killed or injured
    /// at a place without naming the attack. Tallies ("since February", "in total", "so far")
    /// are not events.
    fn casualty_report(&self, v: &SentView<'_>) -> Option<(Span, (Place, Span, String))> {
        let cue = v
            .cues
            .iter()
            .find(|c| c.has(|q| matches!(q, Cue::Casualty(_))))?;
        let lower = self.slice(v.s.start, v.s.end).to_ascii_lowercase();
        if [
            "since ",
            "in total",
            "so far",
            "to date",
            "total of",
            "overall",
            "throughout",
            "in the war",
            "of the war",
        ]
        .iter()
        .any(|w| lower.contains(w))
        {
            return None;
        }
        let quantities: Vec<(Span, sitrep_model::Count)> = v
            .mentions
            .iter()
            .filter_map(|m| match &m.value {
                MentionValue::Quantity(q) => Some((m.span(), *q)),
                _ => None,
            })
            .collect();
        let counted = crate::casualties::read(self.text, v.words, &quantities)
            .iter()
            .any(|c| c.count.min > 0);
        if !counted {
            return None;
        }
        let (m, p) = self
            .scene_places(v, (v.s.start, v.s.end))
            .into_iter()
            .max_by_key(|(_, p)| Self::place_rank(p))?;
        Some((
            Span::new(cue.start, cue.end),
            (p.clone(), m.span(), m.text.clone()),
        ))
    }

    /// A trigger word that names no happening: an infinitive of purpose ("allowed it to
    /// strike"), "used to produce", an idiom ("struck a bellicose tone", "strike a deal"), or
    /// fighting a war in general.
    pub(crate) fn not_a_happening(&self, v: &SentView<'_>, c: &CueHit) -> bool {
        let wi = Self::word_index(v, c.start);
        let lower = |i: usize| {
            v.words
                .get(i)
                .map(|&w| self.word_at(w).to_ascii_lowercase())
                .unwrap_or_default()
        };
        let t = self.slice(c.start, c.end).to_ascii_lowercase();
        let base_verb = matches!(
            t.as_str(),
            "strike"
                | "attack"
                | "hit"
                | "shell"
                | "bomb"
                | "target"
                | "launch"
                | "fire"
                | "use"
                | "destroy"
                | "bombard"
                | "raid"
                | "blow up"
                | "intercept"
        );
        if base_verb && wi >= 1 && lower(wi - 1) == "to" {
            let carried_on = wi >= 2
                && matches!(
                    lower(wi - 2).as_str(),
                    "began"
                        | "begun"
                        | "started"
                        | "continued"
                        | "continue"
                        | "continues"
                        | "resumed"
                        | "proceeded"
                );
            if !carried_on {
                return true;
            }
        }
        let next = |k: usize| lower(wi + k);
        if t == "used" && next(1) == "to" {
            return true;
        }
        // "defence against drone attacks", "clearing landmines", "defused the explosives".
        let guarded = (1..=6).filter_map(|k| wi.checked_sub(k)).any(|i| {
            matches!(
                lower(i).as_str(),
                "against"
                    | "clearing"
                    | "clear"
                    | "cleared"
                    | "defuse"
                    | "defused"
                    | "defusing"
                    | "demining"
                    | "remove"
                    | "removed"
                    | "removing"
                    | "neutralising"
                    | "neutralizing"
                    | "found"
            )
        });
        if guarded {
            return true;
        }
        // Debris is an event only when it does harm: "debris damaged a house", "falling
        // debris injured two", not "smoke and debris" at a scene already reported.
        if matches!(t.as_str(), "debris" | "wreckage") {
            let harm = (1..=6).map(next).any(|w| {
                matches!(
                    w.as_str(),
                    "damaged"
                        | "fell"
                        | "hit"
                        | "struck"
                        | "landed"
                        | "injured"
                        | "killed"
                        | "sparked"
                        | "caused"
                        | "started"
                        | "destroyed"
                        | "wounded"
                )
            }) || (wi >= 1 && matches!(lower(wi - 1).as_str(), "falling" | "fallen"));
            if !harm {
                return true;
            }
        }
        // "plans to launch an offensive", "does not expect Ukraine to carry out strikes".
        let infinitive_light_verb = (1..=4).filter_map(|k| wi.checked_sub(k)).any(|i| {
            i >= 1
                && lower(i - 1) == "to"
                && matches!(
                    lower(i).as_str(),
                    "launch"
                        | "conduct"
                        | "mount"
                        | "carry"
                        | "stage"
                        | "begin"
                        | "start"
                        | "prepare"
                        | "plan"
                )
        });
        if infinitive_light_verb {
            return true;
        }
        let nth_after = (1..=3).map(next).collect::<Vec<_>>();
        if matches!(
            t.as_str(),
            "struck" | "strike" | "strikes" | "striking" | "hit" | "hits"
        ) && nth_after.iter().any(|w| {
            matches!(
                w.as_str(),
                "deal"
                    | "tone"
                    | "chord"
                    | "balance"
                    | "note"
                    | "agreement"
                    | "pose"
                    | "nerve"
                    | "headlines"
                    | "record"
                    | "bargain"
            )
        }) {
            return true;
        }
        // "fighting a proxy war", "fighting for their country": a cause, not a battle.
        t == "fighting"
            && (nth_after.iter().any(|w| w == "war")
                || nth_after.first().is_some_and(|w| w == "for")
                    && nth_after.get(1).is_some_and(|w| {
                        matches!(w.as_str(), "their" | "our" | "his" | "her" | "the" | "its")
                    }))
    }

    /// Weak generic triggers ("hit", "raid", "destroyed") need something to attack with or on.
    pub(crate) fn generic_ok(&self, v: &SentView<'_>, c: &CueHit) -> bool {
        let w = self.slice(c.start, c.end).to_ascii_lowercase();
        if matches!(
            w.as_str(),
            "strike" | "strikes" | "struck" | "attack" | "attacks" | "attacked"
        ) {
            return true;
        }
        v.mentions
            .iter()
            .any(|m| matches!(m.value, MentionValue::Weapon(_) | MentionValue::Place(_)))
            || self.weapon_near(v, c)
    }

    /// A modal or future word shortly before the trigger in the same clause, or a modal
    /// right after it ("an attack could be imminent").
    pub(crate) fn modal_before(&self, v: &SentView<'_>, c: &CueHit) -> bool {
        let (cs, _) = self.clause(v, c.start);
        let wi = Self::word_index(v, c.start);
        let lo = v
            .words
            .get(wi.saturating_sub(10))
            .map_or(v.s.start, |w| w.0)
            .max(cs);
        let hi = v.words.get(wi + 3).map_or(v.s.end, |w| w.1);
        v.cues.iter().any(|h| {
            let threat = h.has(|q| *q == Cue::Trigger(EventKind::Threat, Strength::Specific));
            let modal = threat || h.has(|q| *q == Cue::Modal);
            // A vow or a threat governs what follows it in its own phrase ("vowed to strike
            // back"), not a happening told after a comma ("Russia, which has vowed revenge,
            // launched 40 drones"; "Although Moscow threatened retaliation, drones struck").
            let set_off = || {
                threat
                    && h.end <= c.start
                    && self
                        .slice(h.end, c.start)
                        .contains([',', ';', ':', '\u{2014}'])
            };
            modal
                && !set_off()
                && ((h.start >= lo && h.end <= c.start)
                    || (h.start >= c.end && h.end <= hi && {
                        let t = self.slice(h.start, h.end).to_ascii_lowercase();
                        matches!(
                            t.as_str(),
                            "could" | "will" | "would" | "may be" | "imminent" | "might"
                        )
                    }))
        })
    }
}
