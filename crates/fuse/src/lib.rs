//! Cross-document fusion: reports of one real event, read from several documents, become one
//! event with all their sources, claims and evidence, and with the points on which the sources
//! disagree recorded as [`Contradiction`]s instead of being overwritten.
//!
//! Everything here is a pure function over values; the store decides which stored events are
//! candidates (by [`compatible_kinds`], [`date_window`] and a bounding box) and keeps the
//! [`Report`]s of each event, so that a new article updates one record without re-reading the
//! old articles.
//!
//! - [`Report`]: one per-document event with its [`Source`] and the document's [`Fingerprint`].
//! - [`best_match`] decides whether a new report joins a stored event (and which one);
//!   [`best_match_fused`] does the same for events whose fused view the caller keeps.
//! - [`fuse`] computes the fused view of an event from its reports: a [`Fused`] value.
//! - [`words`]: the word scanner under the text hashes ([`fingerprint`] and the store's
//!   content hash).

mod matching;
mod merge;
mod reprint;
pub mod words;

pub use matching::{
    best_match, best_match_fused, compatible_kinds, date_window, haversine_km, kinds_compatible,
    match_score, radius_km, DateWindow, ADMIN1_RADIUS_KM, PLACE_RADIUS_KM,
};
pub use merge::{
    fuse, independent_groups, status_over, Contradiction, ContradictionValue, CountUpdate, Fused,
    UpdateValue,
};
pub use reprint::{fingerprint, Fingerprint, REPRINT_SIMILARITY};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_model::{DocId, Event};

/// Where a report comes from: the document, its outlet, URL and publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub doc: DocId,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
}

/// One document's account of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub event: Event,
    pub source: Source,
    /// The fingerprint of the whole document text, to tell reprints from independent reports.
    pub fingerprint: Fingerprint,
    /// Ingest order: lower is earlier. Breaks ties in favour of what was known first.
    pub seq: u64,
}

#[cfg(test)]
mod tests;
