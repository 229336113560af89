//! A job order: a job abroad an agency registered under its licence, with a
//! named employer, and the terms a worker is promised. What a worker holding
//! a printed offer is told has one home here ([`job_order_standing`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::check_digit::{Lettered, Numbered, Scheme};
use crate::employer::EmployerStatus;

/// What a reference may look like as typed, for the OpenAPI document: `J`
/// (or Cyrillic `Ж`, the same sound in Uzbek), then eight digits with spaces
/// or dashes anywhere between them.
pub const REFERENCE_INPUT_PATTERN: &str = r"^[ ]*[JjЖж][ \-]*(?:[0-9][ \-]*){8}$";

/// Job orders' references: `J-1000-0012`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobOrder {}

impl Scheme for JobOrder {
    const LETTERED: Lettered = Lettered {
        letter: 'J',
        also: &['j', 'Ж', 'ж'],
    };
}

/// A job order's reference whose check digit fits: `J-1000-0012`.
pub type JobOrderReference = Numbered<JobOrder>;

/// What the agency says of a job order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobOrderStatus {
    /// Recruiting.
    Open,
    /// Every place is taken (it may open again).
    Filled,
    /// No longer recruiting (it may open again).
    Closed,
    /// Taken back by the agency: it is not on offer, and never will be again.
    Withdrawn,
}

impl JobOrderStatus {
    pub const ALL: [Self; 4] = [Self::Open, Self::Filled, Self::Closed, Self::Withdrawn];

    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Filled => "filled",
            Self::Closed => "closed",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Reads the stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// What the agency does to its job order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobOrderAction {
    Fill,
    Close,
    Withdraw,
    Reopen,
}

/// An action that does not apply to a job order as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobOrderRefusal {
    pub action: JobOrderAction,
    pub status: JobOrderStatus,
}

/// The status after `action`: fill an open order; close an open or filled
/// one; withdraw one that is open or filled; reopen one filled or closed. A
/// withdrawn order stays withdrawn (an offer taken back and then reissued
/// is a new order, with a new reference).
pub fn job_order_after(status: JobOrderStatus, action: JobOrderAction) -> Result<JobOrderStatus, JobOrderRefusal> {
    use JobOrderAction::*;
    use JobOrderStatus::*;
    match (status, action) {
        (Open, Fill) => Ok(Filled),
        (Open | Filled, Close) => Ok(Closed),
        (Open | Filled, Withdraw) => Ok(Withdrawn),
        (Filled | Closed, Reopen) => Ok(Open),
        _ => Err(JobOrderRefusal { action, status }),
    }
}

/// What a worker holding the offer is told, most serious first: the one
/// rule every reader (the answer, the search filter "open only", the page,
/// the statement, the snapshot) reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobOrderStanding {
    /// The agency took it back: the job is not on offer.
    Withdrawn,
    /// The agency's licences do not let it recruit today.
    AgencyCannotRecruit,
    /// The employer is suspended or banned.
    EmployerNotAccredited,
    /// Its validity has passed.
    Expired,
    /// No longer recruiting.
    Closed,
    /// Every place is taken.
    Filled,
    /// Recruiting, by a licensed agency for an accredited employer.
    Open,
}

impl JobOrderStanding {
    /// Whether a worker may apply today.
    pub fn is_open(self) -> bool {
        self == Self::Open
    }

    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Withdrawn => "withdrawn",
            Self::AgencyCannotRecruit => "agency_cannot_recruit",
            Self::EmployerNotAccredited => "employer_not_accredited",
            Self::Expired => "expired",
            Self::Closed => "closed",
            Self::Filled => "filled",
            Self::Open => "open",
        }
    }
}

/// The standing of a job order on `today`: stored `status`, valid until
/// `valid_until` (inclusive, a date in Tashkent), under an agency that
/// `agency_may_recruit` today, for an employer of `employer` status. An
/// order stops being open by itself: when its licence may not recruit, its
/// employer is not accredited, or its date has passed, with no change stored.
pub fn job_order_standing(
    status: JobOrderStatus,
    valid_until: NaiveDate,
    agency_may_recruit: bool,
    employer: EmployerStatus,
    today: NaiveDate,
) -> JobOrderStanding {
    use JobOrderStanding as S;
    match status {
        JobOrderStatus::Withdrawn => S::Withdrawn,
        _ if !agency_may_recruit => S::AgencyCannotRecruit,
        _ if !employer.may_hire() => S::EmployerNotAccredited,
        _ if today > valid_until => S::Expired,
        JobOrderStatus::Closed => S::Closed,
        JobOrderStatus::Filled => S::Filled,
        JobOrderStatus::Open => S::Open,
    }
}

/// The next day the calendar alone changes the order's standing (the day
/// after `valid_until`), if still to come: what bounds a statement's life
/// and a cached answer's.
pub fn next_job_order_change(valid_until: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    valid_until.succ_opt().filter(|next| *next > today)
}

/// The most hours a week an order may ask: above it no order is plausible,
/// whatever the law abroad allows.
pub const MAX_HOURS_PER_WEEK: u8 = 84;
/// The longest contract, in months.
pub const MAX_CONTRACT_MONTHS: u16 = 60;
/// The most workers one order may ask for.
pub const MAX_WORKERS_NEEDED: u32 = 10_000;

/// What a wage is paid per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WagePeriod {
    Hour,
    Month,
}

/// What the employer provides, from a fixed list (so that every language
/// and every app says the same thing of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Provision {
    /// A place to live.
    Housing,
    /// Meals, or a food allowance.
    Meals,
    /// The journey there and back.
    Travel,
    /// Getting to and from work.
    LocalTransport,
    /// Health insurance.
    HealthInsurance,
    /// Insurance against accidents at work.
    AccidentInsurance,
    /// The visa and the work permit.
    VisaAndPermit,
    /// Training for the job.
    Training,
    /// Work clothing and protective equipment.
    WorkEquipment,
}

impl Provision {
    pub const ALL: [Self; 9] = [
        Self::Housing,
        Self::Meals,
        Self::Travel,
        Self::LocalTransport,
        Self::HealthInsurance,
        Self::AccidentInsurance,
        Self::VisaAndPermit,
        Self::Training,
        Self::WorkEquipment,
    ];

    /// The name used in JSON, in the database and in message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Housing => "housing",
            Self::Meals => "meals",
            Self::Travel => "travel",
            Self::LocalTransport => "local_transport",
            Self::HealthInsurance => "health_insurance",
            Self::AccidentInsurance => "accident_insurance",
            Self::VisaAndPermit => "visa_and_permit",
            Self::Training => "training",
            Self::WorkEquipment => "work_equipment",
        }
    }
}

/// Why an amount of money is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Not an ISO 4217 currency code.
    UnknownCurrency,
    /// More decimals than the currency has (a won has none, a dollar two).
    TooPrecise { decimals: u16 },
    /// Below the least allowed (a wage above 0, a fee at least 0).
    TooSmall,
    /// Not a finite number, or beyond what any wage or fee could be.
    OutOfRange,
}

/// An amount in a currency, kept in the currency's minor unit (cents,
/// tiyin; a won is its own minor unit) so that sums and comparisons are
/// exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub minor: i64,
    pub currency: iso_currency::Currency,
}

/// The largest amount read, in major units (a billion: no wage or fee).
const MAX_MAJOR: f64 = 1e9;

impl Money {
    /// Reads `amount` of `currency` (an ISO 4217 code, upper case), at
    /// least `least_minor` minor units.
    pub fn read(amount: f64, currency: &str, least_minor: i64) -> Result<Self, MoneyError> {
        let currency = iso_currency::Currency::from_code(currency).ok_or(MoneyError::UnknownCurrency)?;
        if !amount.is_finite() || amount.abs() > MAX_MAJOR {
            return Err(MoneyError::OutOfRange);
        }
        let decimals = currency.exponent().unwrap_or(0);
        let scaled = amount * 10f64.powi(i32::from(decimals));
        let minor = scaled.round();
        // JSON numbers are binary fractions: 1850.1 is 1850.0999..., within
        // a millionth of a minor unit of a whole one.
        if (scaled - minor).abs() > 1e-6 {
            return Err(MoneyError::TooPrecise { decimals });
        }
        let minor = minor as i64;
        if minor < least_minor {
            return Err(MoneyError::TooSmall);
        }
        Ok(Self { minor, currency })
    }

    /// The amount in major units, as JSON carries it.
    pub fn amount(&self) -> f64 {
        let decimals = self.currency.exponent().unwrap_or(0);
        self.minor as f64 / 10f64.powi(i32::from(decimals))
    }

    /// The ISO 4217 code.
    pub fn code(&self) -> &'static str {
        self.currency.code()
    }

    /// An amount as stored: `minor` units of the currency `code` (`None`
    /// for a code no longer in ISO 4217).
    pub fn of_stored(minor: i64, code: &str) -> Option<Self> {
        let currency = iso_currency::Currency::from_code(code)?;
        Some(Self { minor, currency })
    }
}

impl Provision {
    /// Reads a stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

impl WagePeriod {
    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hour => "hour",
            Self::Month => "month",
        }
    }

    /// Reads a stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Hour, Self::Month].into_iter().find(|p| p.as_str() == s)
    }
}

impl JobOrderAction {
    /// The name used in JSON, in the audit trail and in the history.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fill => "fill",
            Self::Close => "close",
            Self::Withdraw => "withdraw",
            Self::Reopen => "reopen",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_digit::NumberError;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn a_reference_reads_back_and_a_mistyped_one_is_told_apart() {
        let reference = JobOrderReference::of_stored(1_234_567);
        assert_eq!(reference.serial(), 1_234_567);
        let digits: String = reference.as_str().chars().filter(char::is_ascii_digit).collect();
        for typed in [
            reference.as_str().to_owned(),
            format!("j {} {}", &digits[..4], &digits[4..]),
            format!("Ж{digits}"),
        ] {
            assert_eq!(JobOrderReference::parse(&typed), Ok(reference.clone()), "{typed}");
        }
        let mut typo: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
        typo[3] = (typo[3] + 1) % 10;
        let typo: String = typo.iter().map(|d| char::from(b'0' + d)).collect();
        assert_eq!(
            JobOrderReference::parse(&format!("J{typo}")),
            Err(NumberError::Mistyped)
        );
        for not in ["K-1234-5678", "J-123", "UZ-TK-0123", ""] {
            assert_eq!(JobOrderReference::parse(not), Err(NumberError::Malformed), "{not}");
        }
        let pattern = regex::Regex::new(REFERENCE_INPUT_PATTERN).unwrap();
        for typed in [
            "J-1000-0012",
            " ж 12345678",
            "j1234 5678",
            "K-1234-5678",
            "J-1234-567",
            "J-1000-0012x",
        ] {
            assert_eq!(
                pattern.is_match(typed),
                JobOrderReference::parse(typed) != Err(NumberError::Malformed),
                "{typed}"
            );
        }
    }

    #[test]
    fn actions_from_every_status() {
        use JobOrderAction::*;
        use JobOrderStatus::*;
        for (from, action, to) in [
            (Open, Fill, Some(Filled)),
            (Open, Close, Some(Closed)),
            (Open, Withdraw, Some(Withdrawn)),
            (Open, Reopen, None),
            (Filled, Fill, None),
            (Filled, Close, Some(Closed)),
            (Filled, Withdraw, Some(Withdrawn)),
            (Filled, Reopen, Some(Open)),
            (Closed, Fill, None),
            (Closed, Close, None),
            (Closed, Withdraw, None),
            (Closed, Reopen, Some(Open)),
            (Withdrawn, Fill, None),
            (Withdrawn, Close, None),
            (Withdrawn, Withdraw, None),
            (Withdrawn, Reopen, None),
        ] {
            assert_eq!(job_order_after(from, action).ok(), to, "{from:?} {action:?}");
        }
    }

    #[test]
    fn an_order_stops_being_open_by_itself() {
        use JobOrderStanding as S;
        use JobOrderStatus::*;
        let accredited = EmployerStatus::Accredited;
        assert_eq!(job_order_standing(Open, day(10), true, accredited, day(10)), S::Open);
        assert_eq!(job_order_standing(Open, day(10), true, accredited, day(11)), S::Expired);
        assert_eq!(
            job_order_standing(Open, day(10), false, accredited, day(5)),
            S::AgencyCannotRecruit
        );
        for employer in [EmployerStatus::Suspended, EmployerStatus::Banned] {
            assert_eq!(
                job_order_standing(Open, day(10), true, employer, day(5)),
                S::EmployerNotAccredited
            );
        }
        // The most serious reason is the one told.
        assert_eq!(
            job_order_standing(Withdrawn, day(1), false, EmployerStatus::Banned, day(5)),
            S::Withdrawn
        );
        assert_eq!(
            job_order_standing(Filled, day(1), false, EmployerStatus::Banned, day(5)),
            S::AgencyCannotRecruit
        );
        assert_eq!(job_order_standing(Closed, day(1), true, accredited, day(5)), S::Expired);
        assert_eq!(job_order_standing(Closed, day(10), true, accredited, day(5)), S::Closed);
        assert_eq!(job_order_standing(Filled, day(10), true, accredited, day(5)), S::Filled);
        assert_eq!(next_job_order_change(day(10), day(5)), Some(day(11)));
        assert_eq!(next_job_order_change(day(10), day(11)), None);
    }

    #[test]
    fn money_is_read_in_its_currency_minor_unit() {
        let wage = Money::read(1850.1, "USD", 1).unwrap();
        assert_eq!((wage.minor, wage.code()), (185_010, "USD"));
        assert_eq!(wage.amount(), 1850.1);
        assert_eq!(Money::read(2_100_000.0, "KRW", 1).unwrap().minor, 2_100_000);
        assert_eq!(Money::read(10.5, "KRW", 1), Err(MoneyError::TooPrecise { decimals: 0 }));
        assert_eq!(
            Money::read(1.005, "USD", 1),
            Err(MoneyError::TooPrecise { decimals: 2 })
        );
        assert_eq!(Money::read(0.0, "USD", 1), Err(MoneyError::TooSmall), "a wage of 0");
        assert_eq!(Money::read(0.0, "USD", 0).unwrap().minor, 0, "no fee");
        assert_eq!(Money::read(-5.0, "USD", 0), Err(MoneyError::TooSmall), "a negative fee");
        assert_eq!(Money::read(1.0, "XYZ", 0), Err(MoneyError::UnknownCurrency));
        assert_eq!(Money::read(1.0, "usd", 0), Err(MoneyError::UnknownCurrency));
        assert_eq!(Money::read(f64::NAN, "USD", 0), Err(MoneyError::OutOfRange));
        assert_eq!(Money::read(1e12, "USD", 0), Err(MoneyError::OutOfRange));
    }

    #[test]
    fn provisions_have_one_name_each() {
        let names: std::collections::BTreeSet<&str> = Provision::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(names.len(), Provision::ALL.len());
        for p in Provision::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
    }
}
