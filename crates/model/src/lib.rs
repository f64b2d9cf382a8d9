//! The shared data model of sitrep.
//!
//! Every stage of the pipeline speaks these types:
//!
//! - [`Document`]: one article after ingestion, with its cleaned `text`. All offsets anywhere in
//!   the model are byte offsets into that text, and they are never rewritten once produced.
//! - [`Mention`]: something a recogniser found in the text (a [`Place`], [`Actor`], [`Weapon`],
//!   [`DateValue`] or quantity [`Count`]), tied to its [`Span`].
//! - [`Event`]: one reported happening with its [`EventKind`], [`Acled`] code, date, location,
//!   actors, weapons, [`Counts`], [`Claim`]s, [`Status`] and evidence spans.
//! - [`DocumentRecord`]: what `sitrep extract --format jsonl` prints per document.
//!
//! The JSON shapes follow the extraction contract documented in `docs/event-contract.md`.

mod date;
mod event;
mod mention;

pub use date::{DatePrecision, DateValue, PartialDate, PartialDateError};
pub use event::{
    Acled, Claim, Counts, Event, EventDate, EventId, EventKind, Evidence, FieldSource, Location,
    LocationPrecision, Stance, Status,
};
pub use mention::{
    Actor, ActorKind, Anchor, Count, Feature, Mention, MentionValue, NameMatch, Place,
    PlaceContext, PlacePrecision, Side, Weapon, WeaponClass,
};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or `""` when the span does not fit `text` on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// The identifier of a document: a file name, a record id or URL, or `FILE#N` for the N-th
/// record of a container without one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One article after ingestion and clean-up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub doc: DocId,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<NaiveDate>,
    /// The publication time with its offset from UTC (RFC 3339), when the input gives one
    /// (a message's time, a page's `article:published_time`); `published` is its calendar day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
    /// When this version of the document was written (RFC 3339, UTC), for documents that change
    /// under the same id: a message's last edit, or its posting time when it was never edited.
    /// A store keeps the latest revision of each id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    pub language: Option<String>,
    /// The page or record URL, when the input gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The cleaned main text that every span points into.
    pub text: String,
    /// Human-readable problems met while reading this document.
    #[serde(default)]
    pub errors: Vec<String>,
}

/// What `sitrep extract --format jsonl` prints for one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    #[serde(flatten)]
    pub document: Document,
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions: Option<Vec<Mention>>,
}

/// A short, stable hexadecimal id from a list of parts (FNV-1a, 64 bits). Same input, same id,
/// across runs, machines and versions of the standard library.
pub fn stable_id(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_id_depends_on_every_part_and_on_their_boundaries() {
        assert_eq!(stable_id(&["a", "b"]), stable_id(&["a", "b"]));
        assert_ne!(stable_id(&["a", "b"]), stable_id(&["ab"]));
        assert_ne!(stable_id(&["a", "b"]), stable_id(&["b", "a"]));
        assert_eq!(stable_id(&[""]).len(), 16);
    }

    #[test]
    fn span_slice_never_panics_off_char_boundaries() {
        let text = "Київ";
        assert_eq!(Span::new(0, 2).slice(text), "К");
        assert_eq!(Span::new(0, 1).slice(text), "");
        assert_eq!(Span::new(0, 99).slice(text), "");
    }

    #[test]
    fn document_record_serialises_contract_field_names() {
        let rec = DocumentRecord {
            document: Document {
                doc: DocId("a.txt".into()),
                published: NaiveDate::from_ymd_opt(2025, 6, 6),
                text: "x".into(),
                ..Document::default()
            },
            events: vec![],
            mentions: None,
        };
        let v: serde_json::Value = serde_json::to_value(&rec).unwrap();
        for key in [
            "doc",
            "title",
            "outlet",
            "author",
            "published",
            "language",
            "text",
            "events",
            "errors",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["published"], "2025-06-06");
        assert!(v.get("mentions").is_none());
    }
}
