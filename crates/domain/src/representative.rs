//! A representative: a person an agency has authorised to recruit for it,
//! and what a worker meeting them must be told.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether the agency still stands behind its representative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeStatus {
    /// Authorised to recruit for the agency within the card's dates.
    Active,
    /// No longer represents the agency (since `withdrawn_on`).
    Withdrawn,
}

impl RepresentativeStatus {
    /// Both.
    pub const ALL: [Self; 2] = [Self::Active, Self::Withdrawn];

    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Reads the stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// What a worker meeting a representative is told, most serious first: the
/// one rule every reader (the card, the contact check, the page, the
/// statement, the snapshot) reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CardStanding {
    /// The agency withdrew the person: they no longer represent it.
    Withdrawn,
    /// The agency's licences do not allow it to recruit today: nobody may
    /// recruit for it, its representatives included.
    AgencyMayNotRecruit,
    /// The card's dates do not cover today (not yet valid, or ended).
    OutsideDates,
    /// The person may recruit for the agency today.
    MayRecruit,
}

impl CardStanding {
    /// Whether the person may recruit for the agency today.
    pub fn may_recruit(self) -> bool {
        self == Self::MayRecruit
    }

    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Withdrawn => "withdrawn",
            Self::AgencyMayNotRecruit => "agency_may_not_recruit",
            Self::OutsideDates => "outside_dates",
            Self::MayRecruit => "may_recruit",
        }
    }
}

/// The card's standing on `today`: a withdrawal outranks the agency's
/// licence, which outranks the card's own dates.
pub fn card_standing(
    status: RepresentativeStatus,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
    agency_may_recruit: bool,
    today: NaiveDate,
) -> CardStanding {
    if status == RepresentativeStatus::Withdrawn {
        CardStanding::Withdrawn
    } else if !agency_may_recruit {
        CardStanding::AgencyMayNotRecruit
    } else if today < valid_from || valid_until.is_some_and(|until| today > until) {
        CardStanding::OutsideDates
    } else {
        CardStanding::MayRecruit
    }
}

/// The next day the calendar alone changes a card's standing (its first
/// day, or the day after its last), if any after `today`.
pub fn next_card_change(valid_from: NaiveDate, valid_until: Option<NaiveDate>, today: NaiveDate) -> Option<NaiveDate> {
    let after_last = valid_until.and_then(|d| d.succ_opt());
    [Some(valid_from), after_last]
        .into_iter()
        .flatten()
        .filter(|d| *d > today)
        .min()
}

/// Most representatives one agency may register: a bound on what one row
/// of the read model holds.
pub const MAX_PER_AGENCY: usize = 500;

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn a_withdrawal_outranks_the_licence_which_outranks_the_dates() {
        use RepresentativeStatus::*;
        let s = |status, from, until, agency| card_standing(status, day(from), until, agency, day(10));
        assert_eq!(s(Withdrawn, 20, None, false), CardStanding::Withdrawn);
        assert_eq!(s(Active, 20, None, false), CardStanding::AgencyMayNotRecruit);
        assert_eq!(s(Active, 20, None, true), CardStanding::OutsideDates);
        assert_eq!(s(Active, 1, Some(day(9)), true), CardStanding::OutsideDates);
        assert_eq!(s(Active, 1, Some(day(10)), true), CardStanding::MayRecruit);
        assert_eq!(s(Active, 10, None, true), CardStanding::MayRecruit);
        assert!(s(Active, 10, None, true).may_recruit());
        assert!(!s(Active, 10, None, false).may_recruit());
    }

    #[test]
    fn the_calendar_changes_a_card_on_its_first_day_and_after_its_last() {
        assert_eq!(next_card_change(day(20), Some(day(25)), day(10)), Some(day(20)));
        assert_eq!(next_card_change(day(1), Some(day(25)), day(10)), Some(day(26)));
        assert_eq!(next_card_change(day(1), None, day(10)), None);
        assert_eq!(next_card_change(day(1), Some(day(9)), day(10)), None);
    }

    #[test]
    fn statuses_read_back_what_they_store() {
        for status in RepresentativeStatus::ALL {
            assert_eq!(RepresentativeStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(RepresentativeStatus::parse("Active"), None);
    }
}
