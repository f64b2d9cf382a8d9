//! Event and claim extraction: from a document and its mentions to sourced, coded events.
//!
//! [`extract`] is the stage's entry point. It works in three steps, each linear in the text:
//!
//! 1. [`text`] splits the text into sentences and paragraphs with a hand-written scanner, and
//!    [`lexicon`] finds every cue phrase (event triggers, speech verbs, hedges, casualty words)
//!    in one Aho-Corasick pass.
//! 2. [`frames`] reads each sentence into [`frames::Frame`]s: what happened (the kind, from
//!    the trigger and the weapon), where (the most specific place of the clause), when (a date
//!    in the sentence or earlier in the paragraph, or the time of the report for "overnight"
//!    and present-tense reports), who attacked what with which weapons, and the counts.
//!    [`claims`] adds who asserts, alleges, denies or declines to confirm each frame.
//! 3. [`merge`] groups the frames of one happening (headline, lead and later paragraphs) into
//!    one [`sitrep_model::Event`] and decides its status by the contract's rules.
//!
//! The stage only reads the mention values (places, actors, weapons, dates, quantities), never
//! how they were found. The kinds and their ACLED codes are listed in `docs/acled.md`.

pub mod actors;
pub mod analysis;
pub mod casualties;
pub mod claims;
pub mod counts;
pub mod dates;
pub mod frames;
pub mod lexicon;
pub mod merge;
pub mod places;
pub mod text;
pub mod weapons;

use sitrep_model::{Document, Event, Mention};

/// The events a document reports, given its mentions, in order of first report.
pub fn extract(doc: &Document, mentions: &[Mention]) -> Vec<Event> {
    let analysis = analysis::Analysis::new(doc, mentions);
    let frames = analysis.frames();
    let clusters = merge::merge(frames);
    let mut events: Vec<Event> = clusters
        .iter()
        .map(|c| merge::build_event(doc, c))
        .collect();
    if let Some(locality) = analysis.report_locality() {
        merge::place_in_locality(&mut events, &locality);
    }
    merge::infer_attackers(&mut events);
    merge::infer_kinds(&mut events);
    events
}
