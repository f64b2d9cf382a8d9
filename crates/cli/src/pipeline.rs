//! The extract pipeline: raw records from the ingest stage become documents, mentions and events.
//!
//! Reading is sequential (files, streams and containers are read in input order) and the CPU work
//! (main-text extraction, recognition, event extraction) runs in parallel over batches, with the
//! output kept in input order.

use rayon::prelude::*;
use sitrep_ingest::{IngestError, IngestOptions, RawDoc};
use sitrep_model::DocumentRecord;
use sitrep_recognise::places::Gazetteer;
use sitrep_recognise::Recogniser;

/// The loaded resources of every stage; shared read-only across threads.
pub struct Pipeline {
    pub recogniser: Recogniser,
    pub ingest: IngestOptions,
    pub mentions: bool,
}

/// One item of pipeline output: a processed document, or an input that never became one.
pub type Item = Result<DocumentRecord, IngestError>;

/// How many raw records are read before a batch is processed in parallel: large enough to keep
/// every core busy, small enough that a huge container never sits in memory.
const BATCH: usize = 64;

impl Pipeline {
    /// A pipeline recognising places with `places` (the compiled-in gazetteer or an imported
    /// index).
    pub fn new(ingest: IngestOptions, mentions: bool, places: Gazetteer) -> Self {
        Pipeline {
            recogniser: Recogniser::with_places(places),
            ingest,
            mentions,
        }
    }

    /// Processes one raw record through every stage.
    pub fn process(&self, raw: RawDoc) -> DocumentRecord {
        self.process_with(raw, &self.ingest)
    }

    /// Processes one raw record through every stage with other ingest options (an upload's
    /// own publication date).
    pub fn process_with(&self, raw: RawDoc, ingest: &IngestOptions) -> DocumentRecord {
        let document = sitrep_ingest::to_document(raw, ingest);
        let (mentions, events) =
            crate::sections::analyse(&self.recogniser, &document, self.mentions);
        DocumentRecord {
            document,
            events,
            mentions: self.mentions.then_some(mentions),
        }
    }

    /// Every input through the pipeline, in input order. Raw records are read in batches and
    /// each batch is processed on the rayon pool when `parallel` is set.
    pub fn iter<'a>(
        &'a self,
        inputs: &'a [String],
        parallel: bool,
    ) -> impl Iterator<Item = Item> + 'a {
        let mut sources = sitrep_ingest::sources(inputs, &self.ingest);
        let mut ready: std::collections::VecDeque<Item> = Default::default();
        std::iter::from_fn(move || {
            if ready.is_empty() {
                let batch: Vec<_> = sources.by_ref().take(BATCH).collect();
                let step = |r: Result<RawDoc, IngestError>| r.map(|raw| self.process(raw));
                if parallel {
                    ready.extend(batch.into_par_iter().map(step).collect::<Vec<_>>());
                } else {
                    ready.extend(batch.into_iter().map(step));
                }
            }
            ready.pop_front()
        })
    }

    /// Runs every input through the pipeline, calling `sink` for each item in input order.
    pub fn run(&self, inputs: &[String], parallel: bool, sink: impl FnMut(Item)) {
        self.iter(inputs, parallel).for_each(sink);
    }
}
