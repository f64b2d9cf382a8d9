//! Which weapons a frame names, and the attack kind a generic trigger takes from them.

use crate::analysis::{Analysis, SentView};
use crate::frames::{Frame, FrameWeapon};
use crate::lexicon::Cue;
use sitrep_model::{EventKind, FieldSource, MentionValue, Span, WeaponClass};

/// The attack kind a weapon class implies.
pub fn kind_of_class(c: WeaponClass) -> Option<EventKind> {
    use WeaponClass::*;
    Some(match c {
        CruiseMissile | BallisticMissile | HypersonicMissile | AntiShipMissile
        | AirToSurfaceMissile | Missile => EventKind::MissileStrike,
        AttackDrone | NavalDrone | Drone => EventKind::DroneStrike,
        GlideBomb | Bomb | Aircraft | Helicopter => EventKind::AirStrike,
        Artillery | Mlrs | Mortar => EventKind::Shelling,
        Explosive => EventKind::Sabotage,
        _ => return None,
    })
}

impl<'a> Analysis<'a> {
    pub(crate) fn fill_weapons(&self, v: &SentView<'_>, f: &mut Frame, clause: (usize, usize)) {
        for m in v.mentions {
            if let MentionValue::Weapon(w) = &m.value {
                if m.start >= clause.0
                    && m.end <= clause.1
                    && !f.weapons.iter().any(|x| x.name == w.name)
                    && !self.supplied(v, m.start)
                    && !self.watching(v, m.end)
                    // "air defences shot down 30 drones": the defence is no weapon of the attack.
                    && (!w.generic || w.class != WeaponClass::AirDefence)
                {
                    // Drones downed are the attacker's means, not what the attack hit.
                    let target = f.kind != EventKind::Interception && self.is_target(f, m);
                    f.weapons.push(FrameWeapon {
                        name: w.name.clone(),
                        generic: w.generic,
                        class: w.class,
                        span: m.span(),
                        target,
                    });
                    f.provenance.push(FieldSource {
                        field: "weapons".into(),
                        start: m.start,
                        end: m.end,
                        text: m.text.clone(),
                        rule: "weapon named in the clause".into(),
                    });
                }
            }
        }
    }

    /// A weapon that is what was hit, not what hit: "destroyed a HIMARS launcher", "a Russian
    /// Pantsir system was destroyed".
    pub(crate) fn is_target(&self, f: &Frame, m: &sitrep_model::Mention) -> bool {
        let t = self
            .slice(f.trigger.start, f.trigger.end)
            .to_ascii_lowercase();
        let destroys = matches!(
            t.as_str(),
            "destroyed"
                | "destruction"
                | "hit"
                | "struck"
                | "targeted"
                | "damaged"
                | "strike on"
                | "strikes on"
                | "attack on"
                | "attacked"
        );
        if !destroys {
            return false;
        }
        let between = |a: usize, b: usize| self.slice(a.min(b), a.max(b)).to_ascii_lowercase();
        if m.start >= f.trigger.end {
            let gap = between(f.trigger.end, m.start);
            let words = gap.split_whitespace().count();
            return words <= 5
                && !gap.contains(" with ")
                && !gap.contains(" using ")
                && !gap.contains(" by ")
                && !gap.contains(',');
        }
        let gap = between(m.end, f.trigger.start);
        gap.split_whitespace().count() <= 6
            && (gap.contains(" was ") || gap.contains(" were ") || gap.ends_with(" been "))
    }

    /// A drone that films rather than strikes: "drone footage", "the UAV filming the target",
    /// "a reconnaissance drone".
    fn watching(&self, v: &SentView<'_>, end: usize) -> bool {
        let wi = Self::word_index(v, end);
        v.words
            .iter()
            .skip(wi)
            .take(3)
            .take_while(|w| !self.slice(end, w.0).contains([',', ';', '.']))
            .any(|&w| {
                matches!(
                    self.word_at(w).to_ascii_lowercase().as_str(),
                    "footage"
                        | "video"
                        | "videos"
                        | "camera"
                        | "filming"
                        | "filmed"
                        | "recorded"
                        | "recording"
                        | "surveillance"
                        | "reconnaissance"
                )
            })
    }

    /// A weapon named as what is given, wanted, guarded against or watching, not used: "to
    /// receive more HIMARS", "a strike controlled by a drone", "supplying
    /// Ukraine with long-range artillery", "deliveries of Patriot systems".
    fn supplied(&self, v: &SentView<'_>, pos: usize) -> bool {
        let wi = Self::word_index(v, pos);
        (1..=4).filter_map(|k| wi.checked_sub(k)).any(|i| {
            matches!(
                self.word_at(v.words[i]).to_ascii_lowercase().as_str(),
                "receive"
                    | "received"
                    | "receiving"
                    | "supply"
                    | "supplied"
                    | "supplying"
                    | "provide"
                    | "provided"
                    | "providing"
                    | "deliver"
                    | "delivered"
                    | "delivering"
                    | "deliveries"
                    | "send"
                    | "sent"
                    | "sending"
                    | "transfer"
                    | "transferred"
                    | "give"
                    | "gave"
                    | "giving"
                    | "acquire"
                    | "buy"
                    | "bought"
                    | "purchase"
                    | "produce"
                    | "produced"
                    | "manufacture"
                    | "imported"
                    | "against"
                    | "controlled"
                    | "spotted"
                    | "adjusted"
                    | "monitored"
                    | "observed"
                    | "designed"
                    | "intended"
                    | "requested"
                    | "request"
                    | "needs"
                    | "need"
                    | "pledged"
                    | "promised"
            )
        })
    }

    /// A generic trigger takes its kind from the weapon used: the first attack weapon in the
    /// clause, or a munition word ("missiles", "drones").
    pub(crate) fn refine_kind(&self, v: &SentView<'_>, f: &mut Frame, clause: (usize, usize)) {
        // "a drone dropped explosives on their car": a drone attack, not planted explosives.
        if f.kind == EventKind::Sabotage {
            let by_drone = v.mentions.iter().any(|m| {
                m.start >= clause.0
                    && m.end <= clause.1
                    && matches!(&m.value, MentionValue::Weapon(w)
                        if kind_of_class(w.class) == Some(EventKind::DroneStrike))
            });
            let dropped = self
                .slice(clause.0, clause.1)
                .to_ascii_lowercase()
                .contains("dropped");
            if by_drone && dropped {
                f.kind = EventKind::DroneStrike;
                f.provenance.push(FieldSource {
                    field: "kind".into(),
                    start: f.trigger.start,
                    end: f.trigger.end,
                    text: self.slice(f.trigger.start, f.trigger.end).to_string(),
                    rule: "explosives dropped from a drone".into(),
                });
                return;
            }
        }
        if f.strength >= 3 && f.kind != EventKind::Interception {
            return;
        }
        let mut found: Option<(EventKind, Span)> = None;
        for m in v.mentions {
            if m.start < clause.0 || m.end > clause.1 {
                continue;
            }
            if let MentionValue::Weapon(w) = &m.value {
                if self.is_target(f, m) {
                    continue;
                }
                if let Some(k) = kind_of_class(w.class) {
                    found = Some((k, m.span()));
                    break;
                }
            }
        }
        if found.is_none() {
            for c in v.cues {
                if c.start >= clause.0 && c.end <= clause.1 && c.has(|q| *q == Cue::Munition) {
                    let w = self.slice(c.start, c.end).to_ascii_lowercase();
                    let k = if w.starts_with("drone")
                        || w.starts_with("uav")
                        || w.starts_with("shahed")
                    {
                        EventKind::DroneStrike
                    } else if w.starts_with("missile") || w.starts_with("rocket") {
                        EventKind::MissileStrike
                    } else if w.starts_with("shell") || w.starts_with("mortar") {
                        EventKind::Shelling
                    } else {
                        EventKind::AirStrike
                    };
                    found = Some((k, Span::new(c.start, c.end)));
                    break;
                }
            }
        }
        if f.kind == EventKind::Interception {
            return;
        }
        if let Some((k, span)) = found {
            f.kind = k;
            f.strength = 2;
            f.provenance.push(FieldSource {
                field: "kind".into(),
                start: span.start,
                end: span.end,
                text: self.slice(span.start, span.end).to_string(),
                rule: "kind read from the weapon used".into(),
            });
        }
    }
}
