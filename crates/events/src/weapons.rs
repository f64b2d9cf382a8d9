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
                {
                    f.weapons.push(FrameWeapon {
                        name: w.name.clone(),
                        generic: w.generic,
                        class: w.class,
                        span: m.span(),
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

    /// A weapon named as what is given or wanted, not used: "to receive more HIMARS", "supplying
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
        if f.strength >= 3 && f.kind != EventKind::Interception {
            return;
        }
        let mut found: Option<(EventKind, Span)> = None;
        for m in v.mentions {
            if m.start < clause.0 || m.end > clause.1 {
                continue;
            }
            if let MentionValue::Weapon(w) = &m.value {
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
