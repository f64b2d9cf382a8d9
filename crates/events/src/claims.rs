//! Claims: who asserts, alleges, denies or does not confirm each frame.
//!
//! [`attribute`] reads one sentence's source cues ("X said", "according to X", "X did not
//! confirm", "X accused Y of"), finds each cue's source (a named actor, or a pronoun or role
//! noun resolved to the last compatible actor: "the ministry", "he", "they") and the span of
//! what it reports, and adds a [`ClaimInfo`] to the frames inside that span. A cue whose
//! report names no happening of its own ("did not confirm the reports", "the use of ATACMS")
//! is tied back to the frame it refers to. [`ClaimState`] carries what later sentences need.

mod sources;

use crate::analysis::{Analysis, SentView};
use crate::frames::{ClaimInfo, Frame};
use crate::lexicon::{Cue, SourceCue};
use sitrep_model::{ActorKind, Claim, MentionValue, Span};
use sources::{
    anaphor, coordinated_source, find_source, negated, source_of, unknown_name_after, word_index,
    Source,
};

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

/// Text before a reporting verb or its subject that ends the reported clause: a comma, a
/// closing quote or a dash ("Street fights are underway - assures the governor").
pub(super) fn ends_clause(before: &str) -> bool {
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
        // "the mayor said four people were in hospital": the toll of the
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
