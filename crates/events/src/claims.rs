//! Claims: who asserts, alleges, denies or does not confirm each frame.
//!
//! [`attribute`] reads one sentence's source cues ("X said", "according to X", "X did not
//! confirm", "X accused Y of"), finds each cue's source (a named actor, or a pronoun or role
//! noun resolved to the last compatible actor: "the ministry", "he", "they") and the span of
//! what it reports, and adds a [`ClaimInfo`] to the frames inside that span. A cue whose
//! report names no happening of its own ("did not confirm the reports", "the use of ATACMS")
//! is tied back to the frame it refers to. [`ClaimState`] carries what later sentences need.

use crate::actors::side_of_country;
use crate::analysis::{Analysis, SentView};
use crate::frames::{ClaimInfo, Frame};
use crate::lexicon::{Cue, SourceCue};
use sitrep_model::{ActorKind, Claim, Feature, MentionValue, Side, Span};

/// What the claim walk remembers between sentences.
#[derive(Debug, Default)]
pub struct ClaimState {
    /// The last source named: "they" and "the official" refer to it.
    last_source: Option<Source>,
    /// The frame of the last report by a news outlet: "the reports" refer to it.
    last_media_frame: Option<usize>,
    /// Where a quotation still open at the end of the last sentence began, in this paragraph.
    open_quote: Option<(usize, usize)>,
    /// The speaker of a quotation opened after "X said:" and still open: its later
    /// sentences are X's words too.
    quote_speaker: Option<Speech>,
    /// The last report of this paragraph that ran to the end of its sentence ("..., the
    /// ministry said on Friday."): the paragraph's next sentences continue it unless they
    /// name a source of their own.
    paragraph_speech: Option<(usize, Speech)>,
}

/// A source and how it reports.
#[derive(Debug, Clone)]
struct Speech {
    source: Source,
    cue: SourceCue,
    cue_text: String,
    /// The sentence that names the source, quoted by the claim.
    sentence: Span,
}

/// A resolved claim source.
#[derive(Debug, Clone)]
struct Source {
    name: String,
    kind: ActorKind,
    country: Option<String>,
    side: Option<Side>,
    span: Span,
}

const PREPOSITIONS: &[&str] = &[
    "of", "with", "to", "for", "by", "from", "at", "on", "in", "during", "about", "since",
    "against", "into", "over", "near", "inside", "across", "within", "behind", "under", "toward",
    "towards", "beyond", "around", "like", "than",
];

const SKIP_BEFORE_VERB: &[&str] = &[
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
fn negated(a: &Analysis<'_>, v: &SentView<'_>, pos: usize) -> bool {
    let ci = word_index(v, pos);
    (1..=3).filter_map(|k| ci.checked_sub(k)).any(|k| {
        let w = lower(a, v.words[k]);
        w == "not" || w == "never" || w.ends_with("n't") || w.ends_with("n\u{2019}t")
    })
}

/// A name the catalogue does not know, standing right before word `verb`: two or three
/// capitalised words ("Oleh Synahubow announced"). Reported as a person.
fn unknown_name_before(a: &Analysis<'_>, v: &SentView<'_>, verb: usize) -> Option<Source> {
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
fn unknown_name_after(a: &Analysis<'_>, v: &SentView<'_>, after: usize) -> Option<Source> {
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
fn unknown_name(a: &Analysis<'_>, v: &SentView<'_>, from: usize, to: usize) -> Option<Source> {
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

fn word_index(v: &SentView<'_>, pos: usize) -> usize {
    v.words.partition_point(|w| w.1 <= pos)
}

fn lower(a: &Analysis<'_>, w: (usize, usize)) -> String {
    a.slice(w.0, w.1).to_ascii_lowercase()
}

/// The source a mention names, if it can speak: an actor, or a country.
fn source_of(a: &Analysis<'_>, m: &sitrep_model::Mention, places_ok: bool) -> Option<Source> {
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
fn anaphor(a: &Analysis<'_>, v: &SentView<'_>, wi: usize, state: &ClaimState) -> Option<Source> {
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
fn institution_before(a: &Analysis<'_>, v: &SentView<'_>, verb: usize) -> Option<usize> {
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
fn officials_of(a: &Analysis<'_>, v: &SentView<'_>) -> Option<Source> {
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
fn subject_start(a: &Analysis<'_>, v: &SentView<'_>, pos: usize) -> usize {
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

fn in_quote(a: &Analysis<'_>, v: &SentView<'_>, pos: usize) -> bool {
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
fn find_source(
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

fn rank(c: SourceCue) -> u8 {
    match c {
        SourceCue::Says => 1,
        SourceCue::Confirms => 2,
        SourceCue::Blames => 3,
        SourceCue::NotConfirmed => 4,
        SourceCue::Denies => 5,
    }
}

/// Adds the sentence's claims to its frames (or to the frames it refers back to), and carries
/// a report over to the sentences that continue it: the later sentences of a quotation, and
/// the rest of a paragraph that a source's report opened.
pub fn attribute(
    a: &Analysis<'_>,
    v: &SentView<'_>,
    frames: &mut [Frame],
    first: usize,
    state: &mut ClaimState,
) {
    if state
        .paragraph_speech
        .as_ref()
        .is_some_and(|(para, _)| *para != v.s.para)
    {
        state.paragraph_speech = None;
    }
    if state.open_quote.is_some_and(|(para, _)| para != v.s.para) {
        state.open_quote = None;
        state.quote_speaker = None;
    }
    // (source, stance cue, content span, cue text)
    let mut found: Vec<(Source, SourceCue, (usize, usize), String)> = Vec::new();
    for c in v.cues {
        for q in &c.cues {
            match *q {
                Cue::According => {
                    let ci = word_index(v, c.end);
                    let src = v
                        .mentions
                        .iter()
                        .find(|m| m.start >= c.end && word_index(v, m.start) <= ci + 2)
                        .and_then(|m| source_of(a, m, true))
                        .or_else(|| anaphor(a, v, ci, state))
                        .or_else(|| unknown_name_after(a, v, ci.saturating_sub(1)));
                    if let Some(s) = src {
                        let text = a.slice(c.start, c.end).to_ascii_lowercase();
                        found.push((s, SourceCue::Says, (v.s.start, v.s.end), text));
                    }
                }
                Cue::Source(sc) => {
                    let text = a.slice(c.start, c.end).to_ascii_lowercase();
                    let Some(sc) = negate(sc, &text, negated(a, v, c.start)) else {
                        continue;
                    };
                    let Some((s, inverted)) = find_source(a, v, (c.start, c.end), state) else {
                        continue;
                    };
                    let content = content_of(a, v, (c.start, c.end), &s, inverted);
                    // "Kyiv and Moscow have traded accusations": both speak.
                    if let Some(other) = coordinated_source(a, v, &s) {
                        found.push((other, sc, content, text.clone()));
                    }
                    found.push((s, sc, content, text));
                }
                _ => continue,
            }
            break;
        }
    }
    // "Podolyak said Ukraine was not behind the explosion": the denial is the speaker's, not
    // a claim of the state it names.
    let mut k = 0;
    while k < found.len() {
        let inner_pos = found[k].2 .0;
        let outer = found.iter().position(|o| {
            o.1 == SourceCue::Says
                && o.0.name != found[k].0.name
                && o.2 .0 < found[k].0.span.start
                && o.2 .1 >= inner_pos
                && o.0.span.end <= found[k].0.span.start
                && !a.slice(o.2 .0, found[k].0.span.start).contains([';', ':'])
        });
        match outer {
            Some(o) if found[k].1 != SourceCue::Says => {
                found[o].1 = found[k].1;
                found[o].3 = found[k].3.clone();
                found.remove(k);
            }
            _ => k += 1,
        }
    }
    // The sentences inside a quotation opened earlier are its speaker's words.
    let inherited = found.is_empty();
    if inherited {
        if let Some(sp) = state.quote_speaker.clone().or_else(|| {
            state
                .paragraph_speech
                .as_ref()
                .filter(|_| continues_report(a, v))
                .map(|p| p.1.clone())
        }) {
            for f in frames[first..].iter_mut().filter(|f| !f.background) {
                add_claim(a, f, &sp, "report continued from an earlier sentence");
            }
        }
    }
    track_quotes(a, v, state, &found);
    if found.is_empty() {
        return;
    }
    // A report whose content blames someone, with no source of its own, is an allegation.
    let blame_in = |content: (usize, usize)| {
        v.cues.iter().any(|c| {
            c.start >= content.0
                && c.end <= content.1
                && c.has(|q| *q == Cue::Source(SourceCue::Blames))
        })
    };
    // One stance per source: the strongest cue wins.
    let mut merged: Vec<(Source, SourceCue, (usize, usize), String)> = Vec::new();
    for (s, sc, content, text) in found {
        let sc = if sc == SourceCue::Says && blame_in(content) {
            SourceCue::Blames
        } else {
            sc
        };
        match merged.iter_mut().find(|m| m.0.name == s.name) {
            Some(m) => {
                if rank(sc) > rank(m.1) {
                    m.1 = sc;
                    m.3 = text;
                }
                m.2 = (m.2 .0.min(content.0), m.2 .1.max(content.1));
            }
            None => merged.push((s, sc, content, text)),
        }
    }
    let sentence = Span::new(v.s.start, v.s.end);
    for (s, sc, content, cue_text) in merged {
        // A quotation that began in an earlier sentence and ends in this one's report: its
        // earlier sentences' frames are the speaker's words too.
        let quote_start = state
            .open_quote
            .map(|(_, pos)| pos)
            .filter(|&pos| content.0 <= v.s.start && pos < v.s.start);
        let lo = quote_start.unwrap_or(content.0);
        let mut targets: Vec<usize> = (0..frames.len())
            .filter(|&i| {
                let f = &frames[i];
                (i >= first || quote_start.is_some())
                    && !f.background
                    && f.trigger.start >= lo
                    && f.trigger.end <= content.1
            })
            .collect();
        if targets.is_empty() {
            targets = referred_frames(a, v, frames, first, content, sc, state);
        }
        let speech = Speech {
            source: s.clone(),
            cue: sc,
            cue_text: cue_text.clone(),
            sentence,
        };
        let media_report = s.kind == ActorKind::Media && sc == SourceCue::Says;
        for &t in &targets {
            add_claim(a, &mut frames[t], &speech, "");
            if media_report {
                state.last_media_frame = Some(t);
            }
        }
        // A report that runs to the end of its sentence may go on in the next ones.
        if content.1 >= v.s.end && matches!(sc, SourceCue::Says | SourceCue::Confirms) {
            state.paragraph_speech = Some((v.s.para, speech));
        } else {
            state.paragraph_speech = None;
        }
        state.last_source = Some(s);
    }
}

/// The other half of a coordinated subject: "Kyiv and Moscow", "Russia and Ukraine".
fn coordinated_source(a: &Analysis<'_>, v: &SentView<'_>, s: &Source) -> Option<Source> {
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

/// Text before a reporting verb or its subject that ends the reported clause: a comma, a
/// closing quote or a dash ("Street fights are underway - assures the governor").
fn ends_clause(before: &str) -> bool {
    before.ends_with([',', '\u{201D}', '"', '-', '\u{2013}', '\u{2014}'])
}

/// The stance of a negated cue: "has not confirmed" and "did not claim" decline to confirm,
/// "was not behind" denies, "did not say" says nothing.
fn negate(sc: SourceCue, text: &str, negated: bool) -> Option<SourceCue> {
    if !negated {
        return Some(sc);
    }
    match sc {
        SourceCue::Confirms | SourceCue::Denies | SourceCue::NotConfirmed => {
            Some(SourceCue::NotConfirmed)
        }
        SourceCue::Blames => Some(SourceCue::Denies),
        SourceCue::Says if text.starts_with("claim") => Some(SourceCue::NotConfirmed),
        SourceCue::Says => None,
    }
}

/// What a source cue reports. ", the ministry said" after a clause reports that clause (and
/// what follows an "adding that"); "the ministry said that ..." reports what follows; "...,"
/// said Peskov" reports what precedes.
fn content_of(
    a: &Analysis<'_>,
    v: &SentView<'_>,
    cue: (usize, usize),
    s: &Source,
    inverted: bool,
) -> (usize, usize) {
    if inverted {
        return (v.s.start, cue.0);
    }
    let before_source = a.slice(v.s.start, s.span.start).trim_end();
    let before_source = before_source
        .strip_suffix(" the")
        .or_else(|| before_source.strip_suffix(" The"))
        .unwrap_or(before_source)
        .trim_end();
    let after_clause =
        s.span.start > v.s.start && s.span.start < cue.0 && ends_clause(before_source);
    if after_clause {
        return (v.s.start, v.s.end);
    }
    let after: Vec<_> = v.words.iter().filter(|w| w.0 >= cue.1).collect();
    let date_after = v
        .mentions
        .iter()
        .any(|m| m.start >= cue.1 && matches!(m.value, MentionValue::Date(_)));
    if after.len() <= 3
        && (after.is_empty() || date_after || after.len() <= 1)
        && s.span.start > v.s.start
    {
        (v.s.start, s.span.start)
    } else {
        // What follows the verb, up to a semicolon that starts another statement.
        let rest = a.slice(cue.1, v.s.end);
        let end = rest.find("; ").map_or(v.s.end, |k| cue.1 + k);
        (cue.1, end)
    }
}

/// The frames a report with no happening of its own refers to: the last media report for
/// "the reports", the last frame naming the same weapon system, or for a denial the last
/// attack reported (every attack of the last paragraphs when it speaks of "either" or
/// "both" of them).
fn referred_frames(
    a: &Analysis<'_>,
    v: &SentView<'_>,
    frames: &[Frame],
    first: usize,
    content: (usize, usize),
    sc: SourceCue,
    state: &ClaimState,
) -> Vec<usize> {
    let mut targets = Vec::new();
    let report_anaphor = v
        .cues
        .iter()
        .any(|c| c.start >= content.0 && c.end <= content.1 && c.has(|q| *q == Cue::ReportAnaphor));
    let weapon = v.mentions.iter().find_map(|m| match &m.value {
        MentionValue::Weapon(w) if m.start >= content.0 && m.end <= content.1 && !w.generic => {
            Some(w.name.clone())
        }
        _ => None,
    });
    let negative = matches!(sc, SourceCue::Denies | SourceCue::NotConfirmed);
    if report_anaphor {
        // "the reports", "denied the claim": the last report by a news outlet, else the last
        // attack some source claimed.
        targets.extend(state.last_media_frame.or_else(|| {
            (0..first)
                .rev()
                .find(|&i| frames[i].kind.is_violent() && !frames[i].claims.is_empty())
        }));
    } else if let Some(w) = weapon {
        targets.extend(
            (0..first)
                .rev()
                .find(|&i| frames[i].weapons.iter().any(|x| x.name == w)),
        );
    } else if v.cues.iter().any(|c| {
        c.start >= content.0
            && c.end <= content.1
            && c.has(|q| matches!(q, Cue::Casualty(_) | Cue::Zero(_)))
    }) && !negative
        && !v.mentions.iter().any(|m| {
            m.start >= content.0 && m.end <= content.1 && matches!(m.value, MentionValue::Place(_))
        })
    {
        // "Kyiv mayor Vitali Klitschko said three people were in hospital": the toll of the
        // attack just reported.
        targets.extend(
            (0..first)
                .rev()
                .find(|&i| frames[i].kind.is_violent() && frames[i].para + 1 >= v.s.para),
        );
    } else if negative {
        let text = a.slice(content.0, content.1).to_ascii_lowercase();
        let several = [
            "either",
            "both",
            "any of",
            "all of",
            "these",
            "the attacks",
            "the strikes",
            "the explosions",
            "the incidents",
            "any strikes",
            "any attacks",
        ]
        .iter()
        .any(|w| text.contains(w));
        if several {
            targets.extend(
                (0..first)
                    .filter(|&i| frames[i].kind.is_violent() && frames[i].para + 3 >= v.s.para),
            );
        } else {
            // A denial always answers something already reported: the last attack.
            targets.extend((0..first).rev().find(|&i| frames[i].kind.is_violent()));
        }
    }
    targets
}

/// A sentence that goes on with the report before it: it names no source and no actor of
/// its own before its verb, and is not a quotation of someone else.
fn continues_report(a: &Analysis<'_>, v: &SentView<'_>) -> bool {
    let t = a.slice(v.s.start, v.s.end);
    if t.starts_with(['"', '\u{201C}']) {
        return false;
    }
    let first_words = v.words.get(3).map_or(v.s.end, |w| w.1);
    !v.mentions.iter().any(|m| {
        m.start < first_words
            && matches!(&m.value, MentionValue::Actor(x) if x.kind != ActorKind::ArmedForce)
    })
}

/// Remembers where a quotation opened in this sentence stays open, and who speaks it when
/// the sentence introduced it ("X said: “...").
fn track_quotes(
    a: &Analysis<'_>,
    v: &SentView<'_>,
    state: &mut ClaimState,
    found: &[(Source, SourceCue, (usize, usize), String)],
) {
    let t = a.slice(v.s.start, v.s.end);
    // No quotation mark (straight, or curly: E2 80 9C/9D): whatever was open stays open.
    let b = t.as_bytes();
    let quoted = memchr::memchr2_iter(b'"', 0xE2, b).any(|i| {
        b[i] == b'"' || (b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C | 0x9D)))
    });
    if !quoted {
        return;
    }
    let mut open = state.open_quote.map(|(_, p)| p);
    let mut straight_open = false;
    for (k, c) in t.char_indices() {
        match c {
            '\u{201C}' => open = Some(v.s.start + k),
            '\u{201D}' => open = None,
            '"' => {
                if straight_open || open.is_some() {
                    open = None;
                    straight_open = false;
                } else {
                    open = Some(v.s.start + k);
                    straight_open = true;
                }
            }
            _ => {}
        }
    }
    match open {
        Some(p) => {
            let newly = state.open_quote.is_none();
            state.open_quote = Some((v.s.para, p));
            if newly {
                // "X said: “..." leaves X speaking until the quotation closes.
                state.quote_speaker =
                    found
                        .iter()
                        .find(|f| f.2 .0 < p && f.2 .1 >= p)
                        .map(|f| Speech {
                            source: f.0.clone(),
                            cue: f.1,
                            cue_text: f.3.clone(),
                            sentence: Span::new(v.s.start, v.s.end),
                        });
            }
        }
        None => {
            state.open_quote = None;
            state.quote_speaker = None;
        }
    }
}

/// Adds one claim to a frame, with its provenance.
fn add_claim(a: &Analysis<'_>, f: &mut Frame, sp: &Speech, rule: &str) {
    let s = &sp.source;
    if f.claims
        .iter()
        .any(|c| c.claim.source == s.name && c.claim.start == sp.sentence.start)
    {
        return;
    }
    let blame = sp.cue == SourceCue::Blames && !sp.cue_text.starts_with("alleg");
    let info = ClaimInfo {
        claim: Claim {
            source: s.name.clone(),
            stance: crate::frames::stance_of(sp.cue),
            text: a.slice(sp.sentence.start, sp.sentence.end).to_string(),
            start: sp.sentence.start,
            end: sp.sentence.end,
        },
        side: s.side,
        kind: s.kind,
        country: s.country.clone(),
        blame,
        confirm: sp.cue == SourceCue::Confirms,
    };
    let rule = if rule.is_empty() {
        format!("source of \"{}\"", sp.cue_text)
    } else {
        rule.to_string()
    };
    f.provenance.push(sitrep_model::FieldSource {
        field: "claims".into(),
        start: s.span.start,
        end: s.span.end,
        text: a.slice(s.span.start, s.span.end).to_string(),
        rule,
    });
    f.claims.push(info);
}
