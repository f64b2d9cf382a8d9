//! Calendar dates whose year may be unknown, and date values with a precision.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar day whose year may be unknown. Written `YYYY-MM-DD`, or `--MM-DD` without a year,
/// so that a year the text does not give is never guessed silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl PartialDate {
    /// A date with a known year; `None` when the day does not exist.
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day)?;
        Some(PartialDate {
            year: Some(year),
            month,
            day,
        })
    }

    /// A date without a year; `None` when no year has that day (29 February exists in some).
    pub fn md(month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(2000, month, day)?;
        Some(PartialDate {
            year: None,
            month,
            day,
        })
    }

    pub fn from_naive(d: NaiveDate) -> Self {
        PartialDate {
            year: Some(d.year()),
            month: d.month(),
            day: d.day(),
        }
    }

    /// The full date when the year is known and the day exists in it.
    pub fn to_naive(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

/// Why a string is not a [`PartialDate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialDateError(pub String);

impl fmt::Display for PartialDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a date (YYYY-MM-DD or --MM-DD): {:?}", self.0)
    }
}

impl std::error::Error for PartialDateError {}

impl FromStr for PartialDate {
    type Err = PartialDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PartialDateError(s.to_string());
        if let Some(rest) = s.strip_prefix("--") {
            let (m, d) = rest.split_once('-').ok_or_else(err)?;
            let (m, d) = (m.parse().map_err(|_| err())?, d.parse().map_err(|_| err())?);
            return PartialDate::md(m, d).ok_or_else(err);
        }
        let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| err())?;
        Ok(PartialDate::from_naive(d))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
    /// The text gives no date: the event happened on or before the given day, the
    /// publication date of the report that tells of it.
    Reported,
    #[default]
    Unknown,
}

/// A date or a range of dates as the text states it, resolved as far as the text and the
/// publication date allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateValue {
    pub start: PartialDate,
    pub end: PartialDate,
    pub precision: DatePrecision,
    /// The year was not written but inferred (for example from a weekday).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_inferred: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn yearless_dates_print_without_a_year() {
        assert_eq!(PartialDate::md(11, 19).unwrap().to_string(), "--11-19");
        assert_eq!(
            PartialDate::ymd(2024, 11, 19).unwrap().to_string(),
            "2024-11-19"
        );
        assert!(PartialDate::md(2, 30).is_none());
        assert!(PartialDate::md(2, 29).is_some());
        assert!(PartialDate::ymd(2023, 2, 29).is_none());
    }

    #[test]
    fn malformed_strings_are_errors() {
        for s in [
            "",
            "--",
            "--13-01",
            "2024-1",
            "19.11.2024",
            "--02-30",
            "2024-02-30",
        ] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(y in proptest::option::of(1i32..3000), m in 1u32..=12, d in 1u32..=31) {
            let date = match y { Some(y) => PartialDate::ymd(y, m, d), None => PartialDate::md(m, d) };
            if let Some(date) = date {
                let back: PartialDate = date.to_string().parse().unwrap();
                prop_assert_eq!(back, date);
            }
        }
    }
}
