//! Ingestion: the first stage of the pipeline, from whatever a user has to cleaned [`Document`](sitrep_model::Document)s.
//!
//! The stage has two halves so that I/O stays at the edge:
//!
//! - [`sources`] expands inputs (files, folders, `-` for standard input, http(s) URLs) lazily into
//!   [`RawDoc`] records, in input order. Formats are recognised by content: plain text, HTML
//!   (also gzip-compressed), JSON Lines, RSS and Atom feeds, WARC (also `.warc.gz`), and
//!   messaging-channel exports ([`messages`]: the desktop client's `result.json`, and JSON Lines
//!   dumps of messages), one record per post. Large containers are streamed record by record. Inputs that never become documents come as
//!   [`IngestError`] items naming the input and, where it applies, the line or record.
//! - [`to_document`] is pure CPU work on one [`RawDoc`]: decoding, main-text extraction (through
//!   `sitrep_html`), clean-up of boilerplate ([`clean`]) and metadata ([`meta`]). Callers may run it
//!   on several threads.
//!
//! [`Payload`] says what kind of content a record carries, and [`Hints`] carries the metadata its
//! container gave (feed item fields, WARC and HTTP headers, JSON Lines fields).

pub mod clean;
mod decode;
mod document;
mod error;
pub mod feed;
mod fetch;
mod fragment;
pub mod jsonl;
pub mod list;
pub mod messages;
pub mod meta;
pub mod robots;
mod source;
mod text;
pub mod warc;

pub use document::{to_document, to_document_with};
pub use error::IngestError;
pub use fetch::{is_url, retry_after, Answer, Conditional, Fetcher, USER_AGENT};
pub use fragment::fallback_extract;
pub use source::{detect, read_bytes, sources, Format, Sources};
pub use warc::response_record;

use chrono::NaiveDate;
use sitrep_model::DocId;

/// Options that change how inputs are read and documents are built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestOptions {
    /// Overrides every publication date found in the inputs (`--published`).
    pub published: Option<NaiveDate>,
    /// Fetch the page behind each feed item's link instead of using the item's own content.
    pub fetch_pages: bool,
}

/// One record read from an input, before decoding and clean-up.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDoc {
    pub id: DocId,
    /// The input it came from, as the user gave it (or the file found inside a given folder).
    pub input: String,
    pub payload: Payload,
    pub hints: Hints,
    /// Problems met while reading the record (truncated streams, undecodable bytes, ...).
    pub errors: Vec<String>,
}

/// What a record carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// Plain text, already decoded.
    Text(String),
    /// A whole HTML page as undecoded bytes. The charset comes from a byte order mark, the
    /// transport's `Content-Type` ([`Hints::content_type`]), a `<meta>` declaration, or detection.
    Html(Vec<u8>),
    /// A decoded HTML fragment, such as a feed item's content: converted to text as a whole,
    /// without main-text extraction.
    Fragment(String),
    /// Nothing usable (empty or binary input); the record's errors say why.
    Empty,
}

/// Metadata a container gave for a record. Dates are kept as written; [`to_document`] parses them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    pub url: Option<String>,
    pub title: Option<String>,
    /// The publication date as the container writes it.
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    /// The transport's `Content-Type` header (HTTP response, WARC payload), used for the charset.
    pub content_type: Option<String>,
    /// When a crawler fetched the page (`WARC-Date`). Only a weak stand-in for the publication
    /// date: it is used when nothing else gives one.
    pub fetched: Option<String>,
    /// The version of a record that may be edited later (a message): see
    /// [`Document::revision`](sitrep_model::Document::revision).
    pub revision: Option<String>,
}
