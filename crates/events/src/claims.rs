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
use sitrep_model::{ActorKind, Claim, Feature, MentionValue, Side, Span, Stance};

/// What the claim walk remembers between sentences.
#[derive(Debug, Default)]
pub struct ClaimState {
    /// The last source named: "they" and "the official" refer to it.
    last_source: Option<Source>,
    /// The frame of the last report by a news outlet: "the reports" refer to it.
    last_media_frame: Option<usize>,
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
];

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
    let head = if matches!(w0.as_str(), "the" | "this" | "that") {
        w1.as_str()
    } else {
        w0.as_str()
    };
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
        | "president" | "minister" | "mayor" | "commander" => match &state.last_source {
            Some(s) if s.kind == ActorKind::Person => Some(s.clone()),
            _ => last(&|s| s.kind == ActorKind::Person),
        },
        "kremlin" | "military" | "army" | "staff" => last(&|s| s.kind != ActorKind::Person),
        _ => None,
    };
    found.map(|mut s| {
        s.span = span;
        s
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
    while k > 0 && SKIP_BEFORE_VERB.contains(&lower(a, v.words[k - 1]).as_str()) {
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
        }
    }
    // b) Inverted: "..., said Peskov".
    for m in v.mentions {
        if m.start >= cue.1 && word_index(v, m.start) <= ci + 3 {
            let before = a.slice(v.s.start, cue.0).trim_end();
            let between = a.slice(cue.1, m.start).to_ascii_lowercase();
            let reported = between.contains("that") || between.contains(':');
            if !reported
                && (before.ends_with(',') || before.ends_with('\u{201D}') || before.ends_with('"'))
            {
                if let Some(s) = source_of(a, m, false) {
                    return Some((s, true));
                }
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

/// Adds the sentence's claims to its frames (or to the frames it refers back to).
pub fn attribute(
    a: &Analysis<'_>,
    v: &SentView<'_>,
    frames: &mut [Frame],
    first: usize,
    state: &mut ClaimState,
) {
    // (source, stance cue, content span, blame word in content, cue text)
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
                        .or_else(|| anaphor(a, v, ci, state));
                    if let Some(s) = src {
                        let text = a.slice(c.start, c.end).to_ascii_lowercase();
                        found.push((s, SourceCue::Says, (v.s.start, v.s.end), text));
                    }
                }
                Cue::Source(sc) => {
                    let Some((s, inverted)) = find_source(a, v, (c.start, c.end), state) else {
                        continue;
                    };
                    let after: Vec<_> = v.words.iter().filter(|w| w.0 >= c.end).collect();
                    let date_after = v
                        .mentions
                        .iter()
                        .any(|m| m.start >= c.end && matches!(m.value, MentionValue::Date(_)));
                    let content = if inverted
                        || (after.len() <= 3
                            && (after.is_empty() || date_after || after.len() <= 1)
                            && s.span.start > v.s.start)
                    {
                        (v.s.start, if inverted { c.start } else { s.span.start })
                    } else {
                        (c.end, v.s.end)
                    };
                    let text = a.slice(c.start, c.end).to_ascii_lowercase();
                    found.push((s, sc, content, text));
                }
                _ => continue,
            }
            break;
        }
    }
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
    let sentence_text = a.slice(v.s.start, v.s.end).to_string();
    for (s, sc, content, cue_text) in merged {
        let mut targets: Vec<usize> = (first..frames.len())
            .filter(|&i| {
                let f = &frames[i];
                !f.background && f.trigger.start >= content.0 && f.trigger.end <= content.1
            })
            .collect();
        if targets.is_empty() {
            let report_anaphor = v.cues.iter().any(|c| {
                c.start >= content.0 && c.end <= content.1 && c.has(|q| *q == Cue::ReportAnaphor)
            });
            let weapon = v.mentions.iter().find_map(|m| match &m.value {
                MentionValue::Weapon(w)
                    if m.start >= content.0 && m.end <= content.1 && !w.generic =>
                {
                    Some(w.name.clone())
                }
                _ => None,
            });
            let negative = matches!(sc, SourceCue::Denies | SourceCue::NotConfirmed);
            if report_anaphor {
                targets.extend(state.last_media_frame);
            } else if let Some(w) = weapon {
                targets.extend(
                    (0..first)
                        .rev()
                        .find(|&i| frames[i].weapons.iter().any(|x| x.name == w)),
                );
            } else if negative {
                // A denial always answers something already reported: the last attack.
                targets.extend((0..first).rev().find(|&i| frames[i].kind.is_violent()));
            }
        }
        let blame = sc == SourceCue::Blames && !cue_text.starts_with("alleg");
        let mut stance = crate::frames::stance_of(sc);
        let hedged = v
            .cues
            .iter()
            .any(|c| c.start >= content.0 && c.end <= content.1 && c.has(|q| *q == Cue::Hedge));
        if stance == Stance::Asserts && hedged && s.kind == ActorKind::Media {
            stance = Stance::Asserts;
        }
        let media_report = s.kind == ActorKind::Media && sc == SourceCue::Says;
        for &t in &targets {
            let info = ClaimInfo {
                claim: Claim {
                    source: s.name.clone(),
                    stance,
                    text: sentence_text.clone(),
                    start: v.s.start,
                    end: v.s.end,
                },
                side: s.side,
                kind: s.kind,
                country: s.country.clone(),
                blame,
                confirm: sc == SourceCue::Confirms,
            };
            let f = &mut frames[t];
            f.provenance.push(sitrep_model::FieldSource {
                field: "claims".into(),
                start: s.span.start,
                end: s.span.end,
                text: a.slice(s.span.start, s.span.end).to_string(),
                rule: format!("source of \"{cue_text}\""),
            });
            f.claims.push(info);
            if media_report {
                state.last_media_frame = Some(t);
            }
        }
        state.last_source = Some(s);
    }
}
