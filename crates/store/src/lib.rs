//! Storage of documents and fused events.
//!
//! - [`Store`]: the trait every backend implements: ingest one document atomically (fusing its
//!   events with the stored ones), look documents up, query and fetch fused events.
//! - [`SqliteStore`]: the embedded implementation (one SQLite file, WAL mode, versioned schema).
//! - [`PgStore`]: the shared implementation (one PostgreSQL database for many ingest workers
//!   and readers), with [`PgListener`] to wait for what other workers commit.
//! - [`open`], [`open_store`] and [`Location`]: a database named by a path or a
//!   `postgres://` URL, by `$SITREP_DB`, or the user's data directory, opened as the right
//!   store; what every front end calls.
//! - [`StoredEvent`]: a fused event as `sitrep events --format json` prints it: the contract's
//!   event plus its sources, independent source count, contradictions and timestamps.
//! - [`EventFilter`]: the query filters of `sitrep events`, `sitrep export` and the HTTP API;
//!   [`filter`] parses them from text and says what each means ([`EventFilter::matches`]).
//! - [`EventPage`]: one page of a query, with the cursor of the next.
//! - [`Change`]: one entry of the change feed: every creation or change of a fused event gets
//!   the next number of a per-store sequence ([`Store::changes_since`]).
//! - [`EventSummary`]: the few fields of an event that maps, timelines and facet counts need.
//! - [`export`]: the fused events as ACLED-style CSV, GeoJSON or JSON, written as they come.
//! - [`TextHashes`]: a document's content hash and fingerprint, computed ahead of storing.
//! - [`testing`]: the conformance suite that every implementation must pass.

pub mod export;
pub mod filter;
mod open;
pub mod pg;
mod sqlite;
pub mod testing;
pub mod watch;

pub use filter::{FilterError, FilterParams};
pub use open::{open, open_store, AnyStore, Location, OpenMode, DB_ENV};
pub use pg::{PgListener, PgOptions, PgStore, CHANGES_CHANNEL, PG_SCHEMA_VERSION};
pub use sitrep_fuse::{Contradiction, ContradictionValue, CountUpdate, Source, UpdateValue};
pub use sqlite::{SqliteStore, APPLICATION_ID, SCHEMA_VERSION};
pub use watch::{FeedLease, FeedResult, FeedStatus, WatchState};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_model::{DocId, DocumentRecord, Event, EventId, EventKind, LocationPrecision, Status};
use std::path::PathBuf;

/// A fused event with what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    #[serde(flatten)]
    pub event: Event,
    pub sources: Vec<Source>,
    /// Distinct outlets, reprints (same outlet or near-identical text) counted once.
    pub independent_sources: usize,
    pub contradictions: Vec<Contradiction>,
    /// Casualty figures later reports raised, earliest first; the event's is the latest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<CountUpdate>,
    /// When the first report of this event was stored (RFC 3339).
    pub first_seen: String,
    /// When a report last changed this event (RFC 3339).
    pub last_updated: String,
    /// Each document's own account, with claims and evidence whose offsets point into that
    /// document's text. Filled by [`Store::event`]; empty in query results.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<StoredReport>,
}

/// One document's account of a fused event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredReport {
    pub doc: DocId,
    pub outlet: Option<String>,
    /// The document's title, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub event: Event,
}

/// What ingesting one document did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestOutcome {
    /// The stored document this one repeats (same URL or same normalised text, or the same or
    /// a later revision of its id); nothing was added.
    pub duplicate_of: Option<DocId>,
    /// The id whose earlier revision this document replaced (its reports were withdrawn and
    /// its events fused again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced: Option<DocId>,
    /// Events created by this document.
    pub new_events: usize,
    /// Stored events this document's reports joined.
    pub merged_events: usize,
    /// The fused event each of the document's events went to, in the document's order.
    pub events: Vec<EventId>,
}

impl IngestOutcome {
    pub fn is_duplicate(&self) -> bool {
        self.duplicate_of.is_some()
    }
}

/// A point and a radius.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
}

/// A box of latitudes and longitudes in degrees. A box whose `west` is greater than its `east`
/// crosses the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

/// Filters of `sitrep events`, `sitrep export` and the HTTP API; every field set must hold.
/// Text matches ignore the case of ASCII letters. [`EventFilter::matches`] states the meaning
/// of each field on one event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// Events whose dates reach this day or later (events without a known year never match).
    pub since: Option<NaiveDate>,
    /// Events whose dates start on this day or earlier.
    pub until: Option<NaiveDate>,
    pub kind: Option<EventKind>,
    /// Matches the location's name, its admin1 or the location text (substring).
    pub place: Option<String>,
    pub near: Option<Near>,
    /// Events whose coordinates lie in the box.
    pub bbox: Option<BBox>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Exact first-level region name.
    pub admin1: Option<String>,
    /// Matches the attacker, the target or a claim's source (substring).
    pub actor: Option<String>,
    /// Exactly this attacker.
    pub attacker: Option<String>,
    /// Matches one of the weapons (substring).
    pub weapon: Option<String>,
    /// One of the sources' outlets is exactly this.
    pub outlet: Option<String>,
    pub status: Option<Status>,
    /// At least this many independent sources.
    pub min_sources: Option<usize>,
    /// Full-text search over the event's place, actors, weapons, claims, evidence and
    /// outlets; every word must occur ([`filter::text_matches`]).
    pub text: Option<String>,
    /// At most this many events.
    pub limit: Option<usize>,
    /// Start after the last event of an earlier page: the [`EventPage::next`] it returned,
    /// opaque and valid for the store that made it.
    pub cursor: Option<String>,
}

/// One page of a query: the events, latest first, and the cursor that continues after them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventPage {
    pub events: Vec<StoredEvent>,
    /// Set when more events match: give it as [`EventFilter::cursor`] for the next page.
    pub next: Option<String>,
}

/// What happened to an event at one point of the change feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The event was stored for the first time.
    Created,
    /// A report was merged into the event, or it was rewritten.
    Updated,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Created => "created",
            ChangeKind::Updated => "updated",
        }
    }
}

/// One entry of a store's change feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The entry's number in the store's sequence: every creation or change of an event
    /// takes a number greater than all before it, in commit order.
    pub seq: u64,
    pub kind: ChangeKind,
    /// The event as it is when the feed is read (a later change may have touched it again),
    /// as [`Store::events`] returns it.
    pub event: StoredEvent,
}

/// How many events fall on each day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    /// Days in order, each with its number of events (never 0).
    pub days: Vec<(NaiveDate, u64)>,
    /// Events without a known date.
    pub undated: u64,
}

/// The fields of a fused event that maps, timelines and facet counts use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSummary {
    pub id: EventId,
    pub kind: EventKind,
    pub status: Status,
    /// First and last day ([`filter::day_range`]).
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: Option<LocationPrecision>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub attacker: Option<String>,
    pub weapons: Vec<String>,
    /// Distinct outlets of the sources, in source order.
    pub outlets: Vec<String>,
    pub independent_sources: usize,
}

impl EventSummary {
    pub fn of(ev: &StoredEvent) -> Self {
        let e = &ev.event;
        let loc = e.location.as_ref();
        let (start, end) = filter::day_range(e);
        let mut outlets: Vec<String> = Vec::new();
        for o in ev.sources.iter().filter_map(|s| s.outlet.as_deref()) {
            if !outlets.iter().any(|x| x == o) {
                outlets.push(o.to_string());
            }
        }
        EventSummary {
            id: e.id.clone(),
            kind: e.kind,
            status: e.status,
            start,
            end,
            lat: loc.and_then(|l| l.lat),
            lon: loc.and_then(|l| l.lon),
            precision: loc.map(|l| l.precision),
            country: loc.and_then(|l| l.country.clone()),
            admin1: loc.and_then(|l| l.admin1.clone()),
            attacker: e.attacker.clone(),
            weapons: e.weapons.clone(),
            outlets,
            independent_sources: ev.independent_sources,
        }
    }
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub documents: u64,
    pub events: u64,
    pub reports: u64,
    pub claims: u64,
    pub evidence: u64,
    pub mentions: u64,
    pub schema_version: u32,
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("refusing to use {path}: {reason}; the file was left untouched")]
    Refused { path: PathBuf, reason: String },
    #[error("{path}: database error: {source}")]
    Sqlite {
        path: String,
        source: rusqlite::Error,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("refusing to use {url}: {reason}")]
    RefusedDatabase { url: String, reason: String },
    #[error("{url}: database error: {source}")]
    Postgres {
        url: String,
        source: postgres::Error,
    },
    #[error("{location}: {reason}")]
    BadLocation { location: String, reason: String },
    #[error("no database at {path}: store documents first with `sitrep ingest`")]
    Missing { path: PathBuf },
    #[error("stored data of {what} does not decode: {source}")]
    Decode {
        what: String,
        source: serde_json::Error,
    },
    /// A cursor that this store did not make, or that is damaged.
    #[error("cursor {cursor:?} is not one this store gave out")]
    BadCursor { cursor: String },
}

/// Documents and fused events behind one interface.
pub trait Store {
    /// Stores one document, its mentions and its events in one transaction, merging each event
    /// with the stored event it reports on, or creating a new one. A document whose URL or
    /// content hash is already stored adds nothing. A document with a
    /// [`revision`](sitrep_model::Document::revision) replaces the stored versions of its id
    /// with an earlier revision (their reports are withdrawn from their events), and adds
    /// nothing when the same or a later revision is stored.
    fn ingest_document(
        &mut self,
        rec: &DocumentRecord,
        content_hash: &str,
    ) -> Result<IngestOutcome, StoreError>;

    /// Stores several documents (each with its content hash) as [`Store::ingest_document`]
    /// would, in order, so that a document repeating an earlier one of the same batch is a
    /// duplicate. Returns one outcome per document. Fewer, larger transactions make ingest
    /// faster; an implementation that can should store the batch atomically (every document or
    /// none). After an error, some documents of the batch may be stored; ingesting the batch
    /// again completes it, the stored ones counting as duplicates. The default stores the
    /// documents one by one.
    fn ingest_batch(
        &mut self,
        docs: &[(&DocumentRecord, &str)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        docs.iter()
            .map(|(rec, hash)| self.ingest_document(rec, hash))
            .collect()
    }

    /// Stores a batch as [`Store::ingest_batch`] does, with each document's content hash and
    /// fingerprint computed beforehand by [`TextHashes::of`] (for instance on the threads that
    /// extracted the documents), so that the writer does not compute them. The stored rows are
    /// the same as with `ingest_batch`.
    fn ingest_batch_hashed(
        &mut self,
        docs: &[(&DocumentRecord, &TextHashes)],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let plain: Vec<(&DocumentRecord, &str)> = docs
            .iter()
            .map(|&(rec, h)| (rec, h.content_hash()))
            .collect();
        self.ingest_batch(&plain)
    }

    /// Whether a document with this URL or content hash is stored.
    fn has_document(&self, url_or_hash: &str) -> Result<bool, StoreError>;

    /// Fused events matching the filter, latest first (undated last; among events of one
    /// day, the one stored last first), at most `filter.limit`, starting after
    /// `filter.cursor` when it is set.
    fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError>;

    /// One page of [`Store::events`]: at most `filter.limit` events (all when unset) after
    /// `filter.cursor`, and the cursor of the next page when more events match. Paging
    /// through a store that does not change meanwhile yields every matching event once, in
    /// the order of [`Store::events`]. A cursor this store did not make is
    /// [`StoreError::BadCursor`].
    fn events_page(&self, filter: &EventFilter) -> Result<EventPage, StoreError>;

    /// The [`EventSummary`] of every event matching the filter, in the order of
    /// [`Store::events`] (limit and cursor apply). The default summarises
    /// [`Store::events`]; a store can answer from fewer columns.
    fn summaries(&self, filter: &EventFilter) -> Result<Vec<EventSummary>, StoreError> {
        Ok(self.events(filter)?.iter().map(EventSummary::of).collect())
    }

    /// Events per day (by first day) matching the filter, and how many have no known date;
    /// `limit` and `cursor` are not looked at. The default counts [`Store::summaries`]; a
    /// store can count in its index.
    fn day_counts(&self, filter: &EventFilter) -> Result<DayCounts, StoreError> {
        let mut counts = std::collections::BTreeMap::new();
        let mut undated = 0;
        let all = EventFilter {
            limit: None,
            cursor: None,
            ..filter.clone()
        };
        for s in self.summaries(&all)? {
            match s.start {
                Some(d) => *counts.entry(d).or_insert(0) += 1,
                None => undated += 1,
            }
        }
        Ok(DayCounts {
            days: counts.into_iter().collect(),
            undated,
        })
    }

    /// The change feed: the entries numbered above `after`, lowest first, at most `limit`.
    /// Every event a commit creates or changes gets an entry, including commits made by other
    /// processes writing to the same store, numbered in commit order, so that a reader that
    /// remembers the last number it saw misses nothing by asking again from there.
    fn changes_since(&self, after: u64, limit: usize) -> Result<Vec<Change>, StoreError>;

    /// The number of the latest entry of the change feed (0 when there is none). Cheap
    /// enough to be asked a few times a second.
    fn latest_change(&self) -> Result<u64, StoreError>;

    /// One fused event with each document's report.
    fn event(&self, id: &str) -> Result<Option<StoredEvent>, StoreError>;

    fn stats(&self) -> Result<Stats, StoreError>;
}

/// The two hashes ingest computes from a document's text: its [`content_hash`] and its
/// near-duplicate [`Fingerprint`](sitrep_fuse::Fingerprint). Both are pure functions of the
/// text, so a caller that extracts documents on several threads can compute them there and
/// hand them to [`SqliteStore::ingest_batch_hashed`], which then does not compute them while
/// it holds the write lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextHashes {
    content_hash: String,
    fingerprint: sitrep_fuse::Fingerprint,
}

impl TextHashes {
    /// The hashes of `text` (the document's cleaned text, `Document::text`).
    pub fn of(text: &str) -> Self {
        TextHashes {
            content_hash: content_hash(text),
            fingerprint: sitrep_fuse::fingerprint(text),
        }
    }

    pub fn content_hash(&self) -> &str {
        &self.content_hash
    }

    pub fn fingerprint(&self) -> &sitrep_fuse::Fingerprint {
        &self.fingerprint
    }
}

/// The content hash of each record's text, in order.
pub fn content_hashes(records: &[DocumentRecord]) -> Vec<String> {
    records
        .iter()
        .map(|r| content_hash(&r.document.text))
        .collect()
}

/// Each record paired with its hash from `hashes` (as [`content_hashes`] gives them), the shape
/// [`Store::ingest_batch`] takes.
pub fn with_hashes<'a>(
    records: &'a [DocumentRecord],
    hashes: &'a [String],
) -> Vec<(&'a DocumentRecord, &'a str)> {
    records
        .iter()
        .zip(hashes)
        .map(|(r, h)| (r, h.as_str()))
        .collect()
}

/// The content hash of a document: a 128-bit FNV-1a hash of its text reduced to lower-case
/// alphanumeric words, so that the plain-text and HTML renderings of one article (which differ
/// in layout, punctuation spacing and case of headings) hash alike.
pub fn content_hash(text: &str) -> String {
    let mut sink = ContentHash {
        h: FNV128_OFFSET,
        first: true,
    };
    sitrep_fuse::words::scan_words(text, &mut sink);
    format!("{:032x}", sink.h)
}

const FNV128_OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const FNV128_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// The running hash of [`content_hash`]: the words' lower-case bytes (per-character
/// lower-casing), joined by one space.
struct ContentHash {
    h: u128,
    first: bool,
}

impl sitrep_fuse::words::WordSink for ContentHash {
    #[inline]
    fn start(&mut self) {
        if !self.first {
            self.byte(b' ');
        }
        self.first = false;
    }

    #[inline]
    fn byte(&mut self, b: u8) {
        self.h = (self.h ^ u128::from(b)).wrapping_mul(FNV128_PRIME);
    }

    #[inline]
    fn end(&mut self, _text: &str, _word: std::ops::Range<usize>, _sigma: bool) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_ignores_layout_case_and_punctuation_but_not_words() {
        let txt = "Explosions in Bryansk\n\nA drone hit the airport, officials said.";
        let html = "EXPLOSIONS IN BRYANSK A drone hit the airport , officials said .";
        assert_eq!(content_hash(txt), content_hash(html));
        assert_ne!(
            content_hash(txt),
            content_hash("Explosions in Bryansk. A drone hit the port.")
        );
        assert_eq!(content_hash("").len(), 32);
    }

    /// The content hash as first defined, word by word: stored hashes were computed this way,
    /// so the one-pass version must agree with it exactly.
    fn reference_hash(text: &str) -> String {
        let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
        let prime: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
        let mut first = true;
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if !first {
                h ^= u128::from(b' ');
                h = h.wrapping_mul(prime);
            }
            first = false;
            for c in word.chars().flat_map(char::to_lowercase) {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    h ^= u128::from(b);
                    h = h.wrapping_mul(prime);
                }
            }
        }
        format!("{h:032x}")
    }

    #[test]
    fn content_hash_agrees_with_the_word_by_word_definition() {
        for t in [
            "Explosions in Bryansk\n\nA drone hit the airport, officials said.",
            "Удар по Харкову: ЗСУ повідомили про 12 дронів «Шахед» — ОДИН збито.",
            "ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ İstanbul Straße DŽ x’s  -- ",
            "",
            "   ",
        ] {
            assert_eq!(content_hash(t), reference_hash(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn content_hash_agrees_on_any_text(text in "(?s)[a-zA-Z0-9 ,.’ÉéΣσςİЖжЀѐ×ǅ中이\u{300}\t\n-]{0,200}") {
            proptest::prop_assert_eq!(content_hash(&text), reference_hash(&text));
        }
    }
}
