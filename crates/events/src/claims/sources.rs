//! Who speaks: the source of a reporting verb, named in the catalogue, referred to again
//! ("the ministry", "he", "the general"), named only by office ("the regional military
//! administration", "local officials") or by a name the catalogue does not know ("Oleh
//! Synahubow announced").

use super::{ends_clause, ClaimState};
use crate::actors::side_of_country;
use crate::analysis::{Analysis, SentView};
use sitrep_model::{ActorKind, Feature, MentionValue, Side, Span};

/// A resolved claim source.
#[derive(Debug, Clone)]
pub(super) struct Source {
    pub(super) name: String,
    pub(super) kind: ActorKind,
    pub(super) country: Option<String>,
    pub(super) side: Option<Side>,
    pub(super) span: Span,
}

pub(super) const PREPOSITIONS: &[&str] = &[
    "of", "with", "to", "for", "by", "from", "at", "on", "in", "during", "about", "since",
    "against", "into", "over", "near", "inside", "across", "within", "behind", "under", "toward",
    "towards", "beyond", "around", "like", "than",
];

pub(super) const SKIP_BEFORE_VERB: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "later",
    "previously",
    "earlier",
    "then",
    "further",
    "officially",
    "publicly",
    "separately",
    "once",
    "again",
    "repeatedly",
    "directly",
    "has also",
    "had also",
    "been",
    "not",
    "never",
    "yet",
    "immediately",
    "did",
    "does",
    "do",
    "didn't",
    "hasn't",
    "haven't",
    "hadn't",
    "doesn't",
    "don't",
    "would",
    "could",
    "reportedly",
];

/// Whether the source cue at `pos` is negated: "has not confirmed", "did not claim", "never
/// denied". Adverbs between the negation and the verb do not matter.
pub(super) fn negated(a: &Analysis<'_>, v: &SentView<'_>, pos: usize) -> bool {
    let ci = word_index(v, pos);
    (1..=3).filter_map(|k| ci.checked_sub(k)).any(|k| {
        let w = lower(a, v.words[k]);
        w == "not" || w == "never" || w.ends_with("n't") || w.ends_with("n\u{2019}t")
    })
}

/// A name the catalogue does not know, standing right before word `verb`: two or three
/// capitalised words ("Oleh Synahubow announced"). Reported as a person.
pub(super) fn unknown_name_before(
    a: &Analysis<'_>,
    v: &SentView<'_>,
    verb: usize,
) -> Option<Source> {
    let mut from = verb.min(v.words.len());
    while from > 0 && verb - from < 3 {
        let w = v.words[from - 1];
        let capital = a.slice(w.0, w.1).starts_with(|c: char| c.is_uppercase());
        let next = v.words.get(from).map_or(w.1, |n| n.0);
        if !capital || a.slice(w.1, next) != " " {
            break;
        }
        from -= 1;
    }
    unknown_name(a, v, from, verb)
}

/// A name the catalogue does not know, right after word `after`: ", said Serhij Hajdaj".
pub(super) fn unknown_name_after(
    a: &Analysis<'_>,
    v: &SentView<'_>,
    after: usize,
) -> Option<Source> {
    let first = after + 1;
    let mut to = first;
    while to < v.words.len() && to - first < 3 {
        let w = v.words[to];
        if !a.slice(w.0, w.1).starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        if to > first && a.slice(v.words[to - 1].1, w.0) != " " {
            break;
        }
        to += 1;
    }
    unknown_name(a, v, first, to)
}

/// The capitalised words `from..to` as a person's name, when they look like one.
pub(super) fn unknown_name(
    a: &Analysis<'_>,
    v: &SentView<'_>,
    from: usize,
    to: usize,
) -> Option<Source> {
    if to < from + 2 || to > from + 3 || to > v.words.len() {
        return None;
    }
    let words = &v.words[from..to];
    let all_cap = words.iter().all(|w| {
        let t = a.slice(w.0, w.1);
        t.chars().next().is_some_and(char::is_uppercase)
            && t.chars()
                .skip(1)
                .all(|c| c.is_lowercase() || c == '-' || c == '\'')
            && t.len() > 1
    });
    // A sentence-initial word, a mention or a function word is not part of a name. A place
    // name after a title is a person's name ("mayor Andriy Sadovyi").
    let titled = from >= 1
        && matches!(
            lower(a, v.words[from - 1]).as_str(),
            "mayor"
                | "governor"
                | "head"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "minister"
                | "commander"
                | "chief"
                | "adviser"
                | "advisor"
                | "general"
                | "colonel"
                | "president"
                | "deputy"
                | "official"
                | "secretary"
                | "ambassador"
        );
    let known = v.mentions.iter().any(|m| {
        m.start < words[words.len() - 1].1
            && m.end > words[0].0
            && !(titled && matches!(m.value, MentionValue::Place(_)))
    });
    let function = words.iter().any(|w| {
        matches!(
            lower(a, *w).as_str(),
            "the"
                | "a"
                | "an"
                | "he"
                | "she"
                | "they"
                | "it"
                | "this"
                | "that"
                | "but"
                | "and"
                | "in"
                | "on"
                | "as"
                | "when"
                | "officials"
                | "media"
                | "police"
        )
    });
    if !all_cap || known || function {
        return None;
    }
    let span = Span::new(words[0].0, words[words.len() - 1].1);
    Some(Source {
        name: a.slice(span.start, span.end).to_string(),
        kind: ActorKind::Person,
        country: None,
        side: None,
        span,
    })
}

pub(super) fn word_index(v: &SentView<'_>, pos: usize) -> usize {
    v.words.partition_point(|w| w.1 <= pos)
}

pub(super) fn lower(a: &Analysis<'_>, w: (usize, usize)) -> String {
    a.slice(w.0, w.1).to_ascii_lowercase()
}

/// The source a mention names, if it can speak: an actor, or a country.
pub(super) fn source_of(
    a: &Analysis<'_>,
    m: &sitrep_model::Mention,
    places_ok: bool,
) -> Option<Source> {
    match &m.value {
        MentionValue::Actor(act) => Some(Source {
            name: act.name.clone(),
            kind: act.kind,
            country: act.country.clone(),
            side: act
                .side
                .or_else(|| act.country.as_deref().and_then(side_of_country)),
            span: m.span(),
        }),
        MentionValue::Place(p) if places_ok && p.feature == Feature::Country => Some(Source {
            name: p.name.clone(),
            kind: ActorKind::State,
            country: p.country.clone(),
            side: p.country.as_deref().and_then(side_of_country),
            span: m.span(),
        }),
        // A capital speaking for its state: "Kyiv and Moscow traded accusations".
        MentionValue::Place(p) if places_ok => {
            let (_, cc) = crate::places::CAPITALS
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(&p.name))?;
            let state = match *cc {
                "UA" => "Ukraine",
                "RU" => "Russia",
                "BY" => "Belarus",
                "US" => "United States",
                _ => return None,
            };
            Some(Source {
                name: state.to_string(),
                kind: ActorKind::State,
                country: Some(cc.to_string()),
                side: side_of_country(cc),
                span: m.span(),
            })
        }
        _ => {
            let _ = a;
            None
        }
    }
}

/// Resolves a pronoun or role noun starting at word `wi` to the last compatible actor named
/// before `pos`.
pub(super) fn anaphor(
    a: &Analysis<'_>,
    v: &SentView<'_>,
    wi: usize,
    state: &ClaimState,
) -> Option<Source> {
    let w0 = lower(a, *v.words.get(wi)?);
    let w1 = v
        .words
        .get(wi + 1)
        .map(|&w| lower(a, w))
        .unwrap_or_default();
    let determined = matches!(w0.as_str(), "the" | "this" | "that");
    let head = if determined { w1.as_str() } else { w0.as_str() };
    let pos = v.words[wi].0;
    let last = |pred: &dyn Fn(&Source) -> bool| -> Option<Source> {
        a.mentions
            .iter()
            .rev()
            .filter(|m| m.end <= pos)
            .filter_map(|m| source_of(a, m, false))
            .find(|s| pred(s))
    };
    let span = Span::new(v.words[wi].0, v.words[wi].1);
    let found = match head {
        "he" | "she" => last(&|s| s.kind == ActorKind::Person),
        "they" | "it" => match &state.last_source {
            Some(s) if s.kind != ActorKind::Person => Some(s.clone()),
            _ => last(&|s| s.kind != ActorKind::Person),
        },
        "ministry" | "mod" | "department" => {
            last(&|s| s.name.to_ascii_lowercase().contains("ministry"))
        }
        "agency" | "publication" | "outlet" | "newspaper" | "channel" | "paper" | "broadcaster" => {
            last(&|s| s.kind == ActorKind::Media)
        }
        "official" | "source" | "spokesman" | "spokesperson" | "spokeswoman" | "governor"
        | "president" | "minister" | "mayor" | "commander" | "general" | "adviser" | "advisor"
        | "chief" | "head" | "aide" | "prosecutor" | "ambassador" | "envoy" => {
            match &state.last_source {
                Some(s) if s.kind == ActorKind::Person => Some(s.clone()),
                _ => last(&|s| s.kind == ActorKind::Person),
            }
        }
        // "the military said", but not the "military" of "the regional military
        // administration".
        "kremlin" | "military" | "army" | "staff" if determined => {
            last(&|s| s.kind != ActorKind::Person)
        }
        // "the authorities said", "local officials said": officials of the country the
        // sentence is set in.
        "authorities" | "officials" => officials_of(a, v),
        "local" | "regional"
            if matches!(
                w1.as_str(),
                "authorities" | "officials" | "official" | "administration"
            ) =>
        {
            officials_of(a, v)
        }
        _ => None,
    };
    found.map(|mut s| {
        s.span = span;
        s
    })
}

/// Whether the words before word `verb` name an office without naming it in the catalogue:
/// "the regional military administration", "the city's police", "the prosecutor's office".
/// Returns the first word of the phrase.
pub(super) fn institution_before(a: &Analysis<'_>, v: &SentView<'_>, verb: usize) -> Option<usize> {
    let words: Vec<usize> = (1..=6)
        .filter_map(|k| verb.checked_sub(k))
        .take_while(|&i| {
            !a.slice(v.words[i].1, v.words[i + 1].0)
                .contains([',', ';', ':'])
        })
        .collect();
    let named = words.iter().take(4).any(|&i| {
        matches!(
            lower(a, v.words[i]).as_str(),
            "administration"
                | "police"
                | "office"
                | "authorities"
                | "officials"
                | "council"
                | "governor"
                | "mayor"
                | "prosecutors"
                | "prosecutor"
                | "command"
                | "group"
                | "service"
                | "services"
                | "rescuers"
                | "administrations"
                | "official"
        )
    });
    if !named {
        return None;
    }
    // The phrase starts after its article: "the regional military administration".
    let start = words
        .iter()
        .copied()
        .find(|&i| {
            matches!(
                lower(a, v.words[i]).as_str(),
                "the" | "a" | "local" | "regional"
            )
        })
        .unwrap_or(*words.last()?);
    Some(start)
}

/// Officials named only as such ("the authorities", "local officials"), credited to the
/// country of the sentence's places: "Ukrainian officials" for a sentence set in Kherson.
pub(super) fn officials_of(a: &Analysis<'_>, v: &SentView<'_>) -> Option<Source> {
    // The country of the first town or region named, or of the first country.
    let place_country = |local: bool| {
        v.mentions.iter().find_map(|m| match &m.value {
            MentionValue::Place(p) if (p.feature != Feature::Country) == local => p.country.clone(),
            _ => None,
        })
    };
    let cc = place_country(true).or_else(|| place_country(false))?;
    let demonym = match cc.as_str() {
        "UA" => "Ukrainian",
        "RU" => "Russian",
        "BY" => "Belarusian",
        _ => return None,
    };
    let _ = a;
    Some(Source {
        name: format!("{demonym} officials"),
        kind: ActorKind::Institution,
        side: side_of_country(&cc),
        country: Some(cc),
        span: Span::new(v.s.start, v.s.start),
    })
}

/// The clause a cue's subject can be found in: from the sentence start, or after the last
/// closing quote before the cue.
pub(super) fn subject_start(a: &Analysis<'_>, v: &SentView<'_>, pos: usize) -> usize {
    let t = a.slice(v.s.start, pos);
    let mut start = v.s.start;
    let mut open: Option<usize> = None;
    for (k, c) in t.char_indices() {
        let closing = c == '\u{201D}' || (c == '"' && open.is_some());
        if closing {
            // A quoted name ("RBC-Ukraine") is not a quotation the subject follows.
            if open.is_some_and(|o| k - o > 40) {
                start = v.s.start + k + c.len_utf8();
            }
            open = None;
        } else if c == '\u{201C}' || c == '"' {
            open = Some(k);
        }
    }
    start
}

pub(super) fn in_quote(a: &Analysis<'_>, v: &SentView<'_>, pos: usize) -> bool {
    let t = a.slice(v.s.start, pos);
    // A name in quotation marks ("the publication \"RBC-Ukraine\"") is not a quotation.
    if t.ends_with('"') || t.ends_with('\u{201C}') {
        return false;
    }
    let open = t.matches('\u{201C}').count();
    let close = t.matches('\u{201D}').count();
    open > close || t.matches('"').count() % 2 == 1
}

/// The source of a verb cue and whether it follows the verb.
pub(super) fn find_source(
    a: &Analysis<'_>,
    v: &SentView<'_>,
    cue: (usize, usize),
    state: &ClaimState,
) -> Option<(Source, bool)> {
    let ci = word_index(v, cue.0);
    // a) The subject right before the verb: "the Kremlin said", "he added".
    let mut k = ci;
    // Adverbs, auxiliaries and a date may stand between the subject and its verb: "the
    // Kremlin on Monday denied".
    let dated = |w: (usize, usize)| {
        v.mentions
            .iter()
            .any(|m| m.start <= w.0 && m.end >= w.1 && matches!(m.value, MentionValue::Date(_)))
    };
    while k > 0
        && (SKIP_BEFORE_VERB.contains(&lower(a, v.words[k - 1]).as_str()) || dated(v.words[k - 1]))
    {
        k -= 1;
    }
    if k > 0 {
        let w = v.words[k - 1];
        let gap = a.slice(w.1, v.words[k].0.min(cue.0));
        if !gap.contains(',') {
            if let Some(m) = v.mentions.iter().find(|m| m.start <= w.0 && m.end >= w.1) {
                let mwi = word_index(v, m.start);
                let prev = if mwi > 0 {
                    lower(a, v.words[mwi - 1])
                } else {
                    String::new()
                };
                if !PREPOSITIONS.contains(&prev.as_str()) {
                    if let Some(s) = source_of(a, m, true) {
                        return Some((s, false));
                    }
                }
            }
            for back in 1..=2 {
                if k >= back {
                    if let Some(s) = anaphor(a, v, k - back, state) {
                        return Some((s, false));
                    }
                }
            }
            if let Some(s) = unknown_name_before(a, v, k) {
                return Some((s, false));
            }
            // "the regional military administration said", "the Kharkiv regional prosecutor's
            // office said", "police said": officials of the country the sentence is set in.
            if let Some(first) = institution_before(a, v, k) {
                if let Some(mut s) = officials_of(a, v) {
                    s.span = Span::new(v.words[first].0, v.words[k - 1].1);
                    return Some((s, false));
                }
            }
        }
    }
    // b) Inverted: "..., said Peskov".
    for m in v.mentions {
        if m.start >= cue.1 && word_index(v, m.start) <= ci + 3 {
            let before = a.slice(v.s.start, cue.0).trim_end();
            let between = a.slice(cue.1, m.start).to_ascii_lowercase();
            let reported = between.contains("that") || between.contains(':');
            if !reported && ends_clause(before) {
                if let Some(s) = source_of(a, m, false) {
                    return Some((s, true));
                }
            }
        }
    }
    {
        let before = a.slice(v.s.start, cue.0).trim_end();
        if ends_clause(before) {
            if let Some(s) = unknown_name_after(a, v, word_index(v, cue.1).saturating_sub(1)) {
                return Some((s, true));
            }
        }
    }
    // c) The first actor of the clause that is not inside a prepositional phrase or a
    // possessive: "Zelensky, responding to ..., refrained from confirming".
    let start = subject_start(a, v, cue.0);
    let quoted = in_quote(a, v, cue.0);
    for m in v.mentions {
        if m.start < start || m.end > cue.0 {
            continue;
        }
        if !quoted && in_quote(a, v, m.start) {
            continue;
        }
        let mwi = word_index(v, m.start);
        let prev = if mwi > 0 {
            lower(a, v.words[mwi - 1])
        } else {
            String::new()
        };
        let poss = a.slice(m.end, (m.end + 3).min(a.text.len()));
        if PREPOSITIONS.contains(&prev.as_str())
            || poss.starts_with("'s")
            || poss.starts_with("\u{2019}s")
        {
            continue;
        }
        // A modifier of the next name ("the AFU General Staff") is not the speaker.
        let modifier = v
            .mentions
            .iter()
            .any(|n| n.start > m.end && a.slice(m.end, n.start).trim().is_empty());
        if modifier {
            continue;
        }
        if let Some(s) = source_of(a, m, false) {
            return Some((s, false));
        }
    }
    // A pronoun subject at the clause start: "He also said", "They added".
    let swi = word_index(v, start);
    if swi < ci {
        if let Some(s) = anaphor(a, v, swi, state) {
            return Some((s, false));
        }
    }
    None
}

/// The other half of a coordinated subject: "Kyiv and Moscow", "Russia and Ukraine".
pub(super) fn coordinated_source(a: &Analysis<'_>, v: &SentView<'_>, s: &Source) -> Option<Source> {
    v.mentions.iter().find_map(|m| {
        let joined = (m.end <= s.span.start && a.slice(m.end, s.span.start).trim() == "and")
            || (m.start >= s.span.end && a.slice(s.span.end, m.start).trim() == "and");
        if joined {
            source_of(a, m, true)
        } else {
            None
        }
    })
}
