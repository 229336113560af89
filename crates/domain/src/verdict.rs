//! The plain answer a worker gets from a licence check.

use chrono::NaiveDate;
use serde::Serialize;

use super::license_status::{LicenseStatus, Standing};

/// What the verdict says, the same in every language: apps branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerdictCode {
    /// Active and within its validity: the agency may recruit.
    MayRecruit,
    /// Active, but its validity has not begun.
    NotYetValid,
    /// Suspended.
    Suspended,
    /// Revoked.
    Revoked,
    /// Past its validity.
    Expired,
    /// Given up by the agency.
    Surrendered,
}

impl VerdictCode {
    /// The verdict on a licence's standing on `today`.
    pub fn of(standing: Standing, valid_from: NaiveDate, today: NaiveDate) -> Self {
        match standing.status {
            LicenseStatus::Active if standing.can_recruit => Self::MayRecruit,
            LicenseStatus::Active if today < valid_from => Self::NotYetValid,
            LicenseStatus::Active | LicenseStatus::Expired => Self::Expired,
            LicenseStatus::Suspended => Self::Suspended,
            LicenseStatus::Revoked => Self::Revoked,
            LicenseStatus::Surrendered => Self::Surrendered,
        }
    }
}

/// A name as registered, with its spelling in the reader's script beside it
/// when the registry has one (`Istiqbol MChJ (Истиқбол МЧЖ)`).
pub fn name_for_script(legal_name: &str, other_names: &[String], cyrillic_reader: bool) -> String {
    let is_cyrillic = |s: &str| s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    if is_cyrillic(legal_name) == cyrillic_reader {
        return legal_name.to_owned();
    }
    match other_names.iter().find(|n| is_cyrillic(n) == cyrillic_reader) {
        Some(other) => format!("{legal_name} ({other})"),
        None => legal_name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn codes_follow_the_standing() {
        let active = |can_recruit| Standing {
            status: LicenseStatus::Active,
            can_recruit,
        };
        assert_eq!(
            VerdictCode::of(active(true), d("2026-01-01"), d("2026-11-29")),
            VerdictCode::MayRecruit
        );
        assert_eq!(
            VerdictCode::of(active(false), d("2027-01-01"), d("2026-11-29")),
            VerdictCode::NotYetValid
        );
        let revoked = Standing {
            status: LicenseStatus::Revoked,
            can_recruit: false,
        };
        assert_eq!(
            VerdictCode::of(revoked, d("2026-01-01"), d("2026-11-29")),
            VerdictCode::Revoked
        );
    }

    #[test]
    fn the_other_script_is_added_when_registered() {
        let others = vec!["Истиқбол МЧЖ".to_owned(), "Istiqbol".to_owned()];
        assert_eq!(
            name_for_script("Istiqbol MChJ", &others, true),
            "Istiqbol MChJ (Истиқбол МЧЖ)"
        );
        assert_eq!(name_for_script("Istiqbol MChJ", &others, false), "Istiqbol MChJ");
        assert_eq!(name_for_script("Istiqbol MChJ", &[], true), "Istiqbol MChJ");
    }
}
