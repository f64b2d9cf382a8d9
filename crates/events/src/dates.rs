//! When a frame happened: a date in its sentence, a time-of-report word, the last date of its
//! paragraph, or the report's own time for present-tense reports.

use crate::analysis::{Analysis, SentView};
use crate::frames::{DateQuality, Frame};
use crate::lexicon::{Cue, CueHit};
use sitrep_model::{
    DatePrecision, EventDate, FieldSource, Mention, MentionValue, PartialDate, Span,
};

pub fn event_date(d: &sitrep_model::DateValue, text: &str, span: Span) -> EventDate {
    EventDate {
        start: d.start,
        end: d.end,
        precision: d.precision,
        text: text.to_string(),
        year_inferred: d.year_inferred,
        span: Some(span),
    }
}

impl<'a> Analysis<'a> {
    /// The first "now" phrase of the document, dated by a date mention covering it or by the
    /// publication date.
    pub(crate) fn find_now(&self) -> Option<(EventDate, Span)> {
        let c = self.cues.iter().find(|c| c.has(|q| *q == Cue::Now))?;
        self.now_date_at(c)
    }

    pub(crate) fn now_date_at(&self, c: &CueHit) -> Option<(EventDate, Span)> {
        let span = Span::new(c.start, c.end);
        for m in &self.mentions {
            if let MentionValue::Date(d) = &m.value {
                if m.span().overlaps(span) {
                    return Some((event_date(d, &m.text, m.span()), m.span()));
                }
            }
        }
        let p = self.doc.published?;
        let d = PartialDate::from_naive(p);
        Some((
            EventDate {
                start: d,
                end: d,
                precision: DatePrecision::Day,
                text: self.slice(c.start, c.end).to_string(),
                year_inferred: false,
                span: Some(span),
            },
            span,
        ))
    }

    pub(crate) fn date_before(&self, v: &SentView<'_>, pos: usize, nwords: usize) -> bool {
        let wi = Self::word_index(v, pos);
        let lo = v
            .words
            .get(wi.saturating_sub(nwords))
            .map_or(v.s.start, |w| w.0);
        v.mentions
            .iter()
            .any(|m| matches!(m.value, MentionValue::Date(_)) && m.start >= lo && m.end <= pos)
    }

    pub(crate) fn fill_date(&self, v: &SentView<'_>, f: &mut Frame) {
        let pos = f.trigger.start;
        // A date in the sentence, nearest the trigger.
        let mut best: Option<(usize, &Mention, &sitrep_model::DateValue)> = None;
        let mut statement: Option<(&Mention, &sitrep_model::DateValue)> = None;
        for m in v.mentions {
            if let MentionValue::Date(d) = &m.value {
                if self.is_statement_date(v, m) {
                    statement = statement.or(Some((m, d)));
                    continue;
                }
                let dist = if m.start >= pos {
                    m.start - pos
                } else {
                    pos - m.end
                };
                if best.is_none_or(|b| dist < b.0) {
                    best = Some((dist, m, d));
                }
            }
        }
        if let Some((_, m, d)) = best {
            f.date = Some((event_date(d, &m.text, m.span()), DateQuality::Sentence));
            self.date_prov(f, m.span(), "date in the sentence");
            return;
        }
        // A "now" word in the sentence.
        if let Some(c) = v.cues.iter().find(|c| c.has(|q| *q == Cue::Now)) {
            if let Some((d, span)) = self.now_date_at(c) {
                f.date = Some((d, DateQuality::Sentence));
                self.date_prov(f, span, "time-of-report word");
                return;
            }
        }
        // The day a source spoke of it, when the sentence gives no other.
        if let Some((m, d)) = statement {
            f.date = Some((event_date(d, &m.text, m.span()), DateQuality::Statement));
            self.date_prov(f, m.span(), "day of the statement reporting it");
            return;
        }
        // The last date earlier in the paragraph.
        if !v.s.heading {
            let para_start = self.sents[..v.idx]
                .iter()
                .rposition(|s| s.para != v.s.para)
                .map_or(0, |k| k + 1);
            let lo = self.sents.get(para_start).map_or(0, |s| s.start);
            // A day a source spoke on does not date what the paragraph goes on to report.
            let spoken = |m: &Mention| {
                let si = self.sents[..v.idx].partition_point(|s| s.end <= m.start);
                si < v.idx && self.is_statement_date(&self.view(si), m)
            };
            let prev = self
                .mentions
                .iter()
                .rev()
                .filter(|m| m.start >= lo && m.end <= v.s.start)
                .find_map(|m| match &m.value {
                    MentionValue::Date(d) if !spoken(m) => Some((*m, d)),
                    _ => None,
                });
            if let Some((m, d)) = prev {
                f.date = Some((event_date(d, &m.text, m.span()), DateQuality::Paragraph));
                self.date_prov(f, m.span(), "date earlier in the paragraph");
                return;
            }
        }
        // A present-tense report in a document that dates its "now".
        let present = v.cues.iter().any(|c| c.has(|q| *q == Cue::Present));
        if present && f.kind.is_violent() {
            if let Some((d, span)) = &self.now {
                if span.start < v.s.end {
                    f.date = Some((d.clone(), DateQuality::Now));
                    self.date_prov(f, *span, "present-tense report dated by the report's time");
                }
            }
        }
    }

    /// A date that says when a source spoke, not when the event happened: "the Air Force said
    /// on Sunday", "the Kremlin on Monday denied", "officials said Thursday".
    fn is_statement_date(&self, v: &SentView<'_>, m: &Mention) -> bool {
        let speech_at = |w: (usize, usize)| {
            v.cues
                .iter()
                .any(|c| c.start <= w.0 && c.end >= w.1 && c.has(|q| matches!(q, Cue::Source(_))))
        };
        let first = Self::word_index(v, m.start);
        let last = Self::word_index(v, m.end).saturating_sub(1);
        // A dateline, "KHARKIV, March 6 (Wire) -", dates the report.
        let lead = self.slice(v.s.start, m.start).trim_end();
        if let Some(city) = lead.strip_suffix(',') {
            let all_caps = !city.is_empty()
                && city
                    .chars()
                    .all(|c| c.is_uppercase() || c == ' ' || c == '-' || c == '\'');
            let after = self.slice(m.end, v.s.end).trim_start();
            if all_caps && after.starts_with(['(', '-', '\u{2013}', '\u{2014}']) {
                return true;
            }
        }
        let before = |k: usize| first.checked_sub(k).and_then(|i| v.words.get(i)).copied();
        // "said on Sunday", "said late on Friday": the verb right before the date phrase.
        if before(1).is_some_and(speech_at)
            || (before(1).is_some_and(|w| {
                matches!(
                    self.word_at(w).to_ascii_lowercase().as_str(),
                    "on" | "late" | "early"
                )
            }) && before(2).is_some_and(speech_at))
        {
            return true;
        }
        // "The Kremlin on Monday denied": the date between a source and its verb.
        v.words.get(last + 1).is_some_and(|&w| speech_at(w))
            && before(1).is_some_and(|w| {
                v.mentions.iter().any(|x| {
                    x.end == w.1
                        && matches!(x.value, MentionValue::Actor(_) | MentionValue::Place(_))
                })
            })
    }

    pub(crate) fn date_prov(&self, f: &mut Frame, span: Span, rule: &str) {
        f.provenance.push(FieldSource {
            field: "date".into(),
            start: span.start,
            end: span.end,
            text: self.slice(span.start, span.end).to_string(),
            rule: rule.into(),
        });
    }
}
