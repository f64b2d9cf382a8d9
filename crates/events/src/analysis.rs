//! A document prepared for frame building: its sentences, its mentions in text order and the
//! cue phrases found in it, with per-sentence views and the word and clause helpers every
//! field reader shares.

use crate::lexicon::{find_cues, CueHit};
use crate::text::{self, Sentence};
use sitrep_model::{Document, EventDate, Mention, Span};

pub(crate) fn lower_eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// A word in ASCII lower case, kept on the stack: the rules compare words with short lists of
/// keywords many times per sentence. Words longer than any keyword read as empty.
#[derive(Clone, Copy)]
pub(crate) struct Lower {
    buf: [u8; 24],
    len: usize,
}

impl Lower {
    pub(crate) fn of(word: &str) -> Self {
        let mut buf = [0u8; 24];
        let b = word.as_bytes();
        if b.len() > buf.len() {
            return Lower { buf, len: 0 };
        }
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        Lower { buf, len: b.len() }
    }

    pub(crate) fn as_str(&self) -> &str {
        // ASCII lower-casing keeps UTF-8 valid; a word cut short never happens (see `of`).
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// A document prepared for frame building.
pub struct Analysis<'a> {
    pub doc: &'a Document,
    pub text: &'a str,
    pub sents: Vec<Sentence>,
    pub mentions: Vec<&'a Mention>,
    pub cues: Vec<CueHit>,
    /// Per sentence: range into `mentions`, `cues` and `words`.
    sent_mentions: Vec<(usize, usize)>,
    sent_cues: Vec<(usize, usize)>,
    sent_words: Vec<(usize, usize)>,
    /// Every sentence's word spans, in order, found once.
    words: Vec<(usize, usize)>,
    /// The date the text calls "now" (overnight, today), if any.
    pub(crate) now: Option<(EventDate, Span)>,
}

/// Per-sentence view: words, mentions, cues.
pub struct SentView<'s> {
    pub idx: usize,
    pub s: &'s Sentence,
    pub words: &'s [(usize, usize)],
    pub mentions: &'s [&'s Mention],
    pub cues: &'s [CueHit],
}

impl<'a> Analysis<'a> {
    pub fn new(doc: &'a Document, mentions: &'a [Mention]) -> Self {
        let text = doc.text.as_str();
        let sents = text::split(text);
        let mut ms: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.start <= m.end && m.end <= text.len())
            .collect();
        ms.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        // A name inside a longer name of the same type ("AFU" in "AFU General Staff") is part
        // of it, not a mention of its own.
        let mut kept: Vec<&Mention> = Vec::with_capacity(ms.len());
        for m in ms {
            let inside = kept.iter().rev().take(4).any(|k| {
                k.start <= m.start
                    && m.end <= k.end
                    && (k.start, k.end) != (m.start, m.end)
                    && std::mem::discriminant(&k.value) == std::mem::discriminant(&m.value)
            });
            if !inside {
                kept.push(m);
            }
        }
        let ms = kept;
        let cues = find_cues(text);
        let range = |starts: &[usize], s: &Sentence| {
            let a = starts.partition_point(|&x| x < s.start);
            let b = starts.partition_point(|&x| x < s.end);
            (a, b)
        };
        let m_starts: Vec<usize> = ms.iter().map(|m| m.start).collect();
        let c_starts: Vec<usize> = cues.iter().map(|c| c.start).collect();
        let sent_mentions = sents.iter().map(|s| range(&m_starts, s)).collect();
        let sent_cues = sents.iter().map(|s| range(&c_starts, s)).collect();
        let mut words = Vec::with_capacity(text.len() / 5);
        let mut sent_words = Vec::with_capacity(sents.len());
        for s in &sents {
            let first = words.len();
            text::words_into(text, s.start, s.end, &mut words);
            sent_words.push((first, words.len()));
        }
        let mut a = Analysis {
            doc,
            text,
            sents,
            mentions: ms,
            cues,
            sent_mentions,
            sent_cues,
            sent_words,
            words,
            now: None,
        };
        a.now = a.find_now();
        a
    }

    /// The range of sentence `i`'s mentions in `mentions`.
    pub(crate) fn sent_mention_range(&self, i: usize) -> (usize, usize) {
        self.sent_mentions[i]
    }

    /// Whether sentence `i` holds a cue that `pred` accepts.
    pub(crate) fn sentence_has_cue(
        &self,
        i: usize,
        pred: impl Fn(&crate::lexicon::Cue) -> bool,
    ) -> bool {
        let (ca, cb) = self.sent_cues[i];
        self.cues[ca..cb].iter().any(|c| c.has(&pred))
    }

    pub fn view(&self, i: usize) -> SentView<'_> {
        let s = &self.sents[i];
        let (ma, mb) = self.sent_mentions[i];
        let (ca, cb) = self.sent_cues[i];
        let (wa, wb) = self.sent_words[i];
        SentView {
            idx: i,
            s,
            words: &self.words[wa..wb],
            mentions: &self.mentions[ma..mb],
            cues: &self.cues[ca..cb],
        }
    }

    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        self.text.get(a..b).unwrap_or("")
    }

    pub(crate) fn word_at(&self, w: (usize, usize)) -> &'a str {
        self.slice(w.0, w.1)
    }

    /// Index of the word containing or following byte `pos`.
    pub(crate) fn word_index(v: &SentView<'_>, pos: usize) -> usize {
        v.words.partition_point(|w| w.1 <= pos)
    }

    /// The clause around `pos`: bounded by semicolons, colons, dashes, brackets and by
    /// ", while" / ", but" / ", whereas".
    pub fn clause(&self, v: &SentView<'_>, pos: usize) -> (usize, usize) {
        let t = self.slice(v.s.start, v.s.end);
        let rel = pos.saturating_sub(v.s.start).min(t.len());
        let is_sep = |k: usize| -> usize {
            let r = &t[k..];
            for p in [
                "; ",
                ": ",
                " \u{2013} ",
                " \u{2014} ",
                " - ",
                ", while ",
                ", but ",
                ", whereas ",
                " (",
                ") ",
            ] {
                if r.starts_with(p) {
                    return p.len();
                }
            }
            0
        };
        let mut start = 0;
        let mut end = t.len();
        for (k, _) in t.char_indices() {
            let l = is_sep(k);
            if l > 0 {
                if k + l <= rel {
                    start = k + l;
                } else if k >= rel && k < end {
                    end = k;
                    break;
                }
            }
        }
        (v.s.start + start, v.s.start + end)
    }

    pub(crate) fn definite(&self, v: &SentView<'_>, pos: usize) -> bool {
        let wi = Self::word_index(v, pos);
        (1..=2).any(|k| {
            wi >= k
                && matches!(
                    self.word_at(v.words[wi - k]).to_ascii_lowercase().as_str(),
                    "the" | "this" | "that" | "these" | "those"
                )
        })
    }
}
