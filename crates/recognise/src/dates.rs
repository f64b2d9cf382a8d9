//! Dates, absolute and relative, resolved against the publication date.
use chrono::NaiveDate;
use sitrep_model::Mention;

pub fn find(_text: &str, _published: Option<NaiveDate>) -> Vec<Mention> {
    Vec::new()
}
