//! Event and claim extraction.
use sitrep_model::{Document, Event, Mention};

/// The events a document reports, given its mentions.
pub fn extract(_doc: &Document, _mentions: &[Mention]) -> Vec<Event> {
    Vec::new()
}
