//! Events, their claims and their ACLED codes.

use crate::{Count, DatePrecision, PartialDate, Span};
use serde::{Deserialize, Serialize};

/// A stable event id: same input, same id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub String);

impl std::fmt::Display for EventId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of happening an event is. See `docs/acled.md` for the mapping to ACLED codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    MissileStrike,
    DroneStrike,
    AirStrike,
    Shelling,
    Strike,
    Explosion,
    Sabotage,
    Interception,
    ArmedClash,
    AirAlert,
    SecurityAlert,
    Humanitarian,
    Threat,
    Diplomacy,
    Aid,
    Deployment,
    Statement,
}

/// An ACLED event type and sub-event type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Acled {
    pub event_type: String,
    pub sub_event_type: Option<String>,
}

pub const EXPLOSIONS: &str = "Explosions/Remote violence";
pub const STRATEGIC: &str = "Strategic developments";
pub const BATTLES: &str = "Battles";
pub const SHELLING_SUB: &str = "Shelling/artillery/missile attack";
pub const AIR_DRONE_SUB: &str = "Air/drone strike";
pub const IED_SUB: &str = "Remote explosive/landmine/IED";

impl EventKind {
    pub const ALL: [EventKind; 17] = [
        EventKind::MissileStrike,
        EventKind::DroneStrike,
        EventKind::AirStrike,
        EventKind::Shelling,
        EventKind::Strike,
        EventKind::Explosion,
        EventKind::Sabotage,
        EventKind::Interception,
        EventKind::ArmedClash,
        EventKind::AirAlert,
        EventKind::SecurityAlert,
        EventKind::Humanitarian,
        EventKind::Threat,
        EventKind::Diplomacy,
        EventKind::Aid,
        EventKind::Deployment,
        EventKind::Statement,
    ];

    /// The snake_case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::MissileStrike => "missile_strike",
            EventKind::DroneStrike => "drone_strike",
            EventKind::AirStrike => "air_strike",
            EventKind::Shelling => "shelling",
            EventKind::Strike => "strike",
            EventKind::Explosion => "explosion",
            EventKind::Sabotage => "sabotage",
            EventKind::Interception => "interception",
            EventKind::ArmedClash => "armed_clash",
            EventKind::AirAlert => "air_alert",
            EventKind::SecurityAlert => "security_alert",
            EventKind::Humanitarian => "humanitarian",
            EventKind::Threat => "threat",
            EventKind::Diplomacy => "diplomacy",
            EventKind::Aid => "aid",
            EventKind::Deployment => "deployment",
            EventKind::Statement => "statement",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Violent kinds: remote violence, sabotage, interception and battles.
    pub fn is_violent(self) -> bool {
        matches!(
            self,
            EventKind::MissileStrike
                | EventKind::DroneStrike
                | EventKind::AirStrike
                | EventKind::Shelling
                | EventKind::Strike
                | EventKind::Explosion
                | EventKind::Sabotage
                | EventKind::Interception
                | EventKind::ArmedClash
        )
    }

    /// The ACLED code for this kind. `agreed` matters only for diplomacy: an agreement is coded
    /// "Strategic developments / Agreement", talks and offers are not coded.
    pub fn acled(self, agreed: bool) -> Option<Acled> {
        let code = |t: &str, s: Option<&str>| {
            Some(Acled {
                event_type: t.to_string(),
                sub_event_type: s.map(str::to_string),
            })
        };
        match self {
            EventKind::MissileStrike | EventKind::Shelling | EventKind::Strike => {
                code(EXPLOSIONS, Some(SHELLING_SUB))
            }
            EventKind::DroneStrike | EventKind::AirStrike => code(EXPLOSIONS, Some(AIR_DRONE_SUB)),
            EventKind::Explosion => code(EXPLOSIONS, None),
            EventKind::Sabotage => code(EXPLOSIONS, Some(IED_SUB)),
            EventKind::Interception => code(STRATEGIC, Some("Disrupted weapons use")),
            EventKind::ArmedClash => code(BATTLES, Some("Armed clash")),
            EventKind::Diplomacy if agreed => code(STRATEGIC, Some("Agreement")),
            _ => None,
        }
    }
}

/// When an event happened, with the words that said so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    pub start: PartialDate,
    pub end: PartialDate,
    pub precision: DatePrecision,
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationPrecision {
    Place,
    Admin1,
    Country,
    Unknown,
}

/// Where an event happened, with the words that said so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: LocationPrecision,
    pub text: String,
    /// The gazetteer id of the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// Counts an event reports; each is absent when the text does not give it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub launched: Option<Count>,
    pub intercepted: Option<Count>,
    pub killed: Option<Count>,
    pub injured: Option<Count>,
}

/// How a source stands towards an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// States it as fact.
    Asserts,
    /// Accuses or blames; a claim with a hedge ("allegedly").
    Alleges,
    Denies,
    /// Declines to confirm, neither confirms nor denies, has no data.
    NotConfirmed,
    /// Reports it while calling it unverified or unconfirmed.
    Unverified,
}

/// Who says what about an event, with the quoted text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Canonical name of the source, from the actor catalogue where it is known.
    pub source: String,
    pub stance: Stance,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The overall standing of an event, decided by the contract's rules (first match wins):
/// denied, disputed, confirmed, claimed, unverified, reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Confirmed,
    Reported,
    Claimed,
    Unverified,
    Disputed,
    Denied,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Reported => "reported",
            Status::Claimed => "claimed",
            Status::Unverified => "unverified",
            Status::Disputed => "disputed",
            Status::Denied => "denied",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [
            Status::Confirmed,
            Status::Reported,
            Status::Claimed,
            Status::Unverified,
            Status::Disputed,
            Status::Denied,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A passage of the text that supports an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Which words produced one field of an event: the trail that `sitrep explain` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSource {
    pub field: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The rule that read the field from these words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rule: String,
}

/// One reported happening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub kind: EventKind,
    pub acled: Option<Acled>,
    pub date: Option<EventDate>,
    pub location: Option<Location>,
    pub attacker: Option<String>,
    pub target: Option<String>,
    pub weapons: Vec<String>,
    pub counts: Counts,
    pub claims: Vec<Claim>,
    pub status: Status,
    pub evidence: Vec<Evidence>,
    /// Field-by-field provenance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<FieldSource>,
}

impl Event {
    /// Moves every offset of the event (date, location, claims, evidence, provenance) `by`
    /// bytes later: what an event read from a section of a text becomes in the whole text,
    /// when the section starts at byte `by`. The id is left as it is.
    pub fn shift(&mut self, by: usize) {
        let span = |s: &mut Option<crate::Span>| {
            if let Some(s) = s {
                *s = crate::Span::new(s.start + by, s.end + by);
            }
        };
        if let Some(d) = &mut self.date {
            span(&mut d.span);
        }
        if let Some(l) = &mut self.location {
            span(&mut l.span);
        }
        for c in &mut self.claims {
            c.start += by;
            c.end += by;
        }
        for e in &mut self.evidence {
            e.start += by;
            e.end += by;
        }
        for p in &mut self.provenance {
            p.start += by;
            p.end += by;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
    }

    #[test]
    fn acled_codes_follow_the_contract_table() {
        let sub = |k: EventKind| k.acled(false).and_then(|a| a.sub_event_type);
        assert_eq!(sub(EventKind::MissileStrike).as_deref(), Some(SHELLING_SUB));
        assert_eq!(sub(EventKind::DroneStrike).as_deref(), Some(AIR_DRONE_SUB));
        assert_eq!(sub(EventKind::Sabotage).as_deref(), Some(IED_SUB));
        assert_eq!(
            EventKind::Explosion.acled(false).unwrap().sub_event_type,
            None
        );
        assert!(EventKind::AirAlert.acled(false).is_none());
        assert!(EventKind::Diplomacy.acled(false).is_none());
        assert_eq!(
            EventKind::Diplomacy
                .acled(true)
                .unwrap()
                .sub_event_type
                .as_deref(),
            Some("Agreement")
        );
    }
}
