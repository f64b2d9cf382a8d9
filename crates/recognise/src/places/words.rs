//! Word lists of place recognition: what the words around a name make of it.

use super::FxMap;
use std::sync::OnceLock;

/// Words after a name that make it a first-level region ("Bryansk region", "Kharkiv Oblast").
pub(super) const REGION_WORDS: &[&str] = &[
    "region",
    "regions",
    "oblast",
    "oblasts",
    "province",
    "provinces",
    "krai",
    "kray",
    "direction",
    "область",
    "области",
    "області",
    "обл",
    "obl",
];

/// Words after a name that make it a second-level unit: "Slavyansky district", "Bakhmut raion".
pub(super) const DISTRICT_WORDS: &[&str] = &[
    "district",
    "districts",
    "raion",
    "raions",
    "rayon",
    "rayons",
    "район",
    "району",
    "районі",
    "района",
    "районе",
];

/// Word sequences after a name that make it a territorial community (hromada) or the council
/// of one: "Hlukhivska territorial community", "Mospyn City Council".
pub(super) const COMMUNITY_PHRASES: &[&[&str]] = &[
    &["amalgamated", "territorial", "community"],
    &["united", "territorial", "community"],
    &["territorial", "community"],
    &["territorial", "hromada"],
    &["amalgamated", "community"],
    &["hromada"],
    &["hromadas"],
    &["community"],
    &["city", "council"],
    &["town", "council"],
    &["village", "council"],
    &["settlement", "council"],
    &["rural", "council"],
    &["otg"],
    &["територіальна", "громада"],
    &["громада"],
    &["громади"],
    &["громаді"],
    &["міська", "рада"],
    &["сільська", "рада"],
    &["селищна", "рада"],
];

/// Words that, before or after a name, say it names a settlement.
pub(super) const SETTLEMENT_WORDS: &[&str] = &[
    "village",
    "villages",
    "town",
    "towns",
    "city",
    "settlement",
    "settlements",
    "township",
    "hamlet",
    "selo",
    "smt",
    "село",
    "селі",
    "села",
    "селище",
    "селищі",
    "смт",
    "місто",
    "місті",
    "деревня",
    "поселок",
    "посёлок",
];

/// Countries whose names are matched in their loose form: the Russian and Ukrainian forms of
/// one name meet there.
pub(super) const LOOSE_COUNTRIES: &[&str] = &["UA", "RU", "BY", "MD"];

/// Word sequences after a name that make it an airport.
pub(super) const AIRPORT_PHRASES: &[&[&str]] = &[
    &["international", "airport"],
    &["military", "airfield"],
    &["military", "airport"],
    &["air", "base"],
    &["air", "field"],
    &["air", "station"],
    &["airport"],
    &["airfield"],
    &["airbase"],
    &["aerodrome"],
    &["airstrip"],
    &["аэропорт"],
    &["аеропорт"],
    &["аэродром"],
    &["аеродром"],
];

/// Capitalised words after a place name that make the pair the name of an organisation, a
/// newspaper or a document rather than a place ("Kyiv Independent", "The Moscow Times").
pub(super) const ORG_WORDS: &[&str] = &[
    "times",
    "post",
    "independent",
    "herald",
    "telegraph",
    "journal",
    "gazette",
    "news",
    "tribune",
    "mail",
    "daily",
    "express",
    "review",
    "standard",
    "chronicle",
    "observer",
    "insider",
    "monitor",
    "pravda",
    "airlines",
    "university",
    "institute",
    "dynamo",
    "fc",
    "patriarchate",
    "memorandum",
    "declaration",
    "accords",
    "protocol",
    "format",
    "convention",
    "communique",
    "echo",
    "today",
];

/// Words that, next to a name, make it the name of a vessel.
pub(super) const VESSEL_WORDS: &[&str] = &[
    "cruiser",
    "ship",
    "warship",
    "frigate",
    "vessel",
    "submarine",
    "flagship",
    "corvette",
    "tanker",
    "destroyer",
    "boat",
];

/// Words after a name that make it the name of a weapon ("Iskander missile", "Neptune system").
pub(super) const WEAPON_WORDS: &[&str] = &[
    "missile",
    "missiles",
    "system",
    "systems",
    "launcher",
    "launchers",
    "rocket",
    "rockets",
    "complex",
    "complexes",
    "drone",
    "drones",
    "class",
];

/// Titles before a name that make it a person's name.
pub(super) const TITLES: &[&str] = &[
    "president",
    "minister",
    "governor",
    "mayor",
    "general",
    "gen",
    "colonel",
    "col",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "lord",
    "lady",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "chancellor",
    "senator",
    "sen",
    "rep",
    "ambassador",
    "secretary",
    "admiral",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "captain",
    "capt",
    "maj",
    "marshal",
    "patriarch",
    "premier",
    "envoy",
    "deputy",
];

/// Capitalised words that may stand before a place name without making it a surname.
pub(super) const MODIFIERS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "greater",
    "upper",
    "lower",
    "north",
    "south",
    "east",
    "west",
    "new",
    "old",
    "downtown",
    "occupied",
    "liberated",
    "in",
    "near",
    "from",
    "to",
    "at",
    "outside",
    "over",
    "across",
    "the",
    "of",
    "and",
    "or",
    "on",
    "into",
    "towards",
];

/// Verbs of speech: a small place that "said" something is a person.
pub(super) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "argued",
    "noted",
    "explained",
    "stated",
    "asked",
    "replied",
    "tweeted",
    "posted",
    "insisted",
    "warned",
    "urged",
];

/// Month and weekday names: never single-word places ("March" is a town in England).
pub(super) const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Demonyms and their countries: never a place themselves, they tell what the text is about.
pub(super) const DEMONYMS: &[(&str, &str)] = &[
    ("russian", "RU"),
    ("russians", "RU"),
    ("ukrainian", "UA"),
    ("ukrainians", "UA"),
    ("belarusian", "BY"),
    ("belarusians", "BY"),
    ("kremlin", "RU"),
    ("crimean", "UA"),
    ("polish", "PL"),
    ("american", "US"),
    ("americans", "US"),
    ("british", "GB"),
    ("french", "FR"),
    ("german", "DE"),
    ("moldovan", "MD"),
    ("georgian", "GE"),
    ("chinese", "CN"),
    ("iranian", "IR"),
    ("turkish", "TR"),
    ("israeli", "IL"),
    ("texan", "US"),
    ("российский", "RU"),
    ("российские", "RU"),
    ("українські", "UA"),
    ("український", "UA"),
];

/// Countries this system reports on most: a small prior for their records when a name is shared.
pub(super) const FOCUS_COUNTRIES: &[&str] = &["UA", "RU", "BY"];

/// First-level regions of Russia on Ukraine's border (GeoNames codes): Belgorod, Bryansk,
/// Krasnodar, Kursk, Rostov, Voronezh.
pub(super) const RU_BORDER_ADMIN1: &[&str] = &["09", "10", "38", "41", "61", "86"];

/// Whether a record lies in the war's theatre: Ukraine, or Russia's regions on its border.
pub(super) fn in_theatre(country: Option<&str>, admin1: &str) -> bool {
    match country {
        Some("UA") => true,
        Some("RU") => RU_BORDER_ADMIN1.contains(&admin1),
        _ => false,
    }
}

/// First-level regions of Ukraine on the front line (GeoNames codes): Donetsk and Luhansk
/// from 2014, and Kharkiv, Kherson and Zaporizhzhia too from the invasion of 24 February 2022.
pub(super) const UA_FRONT_ADMIN1: &[&str] = &["05", "07", "08", "14", "26"];
pub(super) const UA_FRONT_ADMIN1_BEFORE_2022: &[&str] = &["05", "14"];

/// The regions of the front line when a text was published (the latest line when the date is
/// unknown).
pub(super) fn front_at(published: Option<chrono::NaiveDate>) -> &'static [&'static str] {
    match (published, chrono::NaiveDate::from_ymd_opt(2022, 2, 24)) {
        (Some(p), Some(invasion)) if p < invasion => UA_FRONT_ADMIN1_BEFORE_2022,
        _ => UA_FRONT_ADMIN1,
    }
}

/// Places smaller than this need their country to be named elsewhere in the text.
pub(super) const MIN_POPULATION_WITHOUT_CONTEXT: u64 = 5000;

pub(super) fn is_cyrillic(w: &str) -> bool {
    // The characters U+0400..U+04FF are exactly those whose UTF-8 lead byte is 0xD0..0xD3.
    w.bytes().any(|b| (0xD0..=0xD3).contains(&b))
}

pub(super) fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// The lists a word is in, among those the recogniser asks about for every word of a text:
/// bits [`REGION`], [`DISTRICT`], [`COMMUNITY_START`], [`AIRPORT_START`] and [`SETTLEMENT`].
/// Nearly every other word is ruled out by one bit of the set of the signatures of the listed
/// words (see [`signature`]), made at compile time, before any hashing.
#[inline]
pub(super) fn word_kinds(w: &str) -> u8 {
    let g = signature(w.as_bytes());
    if SIGNATURES[g / 64] & (1 << (g % 64)) == 0 {
        return 0;
    }
    listed_word_kinds(w)
}

/// [`word_kinds`] for a word whose signature is one of a listed word's.
fn listed_word_kinds(w: &str) -> u8 {
    static INDEX: OnceLock<FxMap<&'static str, u8>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut map: FxMap<&'static str, u8> = FxMap::default();
        for (bit, words) in kind_lists() {
            for w in words {
                *map.entry(w).or_insert(0) |= bit;
            }
        }
        map
    });
    index.get(w).copied().unwrap_or(0)
}

/// Each bit of [`word_kinds`] with its words.
pub(super) fn kind_lists() -> [(u8, Vec<&'static str>); 5] {
    let firsts = |phrases: &'static [&'static [&'static str]]| {
        phrases
            .iter()
            .filter_map(|p| p.first().copied())
            .collect::<Vec<_>>()
    };
    [
        (REGION, REGION_WORDS.to_vec()),
        (DISTRICT, DISTRICT_WORDS.to_vec()),
        (COMMUNITY_START, firsts(COMMUNITY_PHRASES)),
        (AIRPORT_START, firsts(AIRPORT_PHRASES)),
        (SETTLEMENT, SETTLEMENT_WORDS.to_vec()),
    ]
}

/// The signature set of [`word_kinds`]: 4,096 bits (512 bytes), one for each signature of a
/// word of the lists.
static SIGNATURES: [u64; 64] = {
    let mut set = [0u64; 64];
    let words: [&[&str]; 3] = [REGION_WORDS, DISTRICT_WORDS, SETTLEMENT_WORDS];
    let mut l = 0;
    while l < words.len() {
        let mut k = 0;
        while k < words[l].len() {
            let g = signature(words[l][k].as_bytes());
            set[g / 64] |= 1 << (g % 64);
            k += 1;
        }
        l += 1;
    }
    let phrases: [&[&[&str]]; 2] = [COMMUNITY_PHRASES, AIRPORT_PHRASES];
    let mut l = 0;
    while l < phrases.len() {
        let mut k = 0;
        while k < phrases[l].len() {
            if !phrases[l][k].is_empty() {
                let g = signature(phrases[l][k][0].as_bytes());
                set[g / 64] |= 1 << (g % 64);
            }
            k += 1;
        }
        l += 1;
    }
    set
};

/// A word's signature: its length and its first two and last bytes, mixed into 12 bits.
#[inline]
const fn signature(w: &[u8]) -> usize {
    let n = w.len();
    if n == 0 {
        return 0;
    }
    let (a, z) = (w[0] as u32, w[n - 1] as u32);
    let b = if n > 1 { w[1] as u32 } else { 0 };
    let x = (n as u32) ^ (a << 6) ^ (b << 14) ^ (z << 22);
    (x.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// Bits of [`word_kinds`]: a word of [`REGION_WORDS`], of [`DISTRICT_WORDS`], the first word of
/// a [`COMMUNITY_PHRASES`] or an [`AIRPORT_PHRASES`] phrase, a word of [`SETTLEMENT_WORDS`].
pub(super) const REGION: u8 = 1;
pub(super) const DISTRICT: u8 = 2;
pub(super) const COMMUNITY_START: u8 = 4;
pub(super) const AIRPORT_START: u8 = 8;
pub(super) const SETTLEMENT: u8 = 16;

pub(super) fn demonym_country(w: &str) -> Option<&'static str> {
    /// The demonyms, and a bit set of the (first byte, last byte) pairs they have: most words
    /// of a text are ruled out by one bit before any hashing.
    struct Index {
        pairs: Box<[u64; 1024]>,
        map: FxMap<&'static str, &'static str>,
    }
    fn pair(w: &[u8]) -> usize {
        (usize::from(w[0]) << 8) | usize::from(w[w.len() - 1])
    }
    static INDEX: OnceLock<Index> = OnceLock::new();
    // Every demonym is at least five bytes long.
    if w.len() < 5 {
        return None;
    }
    let index = INDEX.get_or_init(|| {
        let mut pairs = Box::new([0u64; 1024]);
        for (d, _) in DEMONYMS {
            let p = pair(d.as_bytes());
            pairs[p / 64] |= 1 << (p % 64);
        }
        Index {
            pairs,
            map: DEMONYMS.iter().copied().collect(),
        }
    });
    let p = pair(w.as_bytes());
    if index.pairs[p / 64] & (1 << (p % 64)) == 0 {
        return None;
    }
    index.map.get(w).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one lookup of [`word_kinds`] answers as the lists do, for their words and for others.
    #[test]
    fn word_kinds_are_the_lists() {
        let mut words: Vec<&str> = kind_lists().iter().flat_map(|(_, w)| w.clone()).collect();
        words.extend([
            "",
            "a",
            "of",
            "the",
            "regional",
            "districts'",
            "regio",
            "airports",
            "village's",
            "council",
            "territorial",
            "shelled",
            "Region",
            "районах",
            "село́",
            "kyiv",
            "oblast ",
        ]);
        let firsts = |phrases: &[&[&str]], w: &str| phrases.iter().any(|p| p.first() == Some(&w));
        for w in words {
            let expected = [
                (in_list(REGION_WORDS, w), REGION),
                (in_list(DISTRICT_WORDS, w), DISTRICT),
                (firsts(COMMUNITY_PHRASES, w), COMMUNITY_START),
                (firsts(AIRPORT_PHRASES, w), AIRPORT_START),
                (in_list(SETTLEMENT_WORDS, w), SETTLEMENT),
            ]
            .iter()
            .filter(|(listed, _)| *listed)
            .fold(0, |k, (_, bit)| k | bit);
            assert_eq!(word_kinds(w), expected, "{w:?}");
        }
        assert_eq!(word_kinds("district"), DISTRICT);
        assert_eq!(word_kinds("village"), COMMUNITY_START | SETTLEMENT);
        assert_eq!(word_kinds("reported"), 0);
    }
}
