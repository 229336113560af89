//! A licence's status as stored, and as a job-seeker must be told it today.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The status of a licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LicenseStatus {
    /// The agency may recruit within the licence's validity.
    Active,
    /// Temporarily withdrawn by the ministry; may be reinstated.
    Suspended,
    /// Permanently withdrawn by the ministry.
    Revoked,
    /// The validity period has ended.
    Expired,
    /// Given up by the agency.
    Surrendered,
}

impl LicenseStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [LicenseStatus; 5] = [
        Self::Active,
        Self::Suspended,
        Self::Revoked,
        Self::Expired,
        Self::Surrendered,
    ];

    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
            Self::Surrendered => "surrendered",
        }
    }

    /// Reads the stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// What the public is told about a licence on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The status in force: a stored `active` past its `valid_until` is `expired`.
    pub status: LicenseStatus,
    /// True only when the licence is active and the day lies within its validity.
    pub can_recruit: bool,
}

/// The dates that decide a licence's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    /// First day of validity.
    pub from: NaiveDate,
    /// Last day of validity.
    pub until: NaiveDate,
    /// Last day of a suspension with an end date.
    pub suspended_until: Option<NaiveDate>,
}

/// Decides a licence's standing on `today` without waiting for any job: a
/// suspension past its end date has lifted, an active licence past its
/// validity has expired.
pub fn standing(stored: LicenseStatus, validity: Validity, today: NaiveDate) -> Standing {
    let suspension_over = validity.suspended_until.is_some_and(|end| today > end);
    let stored = if stored == LicenseStatus::Suspended && suspension_over {
        LicenseStatus::Active
    } else {
        stored
    };
    let (valid_from, valid_until) = (validity.from, validity.until);
    let status = if stored == LicenseStatus::Active && today > valid_until {
        LicenseStatus::Expired
    } else {
        stored
    };
    let can_recruit = status == LicenseStatus::Active && valid_from <= today && today <= valid_until;
    Standing { status, can_recruit }
}

/// The status of [`standing`], as a SQL expression over the licence row
/// `row` (an alias of `licenses`) on the day `today` (a parameter or a
/// column): the same rule written for the database's own filters, beside
/// the function it must agree with (a test runs both over every case).
pub fn standing_status_sql(row: &str, today: &str) -> String {
    format!(
        "(CASE WHEN {row}.status = 'suspended' AND {row}.suspended_until < {today} \
              THEN (CASE WHEN {row}.valid_until < {today} THEN 'expired' ELSE 'active' END) \
          WHEN {row}.status = 'active' AND {row}.valid_until < {today} THEN 'expired' \
          ELSE {row}.status END)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn v(from: &str, until: &str) -> Validity {
        Validity {
            from: d(from),
            until: d(until),
            suspended_until: None,
        }
    }

    #[test]
    fn active_within_validity_can_recruit() {
        let s = standing(LicenseStatus::Active, v("2026-01-01", "2026-12-31"), d("2026-11-28"));
        assert_eq!(
            s,
            Standing {
                status: LicenseStatus::Active,
                can_recruit: true
            }
        );
    }

    #[test]
    fn validity_bounds_are_inclusive() {
        for today in ["2026-01-01", "2026-12-31"] {
            assert!(standing(LicenseStatus::Active, v("2026-01-01", "2026-12-31"), d(today)).can_recruit);
        }
    }

    #[test]
    fn active_past_validity_is_reported_expired() {
        let s = standing(LicenseStatus::Active, v("2025-01-01", "2026-11-27"), d("2026-11-28"));
        assert_eq!(
            s,
            Standing {
                status: LicenseStatus::Expired,
                can_recruit: false
            }
        );
    }

    #[test]
    fn active_before_validity_cannot_recruit_yet() {
        let s = standing(LicenseStatus::Active, v("2027-01-01", "2027-12-31"), d("2026-11-28"));
        assert_eq!(
            s,
            Standing {
                status: LicenseStatus::Active,
                can_recruit: false
            }
        );
    }

    #[test]
    fn only_active_can_recruit() {
        for stored in LicenseStatus::ALL.into_iter().filter(|s| *s != LicenseStatus::Active) {
            let s = standing(stored, v("2026-01-01", "2026-12-31"), d("2026-06-01"));
            assert_eq!(
                s,
                Standing {
                    status: stored,
                    can_recruit: false
                }
            );
        }
    }

    #[test]
    fn a_suspension_with_an_end_date_lifts_after_it() {
        let validity = Validity {
            suspended_until: Some(d("2026-11-30")),
            ..v("2026-01-01", "2027-12-31")
        };
        assert_eq!(
            standing(LicenseStatus::Suspended, validity, d("2026-11-30")).status,
            LicenseStatus::Suspended
        );
        let after = standing(LicenseStatus::Suspended, validity, d("2026-12-01"));
        assert_eq!(
            after,
            Standing {
                status: LicenseStatus::Active,
                can_recruit: true
            }
        );
    }

    #[test]
    fn names_round_trip() {
        for status in LicenseStatus::ALL {
            assert_eq!(LicenseStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(LicenseStatus::parse("ACTIVE"), None);
    }
}

/// The kinds of step in a licence's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LicenseAction {
    /// The licence was granted.
    Issued,
    /// Its validity was extended.
    Renewed,
    /// It was suspended.
    Suspended,
    /// A suspension was lifted.
    Reinstated,
    /// It was withdrawn for good.
    Revoked,
    /// Its validity ended.
    Expired,
    /// The agency gave it up.
    Surrendered,
}

impl LicenseAction {
    /// Every action.
    pub const ALL: [LicenseAction; 7] = [
        Self::Issued,
        Self::Renewed,
        Self::Suspended,
        Self::Reinstated,
        Self::Revoked,
        Self::Expired,
        Self::Surrendered,
    ];

    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issued => "issued",
            Self::Renewed => "renewed",
            Self::Suspended => "suspended",
            Self::Reinstated => "reinstated",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
            Self::Surrendered => "surrendered",
        }
    }

    /// Reads the stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[cfg(test)]
mod action_tests {
    use super::LicenseAction;

    #[test]
    fn action_names_round_trip() {
        for a in LicenseAction::ALL {
            assert_eq!(LicenseAction::parse(a.as_str()), Some(a));
            assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
        }
    }
}
