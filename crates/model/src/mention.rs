//! Mentions: what the recognisers find in a document's text, each tied to its span.

use crate::DateValue;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One recognised thing in the text. `start`/`end` are byte offsets into the document's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    #[serde(flatten)]
    pub value: MentionValue,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Mention {
    pub fn span(&self) -> crate::Span {
        crate::Span::new(self.start, self.end)
    }

    /// Moves the mention `by` bytes later: what a mention found in a section of a text
    /// becomes in the whole text, when the section starts at byte `by`.
    pub fn shift(&mut self, by: usize) {
        self.start += by;
        self.end += by;
    }
}

/// What a mention refers to. Serialised as `"type": ..., "value": ...`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum MentionValue {
    Place(Place),
    Actor(Actor),
    Weapon(Weapon),
    Date(DateValue),
    Quantity(Count),
    /// How the place mention with the same span was read (see [`PlaceContext`]); it follows
    /// that mention.
    PlaceContext(PlaceContext),
}

/// A gazetteer record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// The first-level region's name (oblast, krai, state...).
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub feature: Feature,
    /// The gazetteer id, e.g. `geonames:703448`: two spellings of one place share it.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
}

/// How a place mention was read: the precision of the record, the administrative units it
/// lies in, what the words around it said ("X, Y district, Z region"; "20 km from X") and how
/// its name met the gazetteer. Recognition gives one for each place mention that has more to
/// say than its [`Place`], with the same span, right after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceContext {
    /// The id of the place this describes (the [`Place`] mention with the same span).
    pub id: String,
    pub precision: PlacePrecision,
    /// The second-level unit (raion, district) the place lies in, or is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    /// The territorial community (hromada) the place lies in, or is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
    /// The text names the place by a name it bore before it was renamed ("Artemivsk").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former_name: bool,
    /// How the text's spelling met the gazetteer's names.
    pub matched: NameMatch,
    /// The units or places named with it in the same phrase that placed it ("Slavyansky
    /// district", "Donetsk region", "near Slavyansk"), as the text writes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
    /// The place is a point of reference, not the place itself: "20 km north of X".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
}

/// How precisely a place record locates something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacePrecision {
    Country,
    /// A first-level region (oblast, krai, state).
    Admin1,
    /// A second-level unit (raion, district).
    Admin2,
    /// A territorial community (hromada): a town or village with the settlements around it.
    Community,
    /// A city, town or village.
    Settlement,
    Airport,
    /// A landmark (a hill, a height) or a named area.
    Site,
}

/// How the text's spelling of a name met the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameMatch {
    /// As a name of the record is written (case, diacritics and punctuation aside).
    Exact,
    /// Through the transliteration folding ("Slavyansk" for "Sloviansk").
    Folded,
    /// Through the loose form that lets Russian and Ukrainian forms meet ("Gorlovka" for
    /// "Horlivka"), with support from the text.
    Loose,
}

/// A place named as a point of reference: "20 km north of Kramatorsk", "32km north-west of
/// Luhansk". What happened is near it, not at it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    /// The compass direction from the anchor, as written ("north-west").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// The byte span of the words that make it an anchor ("20 km north of").
    pub start: usize,
    pub end: usize,
}

/// The kind of a gazetteer record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    Country,
    Admin1,
    Admin2,
    City,
    Airport,
    Facility,
    Region,
    Other,
}

/// A party that acts, speaks or reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical name from the actor catalogue.
    pub name: String,
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-2 code of the actor's state, when it has one.
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A state named as a party ("Russia", "Ukraine").
    State,
    /// Armed forces and their branches and units.
    ArmedForce,
    /// Ministries, staffs, presidential offices, embassies.
    Institution,
    /// A named official or an official named by role.
    Person,
    /// Newspapers, agencies, broadcasters, channels.
    Media,
    /// NATO, the UN, the EU, the G7 and the like.
    International,
    /// Armed groups, companies and others.
    Group,
}

/// Which side of the war an actor belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Ukraine,
    Russia,
    /// Ukraine's supporters (US, EU states, NATO).
    West,
    /// Mediators, international bodies and others not party to the war.
    Neutral,
}

/// A weapon system from the catalogue, or a generic mention ("drones").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weapon {
    pub name: String,
    pub class: WeaponClass,
    /// ISO country code (or `SU` for Soviet) of the maker's state.
    pub origin: Option<String>,
    /// A generic class mention ("cruise missiles") rather than a named system.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generic: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeaponClass {
    CruiseMissile,
    BallisticMissile,
    HypersonicMissile,
    AntiShipMissile,
    AirToSurfaceMissile,
    /// Missiles of unstated type.
    Missile,
    GlideBomb,
    Bomb,
    AttackDrone,
    ReconDrone,
    NavalDrone,
    /// Drones of unstated type.
    Drone,
    AirDefence,
    Artillery,
    Mlrs,
    Mortar,
    Aircraft,
    Helicopter,
    Tank,
    ArmouredVehicle,
    AntiTank,
    Explosive,
    Other,
}

impl WeaponClass {
    pub fn is_missile(self) -> bool {
        matches!(
            self,
            WeaponClass::CruiseMissile
                | WeaponClass::BallisticMissile
                | WeaponClass::HypersonicMissile
                | WeaponClass::AntiShipMissile
                | WeaponClass::AirToSurfaceMissile
                | WeaponClass::Missile
        )
    }

    pub fn is_drone(self) -> bool {
        matches!(
            self,
            WeaponClass::AttackDrone
                | WeaponClass::ReconDrone
                | WeaponClass::NavalDrone
                | WeaponClass::Drone
        )
    }
}

/// A count as the text gives it: exact (`min == max`), a range, or open-ended (`max` unknown,
/// as in "dozens", "at least 12", "over 170,000").
///
/// Serialised as a bare number when exact, else as `{"min": n, "max": n|null}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Count {
    pub min: u64,
    pub max: Option<u64>,
}

impl Count {
    pub fn exact(n: u64) -> Self {
        Count {
            min: n,
            max: Some(n),
        }
    }

    pub fn at_least(n: u64) -> Self {
        Count { min: n, max: None }
    }

    pub fn range(min: u64, max: u64) -> Self {
        Count {
            min: min.min(max),
            max: Some(min.max(max)),
        }
    }

    pub fn is_exact(&self) -> bool {
        self.max == Some(self.min)
    }

    /// `Some(n)` when the count is exact.
    pub fn value(&self) -> Option<u64> {
        self.is_exact().then_some(self.min)
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Range {
            min: u64,
            max: Option<u64>,
        }
        if self.is_exact() {
            s.serialize_u64(self.min)
        } else {
            Range {
                min: self.min,
                max: self.max,
            }
            .serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Exact(u64),
            Range { min: u64, max: Option<u64> },
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Exact(n) => Count::exact(n),
            Repr::Range { min, max } => Count { min, max },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_serialise_as_number_or_range() {
        assert_eq!(serde_json::to_string(&Count::exact(6)).unwrap(), "6");
        assert_eq!(
            serde_json::to_string(&Count::at_least(12)).unwrap(),
            r#"{"min":12,"max":null}"#
        );
        let back: Count = serde_json::from_str(r#"{"min":12,"max":null}"#).unwrap();
        assert_eq!(back, Count::at_least(12));
        let back: Count = serde_json::from_str("7").unwrap();
        assert_eq!(back.value(), Some(7));
    }

    #[test]
    fn mentions_serialise_with_type_and_value() {
        let m = Mention {
            value: MentionValue::Quantity(Count::exact(6)),
            text: "six".into(),
            start: 10,
            end: 13,
        };
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["type"], "quantity");
        assert_eq!(v["value"], 6);
        assert_eq!(v["start"], 10);
        let back: Mention = serde_json::from_value(v).unwrap();
        assert_eq!(back, m);
    }
}
