//! Calendar arithmetic for date resolution: weekdays before a day, ISO weeks, month ends,
//! and the year of a yearless date. Every function is total: it returns `None` rather than
//! overflow at the ends of chrono's range.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// How far after the reference date a yearless date may fall and still be read in the
/// reference's year: reports mention events a few days ahead ("talks on Monday"), rarely more.
pub const FUTURE_SLACK_DAYS: u64 = 7;

/// The most recent `wd` strictly before `d`: for a Friday, "Friday" is a week earlier.
pub fn weekday_before(d: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let back = (d.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    let back = if back == 0 { 7 } else { back };
    d.checked_sub_days(Days::new(u64::from(back)))
}

/// `d` itself when it falls on `wd`, else the most recent `wd` before it.
pub fn weekday_on_or_before(d: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    if d.weekday() == wd {
        Some(d)
    } else {
        weekday_before(d, wd)
    }
}

/// The first `wd` strictly after `d`.
pub fn weekday_after(d: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let ahead = (wd.num_days_from_monday() + 7 - d.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    d.checked_add_days(Days::new(u64::from(ahead)))
}

/// Monday and Sunday of the ISO week `offset` weeks from the one holding `d`.
pub fn iso_week(d: NaiveDate, offset: i64) -> Option<(NaiveDate, NaiveDate)> {
    let monday = d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))?;
    let monday = shift_days(monday, offset.checked_mul(7)?)?;
    Some((monday, monday.checked_add_days(Days::new(6))?))
}

/// `d` moved by `n` days either way.
pub fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// First and last day of the month `offset` months from the one holding `d`.
pub fn month_span(d: NaiveDate, offset: i64) -> Option<(NaiveDate, NaiveDate)> {
    let first = d.with_day(1)?;
    let n = u32::try_from(offset.unsigned_abs()).ok()?;
    let first = if offset >= 0 {
        first.checked_add_months(Months::new(n))?
    } else {
        first.checked_sub_months(Months::new(n))?
    };
    Some((first, last_of_month(first.year(), first.month())?))
}

/// The last day of a month.
pub fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// The year that puts `month`/`day` closest before `reference`, allowing it to fall up to
/// [`FUTURE_SLACK_DAYS`] after: with a reference of 2025-01-03, "December 30" is 2024-12-30
/// and "January 5" is 2025-01-05. 29 February takes the latest leap year that fits.
pub fn year_near(month: u32, day: u32, reference: NaiveDate) -> Option<i32> {
    let limit = reference.checked_add_days(Days::new(FUTURE_SLACK_DAYS))?;
    let y = reference.year();
    (y.saturating_sub(8)..=y.saturating_add(1))
        .rev()
        .find(|&y| NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d <= limit))
}

/// The most recent year, not after `today`, in which `month`/`day` fell on `wd`: "Saturday,
/// 26th March" read on 2026-11-23 is 2022-03-26. Looks back sixty years at most.
pub fn year_from_weekday(month: u32, day: u32, wd: Weekday, today: NaiveDate) -> Option<i32> {
    let y = today.year();
    (y.saturating_sub(60)..=y).rev().find(|&y| {
        NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d <= today && d.weekday() == wd)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weekdays_before_a_friday() {
        let fri = d("2025-06-06");
        assert_eq!(weekday_before(fri, Weekday::Sun), Some(d("2025-06-01")));
        assert_eq!(weekday_before(fri, Weekday::Thu), Some(d("2025-06-05")));
        assert_eq!(weekday_before(fri, Weekday::Fri), Some(d("2025-05-30")));
        assert_eq!(weekday_on_or_before(fri, Weekday::Fri), Some(fri));
        assert_eq!(weekday_after(fri, Weekday::Mon), Some(d("2025-06-09")));
    }

    #[test]
    fn weeks_and_months() {
        let fri = d("2025-06-06");
        assert_eq!(iso_week(fri, -1), Some((d("2025-05-26"), d("2025-06-01"))));
        assert_eq!(
            month_span(fri, -1),
            Some((d("2025-05-01"), d("2025-05-31")))
        );
        assert_eq!(
            month_span(d("2024-03-31"), -1),
            Some((d("2024-02-01"), d("2024-02-29")))
        );
        assert_eq!(last_of_month(2023, 12), Some(d("2023-12-31")));
    }

    #[test]
    fn yearless_dates_fall_near_the_reference() {
        assert_eq!(year_near(12, 30, d("2025-01-03")), Some(2024));
        assert_eq!(year_near(1, 5, d("2025-01-03")), Some(2025));
        assert_eq!(year_near(1, 20, d("2025-01-03")), Some(2024));
        assert_eq!(year_near(2, 29, d("2025-06-06")), Some(2024));
        assert_eq!(year_near(2, 30, d("2025-06-06")), None);
    }

    #[test]
    fn a_weekday_pins_the_year() {
        assert_eq!(
            year_from_weekday(3, 26, Weekday::Sat, d("2026-11-23")),
            Some(2022)
        );
        assert_eq!(
            year_from_weekday(11, 23, Weekday::Mon, d("2026-11-23")),
            Some(2026)
        );
    }

    #[test]
    fn extremes_do_not_panic() {
        assert_eq!(weekday_after(NaiveDate::MAX, Weekday::Mon), None);
        assert!(iso_week(NaiveDate::MIN, -1).is_none());
        assert!(month_span(NaiveDate::MAX, 1).is_none());
        let _ = year_near(1, 1, NaiveDate::MAX);
    }
}
