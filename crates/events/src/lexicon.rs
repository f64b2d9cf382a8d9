//! Cue lexicons: the words that announce an event, a source, a hedge or a count.
//!
//! All phrases are compiled into one [`aho_corasick::AhoCorasick`] automaton (ASCII
//! case-insensitive, leftmost-longest), so finding every cue in a document is one linear pass.
//! [`find_cues`] returns [`CueHit`]s whose [`Cue`] says what the phrase means. Matches must
//! start and end on word boundaries unless the phrase is listed as a stem (trailing `*`).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use once_cell::sync::Lazy;
use sitrep_model::EventKind;

/// How strongly a trigger names its kind: a compound ("missile strike") beats a verb that
/// needs a weapon to say which kind it is ("struck").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Generic = 1,
    Specific = 3,
}

/// Which stance a source cue expresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceCue {
    /// "said", "reported", "claimed", "according to".
    Says,
    /// "confirmed": the speaker vouches for it.
    Confirms,
    /// "accused", "blamed", "was behind": who is responsible, not whether it happened.
    Blames,
    Denies,
    NotConfirmed,
}

/// A casualty role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Killed,
    Injured,
    /// Both killed and injured ("casualties").
    Casualties,
}

/// What a phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// An event trigger of this kind.
    Trigger(EventKind, Strength),
    /// A trigger that is an attack only with a weapon in its clause ("launched", "fired").
    WeaponVerb,
    Source(SourceCue),
    /// "according to" / "citing": the source follows.
    According,
    /// "unverified", "unconfirmed".
    Unverified,
    /// "reportedly", "allegedly".
    Hedge,
    /// "will", "could", "plans to": what follows has not happened.
    Modal,
    /// Words that mean the time of reporting ("overnight", "today").
    Now,
    /// Present-tense report markers ("underway", "have been").
    Present,
    Casualty(Role),
    /// "no casualties", "no one was killed".
    Zero(Role),
    /// Interception verbs ("shot down", "intercepted").
    Intercept,
    /// Launch verbs ("launched", "fired").
    Launch,
    /// Weapon nouns a count can quantify ("drones", "missiles").
    Munition,
    /// "the report(s)", "this information": refers back to a report.
    ReportAnaphor,
    /// A diplomacy trigger that records an agreement reached.
    Agreed,
    /// A weapon-free demonym naming a side ("Russian", "Ukrainian"), with its country.
    Demonym(&'static str),
}

const T: fn(EventKind) -> Cue = |k| Cue::Trigger(k, Strength::Specific);
const G: fn(EventKind) -> Cue = |k| Cue::Trigger(k, Strength::Generic);

/// The phrase table: (phrase, cue). A trailing `*` marks a stem.
fn table() -> Vec<(&'static str, Cue)> {
    use EventKind::*;
    let mut v: Vec<(&'static str, Cue)> = Vec::new();
    let mut add = |words: &[&'static str], cue: Cue| {
        for w in words {
            v.push((w, cue));
        }
    };
    add(
        &[
            "missile strike",
            "missile strikes",
            "missile attack",
            "missile attacks",
            "missile barrage",
            "rocket attack",
            "rocket attacks",
            "rocket strike",
            "rocket strikes",
            "missile hit",
            "ballistic missile strike",
        ],
        T(MissileStrike),
    );
    add(
        &[
            "drone strike",
            "drone strikes",
            "drone attack",
            "drone attacks",
            "drone raid",
            "drone raids",
            "uav attack",
            "uav attacks",
            "uav strike",
            "uav strikes",
            "kamikaze drone attack",
            "drone hit",
            "drone hits",
        ],
        T(DroneStrike),
    );
    add(
        &[
            "airstrike",
            "airstrikes",
            "air strike",
            "air strikes",
            "air-strike",
            "bombing",
            "bombings",
            "bombed",
            "aerial bomb",
            "aerial bombs",
            "glide bomb",
            "glide bombs",
            "guided bomb",
            "guided bombs",
        ],
        T(AirStrike),
    );
    add(
        &[
            "shelling",
            "shelled",
            "shells",
            "artillery fire",
            "artillery strike",
            "artillery strikes",
            "artillery attack",
            "mortar fire",
            "mortar attack",
            "mlrs attack",
            "rocket artillery",
        ],
        T(Shelling),
    );
    add(
        &[
            "strike",
            "strikes",
            "struck",
            "attack",
            "attacks",
            "attacked",
            "targeted",
            "targeting",
            "to target",
            "bombard*",
            "raid",
            "raids",
            "hit",
            "hits",
            "destroyed",
            "destruction",
            "assault on",
            "debris",
            "wreckage",
            "crashed into",
            "slammed into",
            "smashed into",
            "set fire to",
            "set ablaze",
            "sparked a fire",
            "came under fire",
            "came under attack",
            "come under fire",
            "came under shelling",
            "fired on",
            "fired at",
            "opened fire",
            "attacking",
            "hitting",
            "striking",
        ],
        G(Strike),
    );
    add(
        &[
            "launched", "launches", "launch", "fired", "fires at", "used",
        ],
        Cue::WeaponVerb,
    );
    add(
        &[
            "explosion",
            "explosions",
            "blast",
            "blasts",
            "blaze",
            "fireballs",
            "detonate",
            "detonated",
            "blowing up",
            "exploded",
            "detonation",
            "detonations",
            "loud bangs",
        ],
        G(Explosion),
    );
    add(
        &[
            "planted explosives",
            "planting explosives",
            "explosives",
            "explosive device",
            "explosive devices",
            "improvised explosive",
            "ied",
            "ieds",
            "landmine",
            "landmines",
            "car bomb",
            "sabotage",
            "saboteurs",
            "derailment",
            "derailed",
            "blow up",
            "blew up",
            "blown up",
            "mine explosion",
            "booby trap",
            "booby-trapped",
        ],
        T(Sabotage),
    );
    add(
        &[
            "intercepted",
            "intercept",
            "interception",
            "shot down",
            "downed",
            "neutralised",
            "neutralized",
            "repelled an air attack",
            "air defence destroyed",
            "air defense destroyed",
        ],
        T(Interception),
    );
    add(
        &[
            "clashes",
            "clashed",
            "clash",
            "fighting",
            "firefight",
            "ground assault",
            "counterattack",
            "counter-attack",
            "counteroffensive",
            "stormed",
            "repelled",
            "battles",
            "battle for",
            "combat engagements",
            "assaults",
            "fights",
            "fierce battles",
            "has fallen",
            "have fallen",
            "fell to",
            "captured",
            "seized",
            "took control",
            "taken control",
            "took the territory",
            "liberated",
            "recaptured",
            "retook",
            "pushed back",
            "advanced to",
            "advanced towards",
            "advanced toward",
            "offensive",
            "push in",
        ],
        T(ArmedClash),
    );
    add(
        &[
            "air raid siren",
            "air raid sirens",
            "air-raid siren",
            "air-raid sirens",
            "air sirens",
            "sirens",
            "air alert",
            "air raid alert",
            "air-raid alert",
            "air raid warning",
            "air-raid warning",
            "air alarm",
        ],
        T(AirAlert),
    );
    add(
        &[
            "security alert",
            "shelter in place",
            "travel advisory",
            "seek shelter",
            "warned citizens",
            "leave the country immediately",
        ],
        T(SecurityAlert),
    );
    add(
        &[
            "trapped",
            "besieged",
            "siege",
            "evacuat*",
            "humanitarian corridor",
            "humanitarian corridors",
            "shortages of food",
            "starvation",
            "displaced",
        ],
        T(Humanitarian),
    );
    add(
        &[
            "retaliat*",
            "will respond",
            "vowed",
            "vows",
            "threatened",
            "threatening",
            "threatens",
            "revenge",
            "will avenge",
            "will strike",
            "will hit",
        ],
        T(Threat),
    );
    add(
        &[
            "ceasefire",
            "cease-fire",
            "truce",
            "peace talks",
            "negotiat*",
            "neutral status",
            "summit",
            "peace deal",
            "peace plan",
            "prisoner exchange",
            "prisoner swap",
            "peace agreement",
            "memorandum",
        ],
        T(Diplomacy),
    );
    add(
        &[
            "signed an agreement",
            "signed a deal",
            "reached an agreement",
            "agreed on",
            "agreed to a ceasefire",
            "agreed a ceasefire",
            "exchanged prisoners",
        ],
        Cue::Agreed,
    );
    add(
        &[
            "authorized",
            "authorised",
            "permission to",
            "allowed ukraine",
            "military aid",
            "aid package",
            "weapons deliveries",
            "delivered",
            "deliveries of",
            "supply of",
            "security assistance",
            "will provide",
            "pledged",
        ],
        T(Aid),
    );
    add(
        &[
            "deployed",
            "deploy",
            "deploying",
            "redeploy*",
            "presence of",
            "posture",
            "reinforcements",
            "massing",
            "troop buildup",
            "moved troops",
        ],
        T(Deployment),
    );
    add(
        &["speech", "demanded", "demanding", "called on", "called for"],
        T(Statement),
    );

    // Sources and stances.
    add(
        &[
            "said",
            "says",
            "say",
            "stated",
            "states",
            "stating",
            "reported",
            "reports",
            "claimed",
            "claims",
            "claiming",
            "announced",
            "added",
            "noted",
            "told",
            "wrote",
            "mentioned",
            "posted",
            "declared",
            "asserted",
            "insisted",
            "informed",
            "revealed",
            "writes",
            "published",
            "showed",
            "reporting",
            "saying",
            "stating",
            "announcing",
            "assures",
            "assured",
            "stressed",
            "stresses",
            "emphasised",
            "emphasized",
            "explained",
            "specified",
            "clarified",
        ],
        Cue::Source(SourceCue::Says),
    );
    add(
        &["confirmed", "confirms", "acknowledged"],
        Cue::Source(SourceCue::Confirms),
    );
    add(
        &[
            "accused",
            "accuses",
            "accusing",
            "blamed",
            "blames",
            "blaming",
            "was behind",
            "were behind",
            "responsible for",
            "gave the order",
            "ordered",
            "behind the",
            "alleged",
            "alleges",
            "traded accusations",
            "trade accusations",
            "traded blame",
            "blamed each other",
            "accused each other",
            "blame each other",
            "accuse each other",
        ],
        Cue::Source(SourceCue::Blames),
    );
    add(
        &[
            "denied",
            "denies",
            "deny",
            "denying",
            "rejected the claim",
            "rejected claims",
            "dismissed the claim",
            "dismissed claims",
            "refuted",
            "had nothing to do",
            "not behind",
            "was not behind",
            "were not behind",
            "no involvement",
            "not involved in",
            "called the reports fake",
            "is fake",
            "not involved",
        ],
        Cue::Source(SourceCue::Denies),
    );
    add(
        &[
            "did not confirm",
            "didn't confirm",
            "refrained from confirming",
            "declined to confirm",
            "neither confirmed nor denied",
            "could not confirm",
            "cannot confirm",
            "can't confirm",
            "would not confirm",
            "did not have data",
            "had no information",
            "has no information",
            "have no information",
            "declined to comment",
            "unable to confirm",
            "refused to confirm",
            "not able to confirm",
            "no data",
            "did not comment",
            "refused to comment",
            "no comment",
            "not commented",
            "not claimed responsibility",
            "not claim responsibility",
            "not taken responsibility",
        ],
        Cue::Source(SourceCue::NotConfirmed),
    );
    add(&["according to", "citing", "cited"], Cue::According);
    add(
        &[
            "unverified",
            "unconfirmed",
            "not been verified",
            "not independently verified",
            "could not be independently verified",
            "could not be verified",
            "not been confirmed",
            "cannot be verified",
        ],
        Cue::Unverified,
    );
    add(
        &[
            "reportedly",
            "allegedly",
            "purportedly",
            "apparently",
            "speculation",
            "presumably",
            "believed to",
            "thought to",
            "suspected",
        ],
        Cue::Hedge,
    );
    add(
        &[
            "will",
            "would",
            "could",
            "might",
            "shall",
            "going to",
            "plans to",
            "planning to",
            "intends to",
            "threatens to",
            "threatened to",
            "vowed to",
            "preparing to",
            "prepares to",
            "ready to",
            "obliged to",
            "expected",
            "if",
            "may be",
            "imminent",
            "possible",
            "wants to",
            "to conduct",
            "to use",
        ],
        Cue::Modal,
    );
    add(
        &[
            "overnight",
            "today",
            "tonight",
            "this morning",
            "this evening",
            "earlier today",
            "earlier in the day",
            "last night",
            "on the night",
            "right now",
        ],
        Cue::Now,
    );
    add(
        &[
            "underway",
            "ongoing",
            "have been",
            "has been",
            "are being",
            "is being",
            "have also been",
            "has also been",
        ],
        Cue::Present,
    );
    add(
        &[
            "killed",
            "dead",
            "died",
            "deaths",
            "fatalities",
            "lives",
            "killing",
            "kills",
            "death toll",
            "bodies",
            "body",
            "perished",
            "slain",
            "kill",
            "dies",
        ],
        Cue::Casualty(Role::Killed),
    );
    add(
        &[
            "injured",
            "wounded",
            "hurt",
            "injuries",
            "injuring",
            "wounding",
            "hospitalised",
            "hospitalized",
            "injures",
            "wounds",
            "injury",
            "concussion",
        ],
        Cue::Casualty(Role::Injured),
    );
    add(&["casualties"], Cue::Casualty(Role::Casualties));
    add(
        &[
            "no casualties",
            "no one was killed",
            "nobody was killed",
            "no one was injured",
            "nobody was injured",
            "no injuries",
            "no deaths",
            "no fatalities",
            "no one was hurt",
            "nobody was hurt",
            "no victims",
            "without casualties",
        ],
        Cue::Zero(Role::Casualties),
    );
    add(
        &["no injuries were", "no one injured"],
        Cue::Zero(Role::Injured),
    );
    add(
        &[
            "shot down",
            "intercepted",
            "downed",
            "destroyed",
            "neutralised",
            "neutralized",
            "suppressed",
            "disabled",
            "disabling",
            "were intercepted",
            "was intercepted",
        ],
        Cue::Intercept,
    );
    add(
        &[
            "drones", "drone", "missiles", "missile", "rockets", "rocket", "uavs", "uav", "shells",
            "shell", "bombs", "bomb", "shaheds", "shahed", "mortar", "mortars",
        ],
        Cue::Munition,
    );
    add(
        &[
            "the report",
            "the reports",
            "this information",
            "the media reports",
            "these reports",
            "such reports",
            "the claim",
            "the claims",
            "this report",
        ],
        Cue::ReportAnaphor,
    );
    add(&["russian", "russia's", "russians"], Cue::Demonym("RU"));
    add(
        &["ukrainian", "ukraine's", "ukrainians"],
        Cue::Demonym("UA"),
    );
    add(&["kyiv's", "kiev's"], Cue::Demonym("UA"));
    add(&["moscow's"], Cue::Demonym("RU"));
    add(&["israeli", "israel's"], Cue::Demonym("IL"));
    add(&["belarusian"], Cue::Demonym("BY"));
    v
}

/// Phrases sharing one surface form keep every meaning: a match carries a list of cues.
struct Lexicon {
    /// Leftmost-longest matches: the one pass over the text.
    ac: AhoCorasick,
    /// Every match, overlaps included: for the rare stretch where the longest phrase ends
    /// inside a word.
    all: AhoCorasick,
    /// Per pattern: (cues, is_stem).
    meanings: Vec<(Vec<Cue>, bool)>,
}

static LEXICON: Lazy<Lexicon> = Lazy::new(|| {
    let mut patterns: Vec<String> = Vec::new();
    let mut meanings: Vec<(Vec<Cue>, bool)> = Vec::new();
    for (phrase, cue) in table() {
        let (p, stem) = match phrase.strip_suffix('*') {
            Some(p) => (p, true),
            None => (phrase, false),
        };
        if let Some(i) = patterns.iter().position(|q| q == p) {
            if !meanings[i].0.contains(&cue) {
                meanings[i].0.push(cue);
            }
        } else {
            patterns.push(p.to_string());
            meanings.push((vec![cue], stem));
        }
    }
    // Typographic apostrophes are matched as straight ones by normalising the patterns both
    // ways.
    let extra: Vec<(String, usize)> = patterns
        .iter()
        .enumerate()
        .filter(|(_, p)| p.contains('\''))
        .map(|(i, p)| (p.replace('\'', "\u{2019}"), i))
        .collect();
    for (p, i) in extra {
        patterns.push(p);
        let m = meanings[i].clone();
        meanings.push(m);
    }
    // The phrase table is a compile-time constant; building it cannot fail at run time.
    let build = |kind| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(kind)
            .build(&patterns)
            .expect("cue lexicon compiles")
    };
    Lexicon {
        ac: build(MatchKind::LeftmostLongest),
        all: build(MatchKind::Standard),
        meanings,
    }
});

/// One cue phrase found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct CueHit {
    pub start: usize,
    pub end: usize,
    pub cues: Vec<Cue>,
}

impl CueHit {
    pub fn has(&self, f: impl Fn(&Cue) -> bool) -> bool {
        self.cues.iter().any(f)
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80 || b == b'-'
}

/// Every cue phrase in `text`, in order. Overlapping phrases are not reported twice: the
/// longest phrase starting leftmost wins ("air raid sirens" over "sirens").
pub fn find_cues(text: &str) -> Vec<CueHit> {
    let lex = &*LEXICON;
    let bytes = text.as_bytes();
    // Where a phrase found at `s..e` really ends, or `None` when it starts or ends inside a word.
    let fits = |s: usize, e: usize, p: usize| -> Option<usize> {
        if s > 0 && is_word_byte(bytes[s - 1]) {
            return None;
        }
        let mut end = e;
        if lex.meanings[p].1 {
            while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                end += 1;
            }
        } else if end < bytes.len() && is_word_byte(bytes[end]) {
            return None;
        }
        Some(end)
    };
    let mut out: Vec<CueHit> = Vec::new();
    let mut push = |s: usize, end: usize, p: usize| {
        out.push(CueHit {
            start: s,
            end,
            cues: lex.meanings[p].0.clone(),
        })
    };
    let mut pos = 0;
    'search: while pos < bytes.len() {
        let mut failed = None;
        for m in lex.ac.find_iter(Input::new(text).span(pos..text.len())) {
            let (s, e, p) = (m.start(), m.end(), m.pattern().as_usize());
            if s < pos {
                continue;
            }
            match fits(s, e, p) {
                Some(end) => {
                    push(s, end, p);
                    pos = end;
                }
                None => {
                    failed = Some((s, e));
                    break;
                }
            }
        }
        let Some((s, e)) = failed else {
            break 'search;
        };
        // The longest phrase ends inside a word ("drone attack" in "drone attacked"): the
        // phrases that fit within the rest of that word, leftmost and longest first.
        let mut stop = e;
        while stop < bytes.len() && is_word_byte(bytes[stop]) {
            stop += 1;
        }
        let mut found: Vec<(usize, usize, usize)> = lex
            .all
            .find_overlapping_iter(Input::new(text).span(s..stop))
            .filter_map(|m| {
                let p = m.pattern().as_usize();
                fits(m.start(), m.end(), p).map(|end| (m.start(), end, p))
            })
            .collect();
        found.sort_unstable_by_key(|&(s, e, p)| (s, std::cmp::Reverse(e), p));
        let mut covered = s;
        for (fs, fe, p) in found {
            if fs >= covered {
                push(fs, fe, p);
                covered = fe;
            }
        }
        pos = covered.max(stop).max(s + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins_and_word_boundaries_hold() {
        let hits = find_cues("Air raid sirens sounded; the strikes hit. Strikers met.");
        assert_eq!(
            &"Air raid sirens sounded"[hits[0].start..hits[0].end],
            "Air raid sirens"
        );
        assert!(hits[0].has(|c| *c == Cue::Trigger(EventKind::AirAlert, Strength::Specific)));
        assert!(
            hits.iter().all(|h| h.start != 42),
            "Strikers is not strikes"
        );
    }

    #[test]
    fn stems_extend_to_the_whole_word() {
        let text = "Moscow vowed retaliation.";
        let hits = find_cues(text);
        let h = hits
            .iter()
            .find(|h| text[h.start..].starts_with("retal"))
            .unwrap();
        assert_eq!(&text[h.start..h.end], "retaliation");
    }

    /// Every phrase that fits the word boundaries, overlaps included, then the leftmost and
    /// longest without overlaps: what `find_cues` must give, found the slow way.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let lex = &*LEXICON;
        let bytes = text.as_bytes();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for m in lex.all.find_overlapping_iter(text) {
            let (s, e, p) = (m.start(), m.end(), m.pattern().as_usize());
            if s > 0 && is_word_byte(bytes[s - 1]) {
                continue;
            }
            let mut end = e;
            if lex.meanings[p].1 {
                while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                    end += 1;
                }
            } else if end < bytes.len() && is_word_byte(bytes[end]) {
                continue;
            }
            found.push((s, end, p));
        }
        found.sort_unstable_by_key(|&(s, e, p)| (s, std::cmp::Reverse(e), p));
        let mut out = Vec::new();
        let mut covered = 0;
        for (s, e, _) in found {
            if s >= covered {
                out.push((s, e));
                covered = e;
            }
        }
        out
    }

    #[test]
    fn a_phrase_cut_off_inside_a_word_leaves_the_one_that_fits() {
        let text = "An enemy drone attacked the farm; a drone attack followed.";
        let hits: Vec<&str> = find_cues(text)
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(hits, vec!["drone", "attacked", "drone attack"]);
    }

    proptest::proptest! {
        #[test]
        fn the_one_pass_finds_what_every_match_gives(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "drone", "drones", "attack", "attacked", "attacks", "missile", "strike",
                    "strikes", "struck", "shot", "down", "shelling", "the", "air", "raid",
                    "sirens", "killed", "and", "said", "no", "casualties", "retaliation",
                    "evacuated", "Kyiv", ",", ".", "-", "airstrike", "un", "verified",
                ]),
                0..30,
            )
        ) {
            let text = words.join(" ").replace(" ,", ",").replace(" - ", "-");
            let got: Vec<(usize, usize)> = find_cues(&text).iter().map(|h| (h.start, h.end)).collect();
            proptest::prop_assert_eq!(got, reference(&text));
        }
    }
}
