//! The dates the registry accepts. Postgres stores dates from 4713 BC, but
//! nothing in a labour registry happened before 1900, and a year like
//! -200000 is a typing accident (or a probe), answered as such, never stored.

use chrono::{DateTime, Days, NaiveDate, Utc};

/// The earliest date accepted anywhere.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day a licence may be valid until.
pub fn latest_validity() -> NaiveDate {
    NaiveDate::from_ymd_opt(2199, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// A date outside the range the registry accepts where it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange {
    /// The earliest date accepted there.
    pub earliest: NaiveDate,
    /// The latest date accepted there.
    pub latest: NaiveDate,
}

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "must be between {} and {}", self.earliest, self.latest)
    }
}

fn within(date: NaiveDate, earliest: NaiveDate, latest: NaiveDate) -> Result<(), OutOfRange> {
    if date < earliest || date > latest {
        return Err(OutOfRange { earliest, latest });
    }
    Ok(())
}

/// A date something happened, or a bound of a search: from 1900 to a year
/// after `today`.
pub fn check_event_date(date: NaiveDate, today: NaiveDate) -> Result<(), OutOfRange> {
    within(
        date,
        earliest(),
        today.checked_add_days(Days::new(366)).unwrap_or(today),
    )
}

/// A time bound of a search: from 1900 to a year from now.
pub fn check_instant(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), OutOfRange> {
    check_event_date(at.date_naive(), now.date_naive())
}

/// A day of a licence's validity (or the end of a suspension).
pub fn check_validity_date(date: NaiveDate) -> Result<(), OutOfRange> {
    within(date, earliest(), latest_validity())
}

/// The dates [`check_validity_date`] accepts, as a pattern over `YYYY-MM-DD`
/// (the document's `format: date` says the rest).
pub const VALIDITY_DATE_PATTERN: &str = "^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$";

/// A bound on the dates [`check_event_date`] accepts that a pattern can
/// state (1900 to 2099); "at most a year ahead" is judged on the day.
pub const EVENT_DATE_PATTERN: &str = "^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$";

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn event_dates_run_from_1900_to_a_year_ahead() {
        let today = d(2026, 11, 29);
        assert!(check_event_date(d(1900, 1, 1), today).is_ok());
        assert!(check_event_date(d(1899, 12, 31), today).is_err());
        assert!(check_event_date(d(2027, 11, 29), today).is_ok());
        assert!(check_event_date(d(2027, 12, 31), today).is_err());
        assert!(check_event_date(NaiveDate::MIN, today).is_err());
    }

    #[test]
    fn the_patterns_say_the_ranges() {
        let validity = regex::Regex::new(VALIDITY_DATE_PATTERN).unwrap();
        let event = regex::Regex::new(EVENT_DATE_PATTERN).unwrap();
        let today = d(2026, 11, 29);
        for year in [1, 999, 1899, 1900, 1999, 2026, 2027, 2099, 2100, 2199, 2200, 9999] {
            for (m, day) in [(1, 1), (12, 31)] {
                let date = d(year, m, day);
                let text = date.format("%Y-%m-%d").to_string();
                assert_eq!(validity.is_match(&text), check_validity_date(date).is_ok(), "{text}");
                if check_event_date(date, today).is_ok() {
                    assert!(event.is_match(&text), "{text}");
                }
            }
        }
    }

    #[test]
    fn validity_may_reach_far_but_not_absurdly() {
        assert!(check_validity_date(d(2031, 1, 1)).is_ok());
        assert!(check_validity_date(d(2200, 1, 1)).is_err());
        assert!(check_validity_date(d(1800, 1, 1)).is_err());
    }
}
