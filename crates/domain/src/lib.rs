//! Pure domain rules of the registry: no HTTP, no database.
//!
//! Everything here is plain Rust with its own unit tests, so the rules that
//! decide what a job-seeker is told can be read and changed in one place.

pub mod access;
pub mod audit_chain;
pub mod card;
pub mod changes;
pub mod check_digit;
pub mod checkpoint;
pub mod complainant;
pub mod contact;
pub mod contact_check;
pub mod country;
pub mod dates;
pub mod employer;
pub mod fields;
pub mod job_order;
pub mod language;
pub mod license_number;
pub mod license_status;
pub mod lifecycle;
pub mod region;
pub mod representative;
pub mod sector;
pub mod text;
pub mod transliterate;
pub mod triage;
pub mod verdict;

/// The `iss` of everything the registry signs (access tokens, statements).
pub const ISSUER: &str = "agency-registry";

/// Uzbekistan keeps UTC+05:00 all year (no daylight saving time), and a
/// licence's validity dates are dates in Tashkent, not in UTC.
pub const REGISTRY_UTC_OFFSET_SECONDS: i32 = 5 * 3600;

/// Today's date in the registry's time zone.
pub fn registry_today(now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    match chrono::FixedOffset::east_opt(REGISTRY_UTC_OFFSET_SECONDS) {
        Some(offset) => now.with_timezone(&offset).date_naive(),
        None => now.date_naive(),
    }
}

/// The month of `at` in the registry's time zone, `2026-11`: how public
/// answers date complaints, never more precisely.
pub fn registry_month(at: chrono::DateTime<chrono::Utc>) -> String {
    registry_today(at).format("%Y-%m").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn today_follows_tashkent_not_utc() {
        let late_evening_utc = chrono::Utc.with_ymd_and_hms(2026, 11, 28, 20, 30, 0).unwrap();
        assert_eq!(
            registry_today(late_evening_utc),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
        );
    }
}
