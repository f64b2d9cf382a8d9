//! What the words next to a name make of it: the phrase words after a name (region,
//! district, community and airport words), the words that say it names a settlement, and the
//! rules that tell a place from a person, a newspaper or a ship named after one.

use super::load::KeyRef;
use super::matching::{Kind, Match};
use super::tokens::Token;
use super::words::*;
use super::Gazetteer;
use sitrep_model::{Feature, Span};

/// What the neighbours of a name make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    Place,
    /// Part of a person's name.
    Person,
    /// A newspaper, a ship, a common word.
    Other,
}

impl Gazetteer {
    /// Marks the plain matches that may name a country.
    pub(super) fn mark_countries(&self, matches: &mut [Match]) {
        for m in matches.iter_mut().filter(|m| m.kind == Kind::Plain) {
            m.country_name = m
                .cands
                .iter()
                .any(|r| self.place(*r).feature == Feature::Country);
        }
    }

    /// Drops plain names that are not places by their neighbours: newspapers, ships, persons'
    /// names, common words opening a sentence or inside a longer name.
    pub(super) fn filter_matches(&self, toks: &[Token], matches: &mut Vec<Match>) {
        let ends: Vec<usize> = matches.iter().map(|m| m.tj).collect();
        let starts: Vec<usize> = matches.iter().map(|m| m.ti).collect();
        let verdicts: Vec<Verdict> = matches
            .iter()
            .map(|m| self.verdict(toks, m, &starts, &ends))
            .collect();
        // A name seen as part of a person's name once ("Mike Rogers") is a person's throughout.
        let people: Vec<&str> = matches
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| **v == Verdict::Person)
            .map(|(m, _)| m.key.as_str())
            .collect();
        let keep: Vec<bool> = matches
            .iter()
            .zip(&verdicts)
            .map(|(m, v)| {
                *v == Verdict::Place
                    && !(m.kind == Kind::Plain
                        && people.contains(&m.key.as_str())
                        && !self.is_major(&m.cands))
            })
            .collect();
        let mut k = keep.into_iter();
        matches.retain(|_| k.next().unwrap_or(true));
    }

    /// A country, a region or a city of 100,000 or more among the candidates.
    pub(super) fn is_major(&self, cands: &[KeyRef]) -> bool {
        cands.iter().any(|r| {
            let p = self.place(*r);
            matches!(
                p.feature,
                Feature::Country | Feature::Admin1 | Feature::Region
            ) || p.population.unwrap_or(0) >= 100_000
        })
    }

    /// A capitalised word that is no common or modifying word and no demonym: a first name or
    /// a surname when next to a name.
    fn is_name_word(&self, t: &Token) -> bool {
        t.cap
            && !t.upper
            && !t.norm.contains(' ')
            && t.norm.chars().all(|c| c.is_alphabetic())
            && !in_list(MODIFIERS, t.norm)
            && demonym_country(t.norm).is_none()
            && !self.d.english.contains(t.norm)
            && !self.d.common_names.contains(t.norm)
    }

    fn verdict(&self, toks: &[Token], m: &Match, starts: &[usize], ends: &[usize]) -> Verdict {
        if m.kind != Kind::Plain {
            return Verdict::Place;
        }
        if m.tj - m.ti == 1 && in_list(CALENDAR_WORDS, &m.key) {
            return Verdict::Other;
        }
        let first = &toks[m.ti];
        let last = &toks[m.tj - 1];
        let next = toks
            .get(m.tj)
            .filter(|n| n.joined_to_prev && !last.possessive);
        let prev = (m.ti > 0 && first.joined_to_prev).then(|| &toks[m.ti - 1]);
        // Countries and large regions keep their name next to other capitalised words; small
        // regions named like people ("Andreas", "Lara") do not.
        let strong = m.cands.iter().any(|r| {
            let rec = &self.d.records[r.idx as usize];
            match rec.place.feature {
                Feature::Country | Feature::Region => true,
                Feature::Admin1 => rec.rank_population >= 1_000_000,
                _ => false,
            }
        });
        if let Some(nx) = next {
            if nx.cap && in_list(ORG_WORDS, nx.norm) {
                return Verdict::Other;
            }
            // "Vladimir Putin", "Tyler Derden": a first name.
            if !strong
                && self.is_name_word(nx)
                && !starts.contains(&m.tj)
                && !in_list(REGION_WORDS, nx.norm)
                && !nx.sent_start
            {
                return Verdict::Person;
            }
            // "European Union": a common word inside a longer capitalised name.
            if m.needs_context && nx.cap && !nx.sent_start && !starts.contains(&m.tj) {
                return Verdict::Other;
            }
            if in_list(VESSEL_WORDS, nx.norm) {
                return Verdict::Other;
            }
            // "Rogers said": a small place does not speak.
            if in_list(SPEECH_VERBS, nx.norm) && !self.is_major(&m.cands) {
                return Verdict::Person;
            }
        }
        if let Some(pv) = prev {
            if in_list(VESSEL_WORDS, pv.norm) {
                return Verdict::Other;
            }
            if in_list(TITLES, pv.norm) && !strong {
                return Verdict::Person;
            }
            // A capitalised word before the name that is not a place, a common word (as in a
            // headline), a modifier or a demonym is a first name: the name is a surname.
            let prev_is_place = ends.contains(&m.ti);
            if !prev_is_place && !strong && self.is_name_word(pv) {
                return Verdict::Person;
            }
            if m.needs_context && pv.cap && !prev_is_place && !in_list(MODIFIERS, pv.norm) {
                return Verdict::Other;
            }
        }
        if m.needs_context && first.sent_start {
            return Verdict::Other;
        }
        Verdict::Place
    }
}

/// For each token, whether it overlaps a span already taken. A name's words are separated by
/// spaces only, so a name overlaps a taken span exactly when one of its words does.
pub(super) fn taken_tokens(toks: &[Token], taken: &[Span]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    for s in taken {
        let first = toks.partition_point(|t| t.end <= s.start);
        for (k, t) in toks.iter().enumerate().skip(first) {
            if t.start >= s.end {
                break;
            }
            if Span::new(t.start, t.end).overlaps(*s) {
                out[k] = true;
            }
        }
    }
    out
}

/// Whether a weapon word ("missile", "launcher") is among the three words from token `i` on,
/// within one stretch of text.
pub(super) fn weapon_word_follows(toks: &[Token], i: usize) -> bool {
    toks.iter()
        .skip(i)
        .take(3)
        .take_while(|t| t.joined_to_prev)
        .any(|t| t.norm.split(' ').any(|w| in_list(WEAPON_WORDS, w)))
}

/// The last token of a region word right after token `i`, if there is one.
pub(super) fn region_word_at(toks: &[Token], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    (t.joined_to_prev && word_kinds(t.norm) & REGION != 0).then_some(i)
}

/// The last token of an airport phrase starting at token `i`, if there is one.
pub(super) fn airport_phrase_at(toks: &[Token], i: usize) -> Option<usize> {
    // Every phrase starts with "a", "i", "m" or a Cyrillic letter.
    let first = toks.get(i)?;
    if !first.joined_to_prev
        || !matches!(
            first.norm.as_bytes().first(),
            Some(b'a' | b'i' | b'm' | 0xD0)
        )
        || word_kinds(first.norm) & AIRPORT_START == 0
    {
        return None;
    }
    for phrase in AIRPORT_PHRASES {
        let n = phrase.len();
        if i + n > toks.len() {
            continue;
        }
        if toks[i..i + n]
            .iter()
            .zip(phrase.iter())
            .all(|(t, w)| t.joined_to_prev && t.norm == *w)
        {
            return Some(i + n - 1);
        }
    }
    None
}

/// The start of a "the" right before token `i` ("the Kyiv region"), if there is one.
pub(super) fn article_start(text: &str, toks: &[Token], i: usize) -> Option<usize> {
    if i == 0 || !toks[i].joined_to_prev {
        return None;
    }
    let p = &toks[i - 1];
    let w = text.get(p.start..p.end)?;
    w.eq_ignore_ascii_case("the").then_some(p.start)
}

/// The kind and last token of a district or community phrase starting at token `i` ("district",
/// "raion", "territorial community", "city council"), if there is one.
pub(super) fn district_phrase_at(toks: &[Token], i: usize) -> Option<(Kind, usize)> {
    let t = toks.get(i)?;
    // Every word that starts such a phrase starts with one of these bytes (Cyrillic ones with
    // 0xD0 or 0xD1).
    if !t.joined_to_prev
        || t.norm.len() < 3
        || !matches!(
            t.norm.as_bytes()[0],
            b'd' | b'r' | b'a' | b'u' | b't' | b'h' | b'c' | b'v' | b's' | b'o' | 0xD0 | 0xD1
        )
    {
        return None;
    }
    let kinds = word_kinds(t.norm);
    if kinds & DISTRICT != 0 {
        return Some((Kind::District, i));
    }
    if kinds & COMMUNITY_START == 0 {
        return None;
    }
    for phrase in COMMUNITY_PHRASES {
        let n = phrase.len();
        if i + n <= toks.len()
            && toks[i..i + n]
                .iter()
                .zip(phrase.iter())
                .all(|(t, w)| t.joined_to_prev && t.norm == *w)
        {
            return Some((Kind::Community, i + n - 1));
        }
    }
    None
}

/// Whether the words before token `i` say it names a settlement: "village of X", "the town of
/// X", "village X".
/// `kinds` holds the [`word_kinds`] of each token.
pub(super) fn settlement_cue_before(toks: &[Token], kinds: &[u8], i: usize) -> bool {
    let word = |k: usize| toks.get(k).map(|t| t.norm);
    let settlement = |k: usize| kinds.get(k).is_some_and(|&w| w & SETTLEMENT != 0);
    if i >= 1 && settlement(i - 1) {
        return true;
    }
    i >= 2 && word(i - 1) == Some("of") && settlement(i - 2)
}

/// Whether the word at token `j` (right after a name) says the name is a settlement's: "X
/// village", "X town".
/// `kinds` holds the [`word_kinds`] of each token.
pub(super) fn settlement_cue_after(toks: &[Token], kinds: &[u8], j: usize) -> bool {
    toks.get(j).is_some_and(|t| t.joined_to_prev)
        && kinds.get(j).is_some_and(|&w| w & SETTLEMENT != 0)
}
