//! What the ministry sends about a job order, as registered and as changed.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::models::JobOrderFields;
use crate::domain::fields::{Country, CurrencyCode, EventDate, Said, Text, ValidityDate};
use crate::domain::job_order::{
    JobOrderAction, Money, MoneyError, Provision, WagePeriod, MAX_CONTRACT_MONTHS, MAX_HOURS_PER_WEEK,
    MAX_WORKERS_NEEDED,
};
use crate::domain::sector::Sector;
use crate::i18n::Message;
use crate::msg;
use crate::routes::fields::present;
use crate::routes::validation::FieldErrors;
use crate::usecases::error::UseCaseError;

/// A wage as sent.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WageRequest {
    /// More than 0, in the currency's major unit, with no more decimals
    /// than the currency has (a won has none, a dollar two).
    #[schema(exclusive_minimum = 0, maximum = 1000000000, example = 1850)]
    pub amount: f64,
    pub currency: CurrencyCode,
    pub period: WagePeriod,
}

/// What the worker is asked to pay, as sent.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeRequest {
    /// 0 or more (0 is the rule), in the currency's major unit.
    #[schema(minimum = 0, maximum = 1000000000, example = 0)]
    pub amount: f64,
    pub currency: CurrencyCode,
}

/// A job order as the ministry registers it under a licence. All of it is
/// public: it is what a worker holding the offer checks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobOrderRequest {
    /// The foreign employer (`POST /v1/employers`); it must be accredited.
    pub employer_id: Uuid,
    /// Where the work is: one of the licence's countries.
    pub destination_country: Country,
    /// One of the licence's sectors.
    pub sector: Sector,
    /// The job, as the offer names it.
    #[schema(example = "Welder")]
    pub position: Said<200>,
    /// How many workers, 1 to 10,000.
    #[schema(minimum = 1, maximum = 10000, example = 20)]
    pub workers_needed: u32,
    pub wage: WageRequest,
    /// 1 to 84.
    #[schema(minimum = 1, maximum = 84, example = 48)]
    pub hours_per_week: u8,
    /// 1 to 60.
    #[schema(minimum = 1, maximum = 60, example = 36)]
    pub contract_months: u16,
    /// What the worker pays (default: nothing). Anything above 0 is shown
    /// to every worker who checks the order as a warning.
    pub worker_fee: Option<FeeRequest>,
    /// What the employer provides, from a fixed list.
    #[serde(default)]
    #[schema(max_items = 9)]
    pub employer_provides: Vec<Provision>,
    /// The day the ministry approved it (default: today; not after today).
    pub approved_on: Option<EventDate>,
    /// Its last day (not before `approved_on`, not in the past).
    pub valid_until: ValidityDate,
}

impl JobOrderRequest {
    /// The fields to register (422 listing every misfit).
    pub fn into_fields(self, today: NaiveDate) -> Result<JobOrderFields, UseCaseError> {
        let mut errors = FieldErrors::default();
        let approved_on = match &self.approved_on {
            Some(date) => date
                .check_on(today)
                .map_err(|e| errors.add("approved_on", Message::from(&e)))
                .ok(),
            None => Some(today),
        };
        let valid_until = errors.check("valid_until", &self.valid_until);
        let draft = Draft {
            employer_id: self.employer_id,
            destination_country: errors.check("destination_country", &self.destination_country),
            sector: self.sector,
            position: errors.check("position", &self.position),
            workers_needed: self.workers_needed,
            wage: self.wage,
            hours_per_week: self.hours_per_week,
            contract_months: self.contract_months,
            worker_fee: self.worker_fee,
            employer_provides: self.employer_provides,
            approved_on,
            valid_until,
        };
        let fields = draft.finish(&mut errors, today);
        errors.finish()?;
        fields.ok_or_else(|| UseCaseError::internal("a job order checked without its fields"))
    }
}

/// A job order's fields before their checks across fields.
struct Draft {
    employer_id: Uuid,
    destination_country: Option<String>,
    sector: Sector,
    position: Option<String>,
    workers_needed: u32,
    wage: WageRequest,
    hours_per_week: u8,
    contract_months: u16,
    worker_fee: Option<FeeRequest>,
    employer_provides: Vec<Provision>,
    approved_on: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
}

impl Draft {
    /// The fields, when every check passed (each misfit recorded in `errors`).
    fn finish(self, errors: &mut FieldErrors, today: NaiveDate) -> Option<JobOrderFields> {
        in_range(errors, "workers_needed", self.workers_needed, MAX_WORKERS_NEEDED);
        in_range(
            errors,
            "hours_per_week",
            self.hours_per_week.into(),
            MAX_HOURS_PER_WEEK.into(),
        );
        in_range(
            errors,
            "contract_months",
            self.contract_months.into(),
            MAX_CONTRACT_MONTHS.into(),
        );
        let wage = money(errors, "wage", self.wage.amount, &self.wage.currency, 1);
        let fee = match &self.worker_fee {
            Some(fee) => money(errors, "worker_fee", fee.amount, &fee.currency, 0),
            None => wage.map(|w| Money {
                minor: 0,
                currency: w.currency,
            }),
        };
        if let (Some(from), Some(until)) = (self.approved_on, self.valid_until) {
            if until < from {
                errors.add("valid_until", msg!("reason-valid-until-before-approved"));
            }
        }
        if self.valid_until.is_some_and(|until| until < today) {
            errors.add("valid_until", msg!("reason-not-in-the-past"));
        }
        let mut provides: Vec<&'static str> = self.employer_provides.iter().map(|p| p.as_str()).collect();
        provides.sort_unstable();
        provides.dedup();
        let (wage, fee) = (wage?, fee?);
        Some(JobOrderFields {
            employer_id: self.employer_id,
            destination_country: self.destination_country?,
            sector: self.sector.as_str().to_owned(),
            position: self.position?,
            workers_needed: i32::try_from(self.workers_needed).ok()?,
            wage_minor: wage.minor,
            wage_currency: wage.code().to_owned(),
            wage_period: self.wage.period,
            hours_per_week: i16::from(self.hours_per_week),
            contract_months: i16::try_from(self.contract_months).ok()?,
            worker_fee_minor: fee.minor,
            worker_fee_currency: fee.code().to_owned(),
            employer_provides: provides.into_iter().map(str::to_owned).collect(),
            approved_on: self.approved_on?,
            valid_until: self.valid_until?,
        })
    }
}

fn in_range(errors: &mut FieldErrors, field: &str, value: u32, max: u32) {
    if value < 1 || value > max {
        errors.add(field, msg!("reason-number-between", min = 1, max = max));
    }
}

/// An amount of `currency` of at least `least` minor units, or each misfit
/// recorded under `field`.
fn money(errors: &mut FieldErrors, field: &str, amount: f64, currency: &CurrencyCode, least: i64) -> Option<Money> {
    let code = errors.check(&format!("{field}.currency"), currency)?;
    Money::read(amount, &code, least)
        .map_err(|e| {
            let reason = match e {
                MoneyError::UnknownCurrency => msg!("reason-currency"),
                MoneyError::TooPrecise { decimals } => msg!("reason-money-decimals", decimals = decimals),
                MoneyError::TooSmall if least > 0 => msg!("reason-wage-positive"),
                MoneyError::TooSmall => msg!("reason-fee-not-negative"),
                MoneyError::OutOfRange => msg!("reason-money-range"),
            };
            errors.add(&format!("{field}.amount"), reason);
        })
        .ok()
}

/// A JSON merge patch (RFC 7396) of a job order's terms: only the fields
/// sent change. Its status changes with `POST /v1/job-orders/{reference}/events`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobOrderChangeset {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Uuid, required = false)]
    pub employer_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Country, required = false)]
    pub destination_country: Option<Option<Country>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Sector, required = false)]
    pub sector: Option<Option<Sector>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Said<200>, required = false)]
    pub position: Option<Option<Said<200>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = u32, required = false, minimum = 1, maximum = 10000)]
    pub workers_needed: Option<Option<u32>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = WageRequest, required = false)]
    pub wage: Option<Option<WageRequest>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = u8, required = false, minimum = 1, maximum = 84)]
    pub hours_per_week: Option<Option<u8>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = u16, required = false, minimum = 1, maximum = 60)]
    pub contract_months: Option<Option<u16>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = FeeRequest, required = false)]
    pub worker_fee: Option<Option<FeeRequest>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Vec<Provision>, required = false, max_items = 9)]
    pub employer_provides: Option<Option<Vec<Provision>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = EventDate, required = false)]
    pub approved_on: Option<Option<EventDate>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = ValidityDate, required = false)]
    pub valid_until: Option<Option<ValidityDate>>,
}

impl JobOrderChangeset {
    /// The stored fields with this patch applied (422 listing every misfit;
    /// no field may be removed).
    pub fn apply(self, stored: JobOrderFields, today: NaiveDate) -> Result<JobOrderFields, UseCaseError> {
        let mut errors = FieldErrors::default();
        let nulls = [
            ("employer_id", matches!(self.employer_id, Some(None))),
            ("destination_country", matches!(self.destination_country, Some(None))),
            ("sector", matches!(self.sector, Some(None))),
            ("position", matches!(self.position, Some(None))),
            ("workers_needed", matches!(self.workers_needed, Some(None))),
            ("wage", matches!(self.wage, Some(None))),
            ("hours_per_week", matches!(self.hours_per_week, Some(None))),
            ("contract_months", matches!(self.contract_months, Some(None))),
            ("worker_fee", matches!(self.worker_fee, Some(None))),
            ("employer_provides", matches!(self.employer_provides, Some(None))),
            ("approved_on", matches!(self.approved_on, Some(None))),
            ("valid_until", matches!(self.valid_until, Some(None))),
        ];
        for (field, null) in nulls {
            if null {
                errors.add(field, msg!("reason-cannot-remove"));
            }
        }
        let stored_money = |minor: i64, code: &str| Money::of_stored(minor, code);
        let as_request = |m: Option<Money>| m.map(|m| (m.amount(), CurrencyCode::new(m.code())));
        let (wage_amount, wage_currency) = as_request(stored_money(stored.wage_minor, &stored.wage_currency))
            .unwrap_or((0.0, CurrencyCode::new(stored.wage_currency.clone())));
        let (fee_amount, fee_currency) = as_request(stored_money(stored.worker_fee_minor, &stored.worker_fee_currency))
            .unwrap_or((0.0, CurrencyCode::new(stored.worker_fee_currency.clone())));
        let approved_on = match self.approved_on.flatten() {
            Some(date) => date
                .check_on(today)
                .map_err(|e| errors.add("approved_on", Message::from(&e)))
                .ok(),
            None => Some(stored.approved_on),
        };
        let valid_until = match self.valid_until.flatten() {
            Some(date) => errors.check("valid_until", &date),
            None => Some(stored.valid_until),
        };
        let country = match self.destination_country.flatten() {
            Some(c) => errors.check("destination_country", &c),
            None => Some(stored.destination_country.clone()),
        };
        let position = match self.position.flatten() {
            Some(p) => errors.check("position", &p),
            None => Some(stored.position.clone()),
        };
        let sector = match self.sector.flatten() {
            Some(s) => s,
            None => Sector::parse(&stored.sector).unwrap_or(Sector::Construction),
        };
        let draft = Draft {
            employer_id: self.employer_id.flatten().unwrap_or(stored.employer_id),
            destination_country: country,
            sector,
            position,
            workers_needed: self
                .workers_needed
                .flatten()
                .unwrap_or(stored.workers_needed.unsigned_abs()),
            wage: self.wage.flatten().unwrap_or(WageRequest {
                amount: wage_amount,
                currency: wage_currency,
                period: stored.wage_period,
            }),
            hours_per_week: self
                .hours_per_week
                .flatten()
                .unwrap_or(u8::try_from(stored.hours_per_week).unwrap_or(u8::MAX)),
            contract_months: self
                .contract_months
                .flatten()
                .unwrap_or(stored.contract_months.unsigned_abs()),
            worker_fee: Some(self.worker_fee.flatten().unwrap_or(FeeRequest {
                amount: fee_amount,
                currency: fee_currency,
            })),
            employer_provides: match self.employer_provides.flatten() {
                Some(list) => list,
                None => stored
                    .employer_provides
                    .iter()
                    .filter_map(|p| Provision::parse(p))
                    .collect(),
            },
            approved_on,
            valid_until,
        };
        // Only a new last day is held to today: an order's stored day may have passed.
        let today_for_dates = match self.valid_until.is_some() {
            true => today,
            false => NaiveDate::MIN,
        };
        let fields = draft.finish(&mut errors, today_for_dates);
        errors.finish()?;
        fields.ok_or_else(|| UseCaseError::internal("a job order checked without its fields"))
    }
}

/// A change of a job order's status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobOrderEventRequest {
    /// `fill` (an open order: every place is taken), `close` (open or
    /// filled), `withdraw` (open or filled: taken back for good), `reopen`
    /// (filled or closed; its licence must allow recruiting, its employer
    /// be accredited and its last day still to come).
    pub action: JobOrderAction,
    /// Why, in words the public will read (no personal data).
    pub reason: Option<Text<1000>>,
}

impl JobOrderEventRequest {
    /// The action and its reason (422 when the reason is refused).
    pub fn into_parts(self) -> Result<(JobOrderAction, Option<String>), UseCaseError> {
        let mut errors = FieldErrors::default();
        let reason = errors.check_optional("reason", self.reason.as_ref()).flatten();
        errors.finish()?;
        Ok((self.action, reason))
    }
}
