//! What the change feed says happened, and when the calendar alone changes
//! a licence's standing.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use serde::Serialize;

use super::license_status::{standing, LicenseStatus, Standing, Validity};
use super::lifecycle::LicenseCommand;

/// The kind of a change-feed entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
pub enum ChangeType {
    /// An agency was registered (its licences follow as `license.issued`).
    #[serde(rename = "agency.registered")]
    AgencyRegistered,
    /// An agency's details changed.
    #[serde(rename = "agency.updated")]
    AgencyUpdated,
    /// The public complaint counts of an agency changed.
    #[serde(rename = "agency.complaints_changed")]
    AgencyComplaintsChanged,
    /// A licence was issued.
    #[serde(rename = "license.issued")]
    LicenseIssued,
    /// A licence's validity was extended.
    #[serde(rename = "license.renewed")]
    LicenseRenewed,
    /// A licence was suspended.
    #[serde(rename = "license.suspended")]
    LicenseSuspended,
    /// A suspension was lifted by the ministry.
    #[serde(rename = "license.reinstated")]
    LicenseReinstated,
    /// A licence was revoked.
    #[serde(rename = "license.revoked")]
    LicenseRevoked,
    /// The agency gave a licence up.
    #[serde(rename = "license.surrendered")]
    LicenseSurrendered,
    /// By date: a suspension with an end date ended.
    #[serde(rename = "license.suspension_ended")]
    LicenseSuspensionEnded,
    /// By date: a licence passed its last day of validity.
    #[serde(rename = "license.expired")]
    LicenseExpired,
    /// By date: a licence reached its first day of validity.
    #[serde(rename = "license.took_effect")]
    LicenseTookEffect,
    /// The ministry corrected the public reason of a step in the licence's
    /// history (one written with a person's data in it, say).
    #[serde(rename = "license.reason_corrected")]
    LicenseReasonCorrected,
    /// The ministry registered a representative of an agency (a new card).
    #[serde(rename = "representative.registered")]
    RepresentativeRegistered,
    /// A representative's name, regions, phones, handles or dates changed.
    #[serde(rename = "representative.updated")]
    RepresentativeUpdated,
    /// The agency withdrew a representative: the card no longer stands.
    #[serde(rename = "representative.withdrawn")]
    RepresentativeWithdrawn,
    /// A withdrawn representative's card was made active again (the
    /// withdrawal stays in its history).
    #[serde(rename = "representative.reactivated")]
    RepresentativeReactivated,
    /// The ministry accredited a foreign employer.
    #[serde(rename = "employer.registered")]
    EmployerRegistered,
    /// An employer's names, registration, sectors or address changed.
    #[serde(rename = "employer.updated")]
    EmployerUpdated,
    /// The ministry suspended an employer: its job orders are not open.
    #[serde(rename = "employer.suspended")]
    EmployerSuspended,
    /// The ministry banned an employer: its open job orders close.
    #[serde(rename = "employer.banned")]
    EmployerBanned,
    /// A suspended or banned employer was accredited again.
    #[serde(rename = "employer.reinstated")]
    EmployerReinstated,
    /// An agency registered a job order under one of its licences.
    #[serde(rename = "job_order.registered")]
    JobOrderRegistered,
    /// A job order's terms changed.
    #[serde(rename = "job_order.updated")]
    JobOrderUpdated,
    /// Every place of a job order is taken.
    #[serde(rename = "job_order.filled")]
    JobOrderFilled,
    /// A job order was closed (by its agency, or because its employer was banned).
    #[serde(rename = "job_order.closed")]
    JobOrderClosed,
    /// The agency withdrew a job order: it is not on offer.
    #[serde(rename = "job_order.withdrawn")]
    JobOrderWithdrawn,
    /// A filled or closed job order is open again.
    #[serde(rename = "job_order.reopened")]
    JobOrderReopened,
    /// Its employer was suspended or reinstated: its standing changed
    /// without a change of its own.
    #[serde(rename = "job_order.employer_changed")]
    JobOrderEmployerChanged,
}

impl ChangeType {
    /// Every kind.
    pub const ALL: [ChangeType; 29] = [
        Self::AgencyRegistered,
        Self::AgencyUpdated,
        Self::AgencyComplaintsChanged,
        Self::LicenseIssued,
        Self::LicenseRenewed,
        Self::LicenseSuspended,
        Self::LicenseReinstated,
        Self::LicenseRevoked,
        Self::LicenseSurrendered,
        Self::LicenseSuspensionEnded,
        Self::LicenseExpired,
        Self::LicenseTookEffect,
        Self::LicenseReasonCorrected,
        Self::RepresentativeRegistered,
        Self::RepresentativeUpdated,
        Self::RepresentativeWithdrawn,
        Self::RepresentativeReactivated,
        Self::EmployerRegistered,
        Self::EmployerUpdated,
        Self::EmployerSuspended,
        Self::EmployerBanned,
        Self::EmployerReinstated,
        Self::JobOrderRegistered,
        Self::JobOrderUpdated,
        Self::JobOrderFilled,
        Self::JobOrderClosed,
        Self::JobOrderWithdrawn,
        Self::JobOrderReopened,
        Self::JobOrderEmployerChanged,
    ];

    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AgencyRegistered => "agency.registered",
            Self::AgencyUpdated => "agency.updated",
            Self::AgencyComplaintsChanged => "agency.complaints_changed",
            Self::LicenseIssued => "license.issued",
            Self::LicenseRenewed => "license.renewed",
            Self::LicenseSuspended => "license.suspended",
            Self::LicenseReinstated => "license.reinstated",
            Self::LicenseRevoked => "license.revoked",
            Self::LicenseSurrendered => "license.surrendered",
            Self::LicenseSuspensionEnded => "license.suspension_ended",
            Self::LicenseExpired => "license.expired",
            Self::LicenseTookEffect => "license.took_effect",
            Self::LicenseReasonCorrected => "license.reason_corrected",
            Self::RepresentativeRegistered => "representative.registered",
            Self::RepresentativeUpdated => "representative.updated",
            Self::RepresentativeWithdrawn => "representative.withdrawn",
            Self::RepresentativeReactivated => "representative.reactivated",
            Self::EmployerRegistered => "employer.registered",
            Self::EmployerUpdated => "employer.updated",
            Self::EmployerSuspended => "employer.suspended",
            Self::EmployerBanned => "employer.banned",
            Self::EmployerReinstated => "employer.reinstated",
            Self::JobOrderRegistered => "job_order.registered",
            Self::JobOrderUpdated => "job_order.updated",
            Self::JobOrderFilled => "job_order.filled",
            Self::JobOrderClosed => "job_order.closed",
            Self::JobOrderWithdrawn => "job_order.withdrawn",
            Self::JobOrderReopened => "job_order.reopened",
            Self::JobOrderEmployerChanged => "job_order.employer_changed",
        }
    }

    /// The kind named `s`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The entry an employer's change of status writes.
    pub fn of_employer_action(action: crate::employer::EmployerAction) -> Self {
        use crate::employer::EmployerAction;
        match action {
            EmployerAction::Suspend => Self::EmployerSuspended,
            EmployerAction::Ban => Self::EmployerBanned,
            EmployerAction::Reinstate => Self::EmployerReinstated,
        }
    }

    /// The entry a job order's change of status writes.
    pub fn of_job_order_action(action: crate::job_order::JobOrderAction) -> Self {
        use crate::job_order::JobOrderAction;
        match action {
            JobOrderAction::Fill => Self::JobOrderFilled,
            JobOrderAction::Close => Self::JobOrderClosed,
            JobOrderAction::Withdraw => Self::JobOrderWithdrawn,
            JobOrderAction::Reopen => Self::JobOrderReopened,
        }
    }

    /// The entry a lifecycle command writes.
    pub fn of_command(command: LicenseCommand) -> Self {
        match command {
            LicenseCommand::Suspend => Self::LicenseSuspended,
            LicenseCommand::Reinstate => Self::LicenseReinstated,
            LicenseCommand::Renew => Self::LicenseRenewed,
            LicenseCommand::Revoke => Self::LicenseRevoked,
            LicenseCommand::Surrender => Self::LicenseSurrendered,
        }
    }

    /// The entry for a standing the calendar changed from `before` to `now`,
    /// if the change is one the public can see.
    pub fn by_date(before: Standing, now: Standing) -> Option<Self> {
        if before == now {
            return None;
        }
        Some(match (before.status, now.status) {
            (_, LicenseStatus::Expired) => Self::LicenseExpired,
            (LicenseStatus::Suspended, LicenseStatus::Active) => Self::LicenseSuspensionEnded,
            _ if now.can_recruit => Self::LicenseTookEffect,
            // Active but no longer within validity without being expired
            // cannot happen; say expired rather than nothing.
            _ => Self::LicenseExpired,
        })
    }
}

/// The first day after `today` on which the calendar alone can change the
/// licence's standing, or `None` when nothing but a ministry action can.
pub fn next_standing_change(stored: LicenseStatus, validity: Validity, today: NaiveDate) -> Option<NaiveDate> {
    let now = standing(stored, validity, today);
    let candidates = [
        validity.from,
        validity.until.checked_add_days(Days::new(1))?,
        validity
            .suspended_until
            .and_then(|end| end.checked_add_days(Days::new(1)))
            .unwrap_or(NaiveDate::MAX),
    ];
    candidates
        .into_iter()
        .filter(|day| *day > today && *day != NaiveDate::MAX)
        .min()
        .filter(|_| matches!(now.status, LicenseStatus::Active | LicenseStatus::Suspended))
}

/// The instant a registry day begins (midnight in Tashkent), in UTC.
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let offset = chrono::FixedOffset::east_opt(super::REGISTRY_UTC_OFFSET_SECONDS);
    match offset.and_then(|o| o.from_local_datetime(&midnight).single()) {
        Some(local) => local.with_timezone(&Utc),
        None => Utc.from_utc_datetime(&midnight),
    }
}

/// Longest a licence statement is valid: a revocation reaches an offline app
/// within this long at worst.
pub const STATEMENT_MAX_DAYS: u64 = 7;

/// When a licence statement made at `now` is issued and when it expires.
///
/// Issued at the start of the hour, or at the last change of what it states
/// if that is later: the same state in the same hour signs the same bytes
/// (caches and ETags hold), and a later state never carries an earlier
/// `iat`. It expires after [`STATEMENT_MAX_DAYS`], or at the start of the day
/// the calendar changes the licence's standing (`next_change`), whichever
/// comes first: a statement never says "active" on a day the licence is not.
pub fn statement_lifetime(
    now: DateTime<Utc>,
    last_changed: DateTime<Utc>,
    next_change: Option<NaiveDate>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let hour = now.timestamp() - now.timestamp().rem_euclid(3600);
    let issued = hour.max(last_changed.timestamp()).min(now.timestamp());
    let issued = DateTime::from_timestamp(issued, 0).unwrap_or(now);
    let longest = issued + chrono::Duration::days(STATEMENT_MAX_DAYS as i64);
    let expires = next_change.map_or(longest, |day| longest.min(start_of_day(day)));
    (issued, expires)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn v(from: &str, until: &str, suspended_until: Option<&str>) -> Validity {
        Validity {
            from: d(from),
            until: d(until),
            suspended_until: suspended_until.map(d),
        }
    }

    #[test]
    fn names_round_trip_and_match_serde() {
        for t in ChangeType::ALL {
            assert_eq!(ChangeType::parse(t.as_str()), Some(t));
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        }
    }

    #[test]
    fn an_active_licence_next_changes_the_day_after_its_validity() {
        let next = next_standing_change(
            LicenseStatus::Active,
            v("2026-01-01", "2026-12-31", None),
            d("2026-11-29"),
        );
        assert_eq!(next, Some(d("2027-01-01")));
    }

    #[test]
    fn a_licence_not_yet_valid_changes_on_its_first_day() {
        let next = next_standing_change(
            LicenseStatus::Active,
            v("2027-01-01", "2027-12-31", None),
            d("2026-11-29"),
        );
        assert_eq!(next, Some(d("2027-01-01")));
    }

    #[test]
    fn a_suspension_with_an_end_changes_the_day_after_it() {
        let validity = v("2026-01-01", "2027-12-31", Some("2026-12-10"));
        let next = next_standing_change(LicenseStatus::Suspended, validity, d("2026-11-29"));
        assert_eq!(next, Some(d("2026-12-11")));
        // And the day after, standing has indeed changed.
        let before = standing(LicenseStatus::Suspended, validity, d("2026-12-10"));
        let after = standing(LicenseStatus::Suspended, validity, d("2026-12-11"));
        assert_eq!(
            ChangeType::by_date(before, after),
            Some(ChangeType::LicenseSuspensionEnded)
        );
    }

    #[test]
    fn final_statuses_never_change_by_date() {
        for status in [LicenseStatus::Revoked, LicenseStatus::Surrendered] {
            assert_eq!(
                next_standing_change(status, v("2026-01-01", "2026-12-31", None), d("2026-11-29")),
                None
            );
        }
        let expired = next_standing_change(
            LicenseStatus::Active,
            v("2025-01-01", "2025-12-31", None),
            d("2026-11-29"),
        );
        assert_eq!(expired, None);
    }

    #[test]
    fn lapse_and_taking_effect_are_named() {
        let validity = v("2026-12-01", "2026-12-31", None);
        let before = standing(LicenseStatus::Active, validity, d("2026-11-30"));
        let first = standing(LicenseStatus::Active, validity, d("2026-12-01"));
        let after = standing(LicenseStatus::Active, validity, d("2027-01-01"));
        assert_eq!(ChangeType::by_date(before, first), Some(ChangeType::LicenseTookEffect));
        assert_eq!(ChangeType::by_date(first, after), Some(ChangeType::LicenseExpired));
        assert_eq!(ChangeType::by_date(first, first), None);
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn statements_are_stable_within_the_hour_and_live_at_most_a_week() {
        let (iat, exp) = statement_lifetime(at("2026-11-29T10:45:10Z"), at("2026-01-01T00:00:00Z"), None);
        assert_eq!(iat, at("2026-11-29T10:00:00Z"));
        assert_eq!(exp, at("2026-12-06T10:00:00Z"));
        assert_eq!(
            statement_lifetime(at("2026-11-29T10:59:59Z"), at("2026-01-01T00:00:00Z"), None),
            (iat, exp)
        );
    }

    #[test]
    fn a_statement_is_never_older_than_the_change_it_states() {
        let (iat, _) = statement_lifetime(at("2026-11-29T10:45:10Z"), at("2026-11-29T10:30:00Z"), None);
        assert_eq!(iat, at("2026-11-29T10:30:00Z"));
    }

    #[test]
    fn a_statement_expires_when_the_calendar_changes_the_licence() {
        let (_, exp) = statement_lifetime(
            at("2026-11-29T10:45:10Z"),
            at("2026-01-01T00:00:00Z"),
            Some(d("2026-12-01")),
        );
        assert_eq!(exp, at("2026-11-30T19:00:00Z"));
    }

    #[test]
    fn a_registry_day_starts_at_midnight_in_tashkent() {
        assert_eq!(start_of_day(d("2026-12-01")).to_rfc3339(), "2026-11-30T19:00:00+00:00");
    }
}
