//! Recognisers: turn a document's cleaned text into typed [`Mention`]s, each tied to its span.
//!
//! [`Recogniser`] holds the loaded resources (the gazetteer, the actor and weapon catalogues) and
//! is cheap to share across threads. Its modules:
//!
//! - [`places`]: the gazetteer and place resolution with disambiguation by context;
//! - [`actors`]: the actor catalogue (states, forces, institutions, officials, media);
//! - [`weapons`]: the weapon catalogue with class and origin, and generic weapon words;
//! - [`dates`]: absolute and relative dates resolved against the publication date;
//! - [`numbers`]: counts in digits and words, ranges and hedges.
//!
//! Recognition never touches the network, the disk or a database: the data it needs is compiled
//! into the binary.

pub mod actors;
mod chars;
pub mod dates;
pub mod numbers;
pub mod places;
pub mod weapons;

use sitrep_model::{Document, Mention};

/// All recognisers, with their data loaded.
pub struct Recogniser {
    pub places: places::Gazetteer,
    pub actors: actors::ActorCatalogue,
    pub weapons: weapons::WeaponCatalogue,
}

impl Recogniser {
    /// Loads the embedded gazetteer and catalogues.
    pub fn new() -> Self {
        Self::with_places(places::Gazetteer::embedded())
    }

    /// The embedded catalogues with `places` as the gazetteer (an imported index, say).
    pub fn with_places(places: places::Gazetteer) -> Self {
        Recogniser {
            places,
            actors: actors::ActorCatalogue::embedded(),
            weapons: weapons::WeaponCatalogue::embedded(),
        }
    }

    /// Every mention in the document's text, sorted by start offset. Overlaps between types are
    /// resolved so that a span belongs to one mention: a person, a newspaper or a weapon named
    /// after a place is not a place.
    pub fn recognise(&self, doc: &Document) -> Vec<Mention> {
        let text = &doc.text;
        let spaced = actors::SpacedText::new(text);
        let actors = self.actors.find_in(&spaced);
        let weapons = self.weapons.find_in(&spaced);
        let taken: Vec<_> = actors
            .iter()
            .chain(weapons.iter())
            .map(|m| m.span())
            .collect();
        let places = self.places.find_dated(text, &taken, doc.published);
        let (dates, quantities) = dates_and_quantities(text, doc.published);
        let mut out = Vec::with_capacity(
            actors.len() + weapons.len() + places.len() + dates.len() + quantities.len(),
        );
        out.extend(actors);
        out.extend(weapons);
        out.extend(places);
        out.extend(dates);
        out.extend(quantities);
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        out
    }
}

/// Date and quantity mentions of `text`, as [`dates::find`] and [`numbers::find`] give them,
/// from one pass of the lexer the two scanners share.
fn dates_and_quantities(
    text: &str,
    published: Option<chrono::NaiveDate>,
) -> (Vec<Mention>, Vec<Mention>) {
    let mut items = Vec::new();
    let mut quantities = Vec::new();
    numbers::lex::for_each_chunk(text, |toks| {
        dates::scan(toks, &mut items);
        numbers::find_in_tokens(text, toks, &mut quantities);
    });
    let today = chrono::Local::now().date_naive();
    (
        dates::resolve_all(text, &items, published, today),
        quantities,
    )
}

impl Default for Recogniser {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shared lexer pass gives exactly what the date and quantity finders give alone.
    #[test]
    fn one_lexer_pass_finds_what_each_finder_finds() {
        let text = "KYIV, Nov 21 (Reuters) - Russia launched 73 drones and two Iskander-M \
            missiles overnight, and at least 12 people were injured on Wednesday, officials \
            said on 19.11.2024. Dozens more were hurt in Kharkiv last week.\n\nSix of the \
            drones were shot down, the air force said on the night of November 19.";
        let published = chrono::NaiveDate::from_ymd_opt(2024, 11, 21);
        let (dates, quantities) = dates_and_quantities(text, published);
        assert!(dates.len() >= 4 && quantities.len() >= 4);
        assert_eq!(dates, dates::find(text, published));
        assert_eq!(quantities, numbers::find(text));
    }
}
