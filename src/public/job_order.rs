//! Foreign employers and job orders as the public sees them: what
//! `GET /v1/employers/{id}` and `GET /v1/job-orders/{reference}` answer,
//! what the change feed and the snapshot carry.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::LicenseSummary;
use crate::db::models::{Agency, Employer, EmployerStep, JobOrder, JobOrderStep, License};
use crate::domain::employer::EmployerStatus;
use crate::domain::job_order::{job_order_standing, JobOrderStanding, JobOrderStatus, Money, Provision, WagePeriod};
use crate::domain::language::Lang;
use crate::domain::license_status::standing;
use crate::domain::sector::Sector;
use crate::domain::verdict::name_for_script;
use crate::i18n::Message;

/// A foreign employer the ministry vets, and whether agencies may recruit
/// for it today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EmployerResponse {
    /// Registry id of the employer.
    pub id: Uuid,
    /// As registered abroad.
    #[schema(example = "Hanil Construction Co., Ltd.")]
    pub legal_name: String,
    /// Other spellings and scripts of the name.
    #[schema(example = json!(["한일건설", "Ханил Констракшн"]))]
    pub other_names: Vec<String>,
    /// Where it is registered (ISO 3166-1 alpha-2).
    #[schema(example = "KR", pattern = "^[A-Z]{2}$")]
    pub country: String,
    /// Its registration number there.
    pub registration_number: String,
    /// The sectors it hires in.
    #[schema(value_type = Vec<Sector>)]
    pub sectors: Vec<String>,
    pub address: Option<String>,
    /// `suspended` (under review) or `banned` (its job orders are closed).
    pub status: EmployerStatus,
    /// Why it is suspended or banned.
    pub status_reason: Option<String>,
    /// Since when it is suspended or banned.
    pub status_since: Option<NaiveDate>,
    /// Every change of its status, oldest first.
    pub history: Vec<EmployerStep>,
    /// True only while it is accredited: agencies may recruit for it.
    pub may_hire: bool,
}

impl From<Employer> for EmployerResponse {
    fn from(e: Employer) -> Self {
        Self {
            id: e.id,
            may_hire: e.status.may_hire(),
            legal_name: e.legal_name,
            other_names: e.other_names,
            country: e.country,
            registration_number: e.registration_number,
            sectors: e.sectors,
            address: e.address,
            status: e.status,
            status_reason: e.status_reason,
            status_since: e.status_since,
            history: e.history,
        }
    }
}

/// The employer a job order names.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrderEmployer {
    /// Registry id of the employer (`GET /v1/employers/{id}`).
    pub id: Uuid,
    pub legal_name: String,
    pub other_names: Vec<String>,
    #[schema(example = "KR", pattern = "^[A-Z]{2}$")]
    pub country: String,
    pub status: EmployerStatus,
    pub status_reason: Option<String>,
    /// True only while it is accredited.
    pub may_hire: bool,
}

impl From<&Employer> for OrderEmployer {
    fn from(e: &Employer) -> Self {
        Self {
            id: e.id,
            legal_name: e.legal_name.clone(),
            other_names: e.other_names.clone(),
            country: e.country.clone(),
            status: e.status,
            status_reason: e.status_reason.clone(),
            may_hire: e.status.may_hire(),
        }
    }
}

/// The agency a job order is registered by, and the licence it stands on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrderAgency {
    /// Registry id of the agency.
    pub id: Uuid,
    pub legal_name: String,
    pub other_names: Vec<String>,
    /// The licence the order is registered under, and its standing today.
    pub license: LicenseSummary,
}

/// An amount of money.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct Amount {
    /// In the currency's major unit (dollars, won), with no more decimals
    /// than the currency has.
    #[schema(example = 1850.0)]
    pub amount: f64,
    /// ISO 4217.
    #[schema(example = "USD", pattern = "^[A-Z]{3}$")]
    pub currency: &'static str,
}

impl From<Money> for Amount {
    fn from(m: Money) -> Self {
        Self {
            amount: m.amount(),
            currency: m.code(),
        }
    }
}

impl Amount {
    /// An amount as stored: `minor` units of the currency `code` (`XXX`,
    /// "no currency", for a code ISO 4217 has withdrawn since).
    pub fn of_stored(minor: i64, code: &str) -> Self {
        Money::of_stored(minor, code).map_or(
            Self {
                amount: minor as f64,
                currency: "XXX",
            },
            Self::from,
        )
    }
}

/// As a worker reads it: `800 USD`.
impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// A wage: an amount per hour or per month.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct Wage {
    #[schema(example = 1850.0)]
    pub amount: f64,
    #[schema(example = "USD", pattern = "^[A-Z]{3}$")]
    pub currency: &'static str,
    pub period: WagePeriod,
}

impl Wage {
    /// The wage of `o` as stored.
    pub fn of(o: &JobOrder) -> Self {
        let amount = Amount::of_stored(o.wage_minor, &o.wage_currency);
        Self {
            amount: amount.amount,
            currency: amount.currency,
            period: o.wage_period,
        }
    }
}

/// A job order and its standing today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JobOrderResponse {
    /// The reference the registry gave (`J-1000-0012`).
    #[schema(example = "J-1000-0012", pattern = r"^J-[0-9]{4}-[0-9]{4}$")]
    pub reference: String,
    /// The job.
    #[schema(example = "Welder")]
    pub position: String,
    /// Where the work is (ISO 3166-1 alpha-2).
    #[schema(example = "KR", pattern = "^[A-Z]{2}$")]
    pub destination_country: String,
    #[schema(value_type = Sector)]
    pub sector: String,
    /// How many workers it asks for.
    #[schema(minimum = 1, maximum = 10000)]
    pub workers_needed: i32,
    pub wage: Wage,
    #[schema(minimum = 1, maximum = 84)]
    pub hours_per_week: i16,
    #[schema(minimum = 1, maximum = 60)]
    pub contract_months: i16,
    /// What the worker is asked to pay: 0 is the rule, anything else is a
    /// warning to the worker.
    pub worker_fee: Amount,
    /// What the employer provides.
    #[schema(value_type = Vec<Provision>)]
    pub employer_provides: Vec<String>,
    /// The day the ministry registered it.
    pub approved_on: NaiveDate,
    /// Its last day.
    pub valid_until: NaiveDate,
    /// What the agency says of it.
    pub status: JobOrderStatus,
    /// Every change of its status, oldest first.
    pub history: Vec<JobOrderStep>,
    /// What a worker must be told today (the most serious reason first).
    pub standing: JobOrderStanding,
    /// True only when a worker may apply today.
    pub is_open: bool,
    pub employer: OrderEmployer,
    pub agency: OrderAgency,
    /// The date (in Tashkent) the standing was decided for.
    pub checked_on: NaiveDate,
}

/// The standing of `order` under `license`, for `employer`, on `today`:
/// the one reading of `job_order_standing` every answer makes.
pub fn order_standing(order: &JobOrder, license: &License, employer: &Employer, today: NaiveDate) -> JobOrderStanding {
    let may_recruit = standing(license.status, license.validity(), today).can_recruit;
    job_order_standing(order.status, order.valid_until, may_recruit, employer.status, today)
}

impl JobOrderResponse {
    /// The order `o` of `agency` under `license`, for `employer`, on `today`.
    pub fn new(o: JobOrder, agency: &Agency, license: &License, employer: &Employer, today: NaiveDate) -> Self {
        let standing = order_standing(&o, license, employer, today);
        let wage = Wage::of(&o);
        Self {
            reference: o.reference().as_str().to_owned(),
            position: o.position,
            destination_country: o.destination_country,
            sector: o.sector,
            workers_needed: o.workers_needed,
            wage,
            hours_per_week: o.hours_per_week,
            contract_months: o.contract_months,
            worker_fee: Amount::of_stored(o.worker_fee_minor, &o.worker_fee_currency),
            employer_provides: o.employer_provides,
            approved_on: o.approved_on,
            valid_until: o.valid_until,
            status: o.status,
            history: o.history,
            standing,
            is_open: standing.is_open(),
            employer: OrderEmployer::from(employer),
            agency: OrderAgency {
                id: agency.id,
                legal_name: agency.legal_name.clone(),
                other_names: agency.other_names.clone(),
                license: LicenseSummary::new(license.clone(), today),
            },
            checked_on: today,
        }
    }
}

/// A job order's verdict in one sentence, in the reader's language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JobOrderVerdict {
    /// The order's standing: the same in every language, for apps to branch on.
    pub code: JobOrderStanding,
    #[schema(min_length = 1)]
    pub message: String,
}

/// What a worker should be warned of in an offer that stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// The offer asks the worker to pay something.
    WorkerFee,
}

/// A warning about the terms, in the reader's language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Warning {
    pub code: WarningCode,
    #[schema(min_length = 1)]
    pub message: String,
}

/// The job-order check: the order with its verdict and warnings.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobOrderCheck {
    #[serde(flatten)]
    #[schema(inline)]
    pub job_order: JobOrderResponse,
    /// The answer in one sentence.
    pub verdict: JobOrderVerdict,
    /// What to be wary of in its terms (empty when nothing).
    pub warnings: Vec<Warning>,
}

impl JobOrderCheck {
    /// The check of `order` in `lang`.
    pub fn new(job_order: JobOrderResponse, lang: Lang) -> Self {
        let verdict = JobOrderVerdict {
            code: job_order.standing,
            message: order_message(&job_order, lang).in_lang(lang),
        };
        let warnings = order_warnings(&job_order)
            .into_iter()
            .map(|(code, message)| Warning {
                code,
                message: message.in_lang(lang),
            })
            .collect();
        Self {
            job_order,
            verdict,
            warnings,
        }
    }
}

/// The sentence an order's standing is told in, naming the agency and the
/// employer in the reader's script.
pub fn order_message(o: &JobOrderResponse, lang: Lang) -> Message {
    let cyrillic = lang.is_cyrillic();
    let agency = name_for_script(&o.agency.legal_name, &o.agency.other_names, cyrillic);
    let employer = name_for_script(&o.employer.legal_name, &o.employer.other_names, cyrillic);
    let id = match o.standing {
        JobOrderStanding::Open => "verdict-job-order-open",
        JobOrderStanding::Filled => "verdict-job-order-filled",
        JobOrderStanding::Closed => "verdict-job-order-closed",
        JobOrderStanding::Withdrawn => "verdict-job-order-withdrawn",
        JobOrderStanding::Expired => "verdict-job-order-expired",
        JobOrderStanding::AgencyCannotRecruit => "verdict-job-order-agency-cannot-recruit",
        JobOrderStanding::EmployerNotAccredited => "verdict-job-order-employer-not-accredited",
    };
    Message::new(id)
        .with("reference", o.reference.as_str())
        .with("position", o.position.as_str())
        .with("country", o.destination_country.as_str())
        .with("agency", agency)
        .with("employer", employer)
        .with("until", o.valid_until.to_string())
}

/// The warnings the terms of `o` call for.
pub fn order_warnings(o: &JobOrderResponse) -> Vec<(WarningCode, Message)> {
    let mut warnings = Vec::new();
    if o.worker_fee.amount > 0.0 {
        let fee = o.worker_fee.to_string();
        warnings.push((
            WarningCode::WorkerFee,
            Message::new("warning-job-order-fee").with("fee", fee),
        ));
    }
    warnings
}

/// What a signed job-order statement says: its own `kind` (and its own
/// `typ` header), so that it can never pass for a licence's or a card's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobOrderStatementKind {
    JobOrder,
}

/// The employer as a job-order statement names it.
#[derive(Debug, Clone, serde::Deserialize, Serialize, ToSchema)]
pub struct StatementEmployer {
    pub id: Uuid,
    pub legal_name: String,
    pub country: String,
    pub status: EmployerStatus,
}

/// The agency as a job-order statement names it, with the licence the
/// order stands on.
#[derive(Debug, Clone, serde::Deserialize, Serialize, ToSchema)]
pub struct StatementOrderAgency {
    pub id: Uuid,
    pub legal_name: String,
    pub taxpayer_id: String,
    pub license_number: String,
}

/// The claims of a signed job-order statement: what the job-order check
/// says, signed so that a phone (or the family a worker shares it with)
/// can trust it offline until `exp`.
#[derive(Debug, Clone, serde::Deserialize, Serialize, ToSchema)]
pub struct JobOrderStatement {
    /// Always `agency-registry`.
    pub iss: String,
    /// Always `job_order`.
    pub kind: JobOrderStatementKind,
    /// The reference.
    #[schema(example = "J-1000-0012")]
    pub sub: String,
    pub position: String,
    pub destination_country: String,
    pub sector: String,
    pub workers_needed: i32,
    pub wage: StatementMoney,
    /// `hour` or `month`.
    pub wage_period: WagePeriod,
    pub hours_per_week: i16,
    pub contract_months: i16,
    /// What the worker is asked to pay (0: nothing).
    pub worker_fee: StatementMoney,
    pub employer_provides: Vec<String>,
    pub valid_until: NaiveDate,
    pub status: JobOrderStatus,
    /// The order's standing on `checked_on`.
    pub standing: JobOrderStanding,
    pub is_open: bool,
    pub employer: StatementEmployer,
    pub agency: StatementOrderAgency,
    /// The date (in Tashkent) the standing was decided for.
    pub checked_on: NaiveDate,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at: at most 7 days after `iat`, earlier when the calendar
    /// changes the order's or its licence's standing sooner.
    pub exp: i64,
}

/// An amount in a statement: exact, in minor units, with its currency.
#[derive(Debug, Clone, serde::Deserialize, Serialize, ToSchema)]
pub struct StatementMoney {
    /// In the currency's major unit, as the API answers it.
    pub amount: f64,
    /// In the currency's minor unit (cents; a won is its own): exact.
    pub minor: i64,
    /// ISO 4217.
    pub currency: String,
}

impl StatementMoney {
    fn of(minor: i64, currency: &str) -> Self {
        Self {
            amount: Amount::of_stored(minor, currency).amount,
            minor,
            currency: currency.to_owned(),
        }
    }
}

impl JobOrderStatement {
    /// What the job-order check says of `o` at `now`.
    pub fn new(
        o: JobOrder,
        agency: &Agency,
        license: &License,
        employer: &Employer,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Self {
        use crate::domain::changes::{next_standing_change, statement_lifetime};
        use crate::domain::job_order::next_job_order_change;
        let today = crate::domain::registry_today(now);
        let next_change = next_standing_change(license.status, license.validity(), today)
            .into_iter()
            .chain(next_job_order_change(o.valid_until, today))
            .min();
        let last_changed = o
            .updated_at
            .max(license.updated_at)
            .max(agency.updated_at)
            .max(employer.updated_at);
        let (iat, exp) = statement_lifetime(now, last_changed, next_change);
        let standing = order_standing(&o, license, employer, today);
        Self {
            iss: crate::domain::ISSUER.into(),
            kind: JobOrderStatementKind::JobOrder,
            sub: o.reference().as_str().to_owned(),
            wage: StatementMoney::of(o.wage_minor, &o.wage_currency),
            wage_period: o.wage_period,
            worker_fee: StatementMoney::of(o.worker_fee_minor, &o.worker_fee_currency),
            position: o.position,
            destination_country: o.destination_country,
            sector: o.sector,
            workers_needed: o.workers_needed,
            hours_per_week: o.hours_per_week,
            contract_months: o.contract_months,
            employer_provides: o.employer_provides,
            valid_until: o.valid_until,
            status: o.status,
            standing,
            is_open: standing.is_open(),
            employer: StatementEmployer {
                id: employer.id,
                legal_name: employer.legal_name.clone(),
                country: employer.country.clone(),
                status: employer.status,
            },
            agency: StatementOrderAgency {
                id: agency.id,
                legal_name: agency.legal_name.clone(),
                taxpayer_id: agency.taxpayer_id.clone(),
                license_number: license.license_number.clone(),
            },
            checked_on: today,
            iat: iat.timestamp(),
            exp: exp.timestamp(),
        }
    }
}
