//! [`IngestError`]: failures for inputs, lines or records that never become documents.

use std::io;

/// Why an input, or one record of it, yields no document. Every variant names the input, and
/// the line or record where that applies; other inputs and records go on being read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{input}: no such file or folder")]
    NotFound { input: String },
    #[error("{input}: cannot read: {source}")]
    Io {
        input: String,
        #[source]
        source: io::Error,
    },
    #[error("{input}: cannot read folder: {source}")]
    Folder {
        input: String,
        #[source]
        source: io::Error,
    },
    #[error("{input}:{line}: {message}")]
    JsonLine {
        input: String,
        line: u64,
        message: String,
    },
    #[error("{input}: WARC record {record} (byte {offset}): {message}")]
    Warc {
        input: String,
        record: u64,
        offset: u64,
        message: String,
    },
    #[error("{input}: feed unreadable at byte {offset}: {message}")]
    Feed {
        input: String,
        offset: u64,
        message: String,
    },
    #[error("{input}: {position}: {message}")]
    Export {
        input: String,
        /// The message ("message 12 (id 345)") or byte the error is about.
        position: String,
        message: String,
    },
    #[error("{url}: cannot fetch: {message}")]
    Fetch { url: String, message: String },
}

impl IngestError {
    /// The input the error is about.
    pub fn input(&self) -> &str {
        match self {
            IngestError::NotFound { input }
            | IngestError::Io { input, .. }
            | IngestError::Folder { input, .. }
            | IngestError::JsonLine { input, .. }
            | IngestError::Warc { input, .. }
            | IngestError::Feed { input, .. }
            | IngestError::Export { input, .. } => input,
            IngestError::Fetch { url, .. } => url,
        }
    }
}
