//! Event and claim extraction: from a document and its mentions to sourced, coded events.
//!
//! [`extract`] is the stage's entry point. It works in three steps, each linear in the text:
//!
//! 1. [`text`] splits the text into sentences and paragraphs with a hand-written scanner, and
//!    [`lexicon`] finds every cue phrase (event triggers, speech verbs, hedges, casualty words)
//!    in one Aho-Corasick pass; [`analysis::Analysis`] holds the result per sentence.
//! 2. [`frames`] reads each sentence into [`frames::Frame`]s: what happened (the kind, from
//!    the trigger and the weapon). Each field is read by its own module: [`places`] (where),
//!    [`dates`] (when), [`actors`] and [`targets`] (who attacked what), [`weapons`] (with what),
//!    [`counts`] and [`casualties`] (how many launched, downed, killed, injured), [`claims`] (who
//!    asserts, alleges, denies or declines to confirm it).
//! 3. [`merge`] groups the frames of one happening (headline, lead and later paragraphs) into
//!    one [`sitrep_model::Event`], decides its status by the contract's rules, and fills what
//!    the rest of the report says of an event that does not say it itself.
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
pub mod targets;
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
