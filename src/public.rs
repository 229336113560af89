//! The public representations of agencies and licences: what the GETs
//! answer, what the change feed carries, what a statement signs. No HTTP
//! here, so the use cases can build them inside a change.

mod job_order;
mod representative;

pub use job_order::{
    order_message, order_standing, order_warnings, Amount, EmployerResponse, JobOrderCheck, JobOrderResponse,
    JobOrderStatement, JobOrderStatementKind, JobOrderVerdict, OrderAgency, OrderEmployer, Wage, Warning, WarningCode,
};

pub use representative::{
    agency_may_recruit, card_message, CardVerdict, RepresentativeCheck, RepresentativeResponse,
    RepresentativeStatement, RepresentedAgency, StatementKind,
};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::models::{Agency, Channels, License};
use crate::domain::changes::{next_standing_change, statement_lifetime};
use crate::domain::language::Lang;
use crate::domain::license_status::{standing, LicenseStatus};
use crate::domain::verdict::{name_for_script, VerdictCode};
use crate::i18n;

/// An agency's identity and contact details.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencySummary {
    /// Registry id of the agency.
    pub id: Uuid,
    /// Registered legal name.
    #[schema(example = "Istiqbol Recruitment MChJ")]
    pub legal_name: String,
    /// Trade names and the name in other scripts.
    #[schema(example = json!(["Истиқбол Рекрутмент", "Istiqbol"]))]
    pub other_names: Vec<String>,
    /// Taxpayer id (STIR, 9 digits).
    #[schema(example = "301234567")]
    pub taxpayer_id: String,
    /// Region of registration, ISO 3166-2:UZ.
    #[schema(example = "UZ-TK")]
    pub region: String,
    /// Postal address.
    pub address: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// The phone numbers, handles, web sites and offices the agency
    /// recruits through: a number or page that is not here is not the
    /// agency's. Left out while none is registered.
    #[serde(default, skip_serializing_if = "Channels::is_empty")]
    pub channels: Channels,
}

impl From<Agency> for AgencySummary {
    fn from(a: Agency) -> Self {
        Self {
            id: a.id,
            legal_name: a.legal_name,
            other_names: a.other_names,
            taxpayer_id: a.taxpayer_id,
            region: a.region,
            address: a.address,
            phone: a.phone,
            email: a.email,
            website: a.website,
            channels: a.channels,
        }
    }
}

/// A licence and its standing today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LicenseSummary {
    /// Canonical licence number.
    #[schema(example = "UZ-TK-0123")]
    pub license_number: String,
    /// Status in force today: a licence past its validity is `expired`.
    pub status: LicenseStatus,
    /// True only when the licence is active and today is within its validity.
    pub can_recruit: bool,
    /// First day of validity.
    pub valid_from: NaiveDate,
    /// Last day of validity.
    pub valid_until: NaiveDate,
    /// Countries the agency may send workers to (ISO 3166-1 alpha-2).
    #[schema(example = json!(["KR", "JP"]))]
    pub destination_countries: Vec<String>,
    /// Sectors the agency may recruit for.
    #[schema(example = json!(["construction", "manufacturing"]))]
    pub sectors: Vec<String>,
    /// Why the licence has its status (suspension or revocation grounds).
    pub status_reason: Option<String>,
    /// Last day of a suspension that ends by itself.
    pub suspended_until: Option<NaiveDate>,
}

impl LicenseSummary {
    /// The licence as the public sees it on `today`.
    pub fn new(l: License, today: NaiveDate) -> Self {
        let standing = standing(l.status, l.validity(), today);
        Self {
            license_number: l.license_number,
            status: standing.status,
            can_recruit: standing.can_recruit,
            valid_from: l.valid_from,
            valid_until: l.valid_until,
            destination_countries: l.destination_countries,
            sectors: l.sectors,
            status_reason: l.status_reason,
            suspended_until: (standing.status == LicenseStatus::Suspended)
                .then_some(l.suspended_until)
                .flatten(),
        }
    }
}

/// How many complaints an agency has drawn. Counts only: never any text or
/// personal data of a complaint.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ComplaintCounts {
    /// Complaints filed about the agency.
    pub total: i64,
    /// Of those, found true by the ministry.
    pub substantiated: i64,
    /// Complaints per category.
    #[schema(example = json!({"recruitment_fees": 2, "document_retention": 1}))]
    pub by_category: std::collections::BTreeMap<String, i64>,
}

impl ComplaintCounts {
    /// The counts stored on an agency.
    pub fn of(agency: &Agency) -> Self {
        let tally = &agency.complaint_counts;
        Self {
            total: tally.total,
            substantiated: tally.substantiated,
            by_category: tally.by_category.clone(),
        }
    }
}

/// An agency with all its licences.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencyResponse {
    #[serde(flatten)]
    #[schema(inline)]
    pub agency: AgencySummary,
    /// Every licence of the agency, latest validity first.
    pub licenses: Vec<LicenseSummary>,
    /// Complaints about the agency.
    pub complaints: ComplaintCounts,
    /// When the agency was registered.
    pub created_at: DateTime<Utc>,
    /// When the agency's record last changed.
    pub updated_at: DateTime<Utc>,
}

impl AgencyResponse {
    /// Builds the response from an agency and its licences.
    pub fn new(agency: Agency, licenses: Vec<License>, today: NaiveDate) -> Self {
        let (created_at, updated_at) = (agency.created_at, agency.updated_at);
        let complaints = ComplaintCounts::of(&agency);
        Self {
            complaints,
            agency: agency.into(),
            licenses: licenses.into_iter().map(|l| LicenseSummary::new(l, today)).collect(),
            created_at,
            updated_at,
        }
    }
}

/// An agency with its licences, written exactly as [`AgencyResponse`] is
/// (a test holds the two together) but borrowed from where they are kept:
/// a search page writes up to 100 agencies straight from the read model
/// instead of copying each one first.
#[derive(Debug, Clone, Copy)]
pub struct AgencyView<'a> {
    pub agency: &'a Agency,
    pub licenses: &'a [License],
    pub today: NaiveDate,
}

impl Serialize for AgencyView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let a = self.agency;
        let mut out = s.serialize_struct("AgencyResponse", 14)?;
        out.serialize_field("id", &a.id)?;
        out.serialize_field("legal_name", &a.legal_name)?;
        out.serialize_field("other_names", &a.other_names)?;
        out.serialize_field("taxpayer_id", &a.taxpayer_id)?;
        out.serialize_field("region", &a.region)?;
        out.serialize_field("address", &a.address)?;
        out.serialize_field("phone", &a.phone)?;
        out.serialize_field("email", &a.email)?;
        out.serialize_field("website", &a.website)?;
        if a.channels.is_empty() {
            out.skip_field("channels")?;
        } else {
            out.serialize_field("channels", &a.channels)?;
        }
        let licenses: Vec<LicenseView<'_>> = self
            .licenses
            .iter()
            .map(|license| LicenseView {
                license,
                today: self.today,
            })
            .collect();
        out.serialize_field("licenses", &licenses)?;
        out.serialize_field("complaints", &a.complaint_counts)?;
        out.serialize_field("created_at", &timestamp(&a.created_at))?;
        out.serialize_field("updated_at", &timestamp(&a.updated_at))?;
        out.end()
    }
}

/// A licence written as [`LicenseSummary`] is, borrowed.
struct LicenseView<'a> {
    license: &'a License,
    today: NaiveDate,
}

impl Serialize for LicenseView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let l = self.license;
        let standing = standing(l.status, l.validity(), self.today);
        let mut out = s.serialize_struct("LicenseSummary", 9)?;
        out.serialize_field("license_number", &l.license_number)?;
        out.serialize_field("status", &standing.status)?;
        out.serialize_field("can_recruit", &standing.can_recruit)?;
        out.serialize_field("valid_from", &l.valid_from.to_string())?;
        out.serialize_field("valid_until", &l.valid_until.to_string())?;
        out.serialize_field("destination_countries", &l.destination_countries)?;
        out.serialize_field("sectors", &l.sectors)?;
        out.serialize_field("status_reason", &l.status_reason)?;
        let suspended_until = (standing.status == LicenseStatus::Suspended)
            .then_some(l.suspended_until)
            .flatten();
        out.serialize_field("suspended_until", &suspended_until.map(|d| d.to_string()))?;
        out.end()
    }
}

/// A timestamp as chrono's own `Serialize` writes it, formatted before it
/// reaches the serialiser: chrono hands it over a character at a time, each
/// escaped on its own (the largest cost of writing a search page).
fn timestamp(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// The answer to "may this agency recruit me?".
#[derive(Debug, Serialize, ToSchema)]
pub struct LicenseResponse {
    #[serde(flatten)]
    #[schema(inline)]
    pub license: LicenseSummary,
    /// The agency holding the licence.
    pub agency: AgencySummary,
    /// Complaints about that agency.
    pub complaints: ComplaintCounts,
    /// The date (in Tashkent) for which `status` and `can_recruit` were decided.
    pub checked_on: NaiveDate,
}

impl LicenseResponse {
    /// The licence as the public sees it on `today`.
    pub fn new(license: License, agency: Agency, today: NaiveDate) -> Self {
        Self {
            license: LicenseSummary::new(license, today),
            complaints: ComplaintCounts::of(&agency),
            agency: agency.into(),
            checked_on: today,
        }
    }
}

/// The agency a licence statement names.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StatementAgency {
    /// Registry id of the agency.
    pub id: Uuid,
    /// Registered legal name.
    pub legal_name: String,
    /// Taxpayer id (STIR, 9 digits).
    pub taxpayer_id: String,
}

/// The claims of a signed licence statement: what the public check says,
/// signed so that an app can trust it offline until `exp`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LicenseStatement {
    /// Always `agency-registry`.
    pub iss: String,
    /// The canonical licence number.
    #[schema(example = "UZ-TK-0123")]
    pub sub: String,
    /// Status in force on `checked_on`.
    pub status: LicenseStatus,
    /// Whether the agency may recruit under this licence on `checked_on`.
    pub can_recruit: bool,
    /// First day of validity.
    pub valid_from: NaiveDate,
    /// Last day of validity.
    pub valid_until: NaiveDate,
    /// Countries the agency may send workers to (ISO 3166-1 alpha-2).
    pub destination_countries: Vec<String>,
    /// Sectors the agency may recruit for.
    pub sectors: Vec<String>,
    /// The agency holding the licence.
    pub agency: StatementAgency,
    /// The date (in Tashkent) the standing was decided for.
    pub checked_on: NaiveDate,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at: at most 7 days after `iat`, earlier when the calendar
    /// changes the licence's standing sooner.
    pub exp: i64,
}

impl LicenseStatement {
    /// What the public check says of `license` at `now`.
    pub fn new(license: License, agency: Agency, now: DateTime<Utc>) -> Self {
        let today = crate::domain::registry_today(now);
        let next_change = next_standing_change(license.status, license.validity(), today);
        let last_changed = license.updated_at.max(agency.updated_at);
        let (iat, exp) = statement_lifetime(now, last_changed, next_change);
        let summary = LicenseSummary::new(license, today);
        Self {
            iss: crate::domain::ISSUER.into(),
            sub: summary.license_number,
            status: summary.status,
            can_recruit: summary.can_recruit,
            valid_from: summary.valid_from,
            valid_until: summary.valid_until,
            destination_countries: summary.destination_countries,
            sectors: summary.sectors,
            agency: StatementAgency {
                id: agency.id,
                legal_name: agency.legal_name,
                taxpayer_id: agency.taxpayer_id,
            },
            checked_on: today,
            iat: iat.timestamp(),
            exp: exp.timestamp(),
        }
    }
}

/// The first line of a registry snapshot.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SnapshotHeader {
    /// The feed position the snapshot reflects: continue with
    /// `/v1/changes?after={seq}`.
    #[schema(minimum = 0)]
    pub seq: i64,
    /// When the snapshot was taken.
    pub taken_at: DateTime<Utc>,
    /// The date (in Tashkent) for which `status` and `can_recruit` were decided.
    pub checked_on: NaiveDate,
}

/// Every further line of a registry snapshot: one licence with its agency.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SnapshotLine {
    /// Canonical licence number.
    #[schema(example = "UZ-TK-0123")]
    pub license_number: String,
    /// Status in force on `checked_on`.
    pub status: LicenseStatus,
    /// True only when the licence is active and within its validity.
    pub can_recruit: bool,
    /// First day of validity.
    pub valid_from: NaiveDate,
    /// Last day of validity.
    pub valid_until: NaiveDate,
    /// Countries the agency may send workers to (ISO 3166-1 alpha-2).
    pub destination_countries: Vec<String>,
    /// Sectors the agency may recruit for.
    pub sectors: Vec<String>,
    /// Registry id of the agency.
    pub agency_id: Uuid,
    /// Registered legal name.
    pub legal_name: String,
    /// Trade names and the name in other scripts.
    pub other_names: Vec<String>,
    /// Taxpayer id (STIR, 9 digits).
    pub taxpayer_id: String,
    /// Region of registration, ISO 3166-2:UZ.
    pub region: String,
    /// The agency's official channels (left out while none is registered),
    /// so an app answers "whose number is this?" without a signal.
    #[serde(default, skip_serializing_if = "Channels::is_empty")]
    pub channels: Channels,
}

impl SnapshotLine {
    /// The line of `row` on `today`.
    pub fn new(row: crate::db::models::SnapshotRow, today: NaiveDate) -> Self {
        let validity = crate::domain::license_status::Validity {
            from: row.valid_from,
            until: row.valid_until,
            suspended_until: row.suspended_until,
        };
        let now = standing(row.status, validity, today);
        Self {
            license_number: row.license_number,
            status: now.status,
            can_recruit: now.can_recruit,
            valid_from: row.valid_from,
            valid_until: row.valid_until,
            destination_countries: row.destination_countries,
            sectors: row.sectors,
            agency_id: row.agency_id,
            legal_name: row.legal_name,
            other_names: row.other_names,
            taxpayer_id: row.taxpayer_id,
            region: row.region,
            channels: row.channels,
        }
    }
}

/// A line of the registry snapshot after the licences: one representative's
/// card. Its standing is the app's to decide, as the server does: withdrawn,
/// or the agency (`agency_id`) has no licence line that `can_recruit`, or
/// `checked_on` outside its dates, or may recruit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SnapshotCardLine {
    /// The card number.
    #[schema(example = "K-1234-5671", pattern = r"^K-[0-9]{4}-[0-9]{4}$")]
    pub card_number: String,
    /// The agency they represent (its licence lines carry its standing).
    pub agency_id: Uuid,
    pub full_name: String,
    pub regions: Vec<String>,
    /// Work phones, E.164.
    pub phones: Vec<String>,
    pub handles: Vec<crate::db::models::ChannelHandle>,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub status: crate::domain::representative::RepresentativeStatus,
    pub withdrawn_on: Option<NaiveDate>,
}

impl From<crate::db::models::Representative> for SnapshotCardLine {
    fn from(r: crate::db::models::Representative) -> Self {
        Self {
            card_number: r.card().as_str().to_owned(),
            agency_id: r.agency_id,
            full_name: r.full_name,
            regions: r.regions,
            phones: r.phones,
            handles: r.handles,
            valid_from: r.valid_from,
            valid_until: r.valid_until,
            status: r.status,
            withdrawn_on: r.withdrawn_on,
        }
    }
}

/// A line of the registry snapshot after the cards: one job order's stored
/// terms. Its standing is the app's to decide, as the server does
/// (`domain::job_order::job_order_standing`): withdrawn; or its licence line
/// (`license_number`) does not `can_recruit`; or its employer line
/// (`employer_id`) does not `may_hire`; or `checked_on` is after
/// `valid_until`; else its `status`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SnapshotJobOrderLine {
    #[schema(example = "J-1000-0012", pattern = r"^J-[0-9]{4}-[0-9]{4}$")]
    pub reference: String,
    pub agency_id: Uuid,
    /// The licence it stands on.
    pub license_number: String,
    pub employer_id: Uuid,
    pub position: String,
    pub destination_country: String,
    pub sector: String,
    pub workers_needed: i32,
    pub wage: Wage,
    pub hours_per_week: i16,
    pub contract_months: i16,
    pub worker_fee: Amount,
    pub employer_provides: Vec<String>,
    pub approved_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub status: crate::domain::job_order::JobOrderStatus,
}

impl SnapshotJobOrderLine {
    /// The line of `o`, registered under the licence `license_number`.
    pub fn new(o: crate::db::models::JobOrder, license_number: String) -> Self {
        let wage = Wage::of(&o);
        Self {
            reference: o.reference().as_str().to_owned(),
            agency_id: o.agency_id,
            license_number,
            employer_id: o.employer_id,
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
        }
    }
}

/// Any line of the snapshot after its header: a licence (`license_number`);
/// after all the licences, a representative's card (`card_number`); then an
/// employer (`registration_number`); then a job order (`reference`).
#[derive(ToSchema)]
#[allow(dead_code)]
#[serde(untagged)]
pub enum SnapshotEntry {
    License(SnapshotLine),
    Card(SnapshotCardLine),
    Employer(EmployerResponse),
    JobOrder(SnapshotJobOrderLine),
}

/// The answer to "may this agency recruit me?" in one sentence, in the
/// request's language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Verdict {
    /// The same in every language: apps branch on it.
    pub code: VerdictCode,
    /// One plain sentence for the worker: who, may or may not recruit, for
    /// which countries and until when, and what to do if not.
    #[schema(min_length = 1)]
    pub message: String,
}

impl Verdict {
    /// The verdict on `check` in `lang`.
    pub fn new(check: &LicenseResponse, lang: Lang) -> Self {
        let l = &check.license;
        let standing = crate::domain::license_status::Standing {
            status: l.status,
            can_recruit: l.can_recruit,
        };
        let code = VerdictCode::of(standing, l.valid_from, check.checked_on);
        let agency = name_for_script(&check.agency.legal_name, &check.agency.other_names, lang.is_cyrillic());
        let date = |d: NaiveDate| i18n::string(d.to_string());
        let mut args = vec![("agency", i18n::string(agency))];
        let message = match code {
            VerdictCode::MayRecruit => {
                args.push((
                    "countries",
                    i18n::string(i18n::country_names(lang, &l.destination_countries)),
                ));
                args.push(("until", date(l.valid_until)));
                "verdict-may-recruit"
            }
            VerdictCode::NotYetValid => {
                args.push(("from", date(l.valid_from)));
                "verdict-not-yet-valid"
            }
            VerdictCode::Suspended => match l.suspended_until {
                Some(until) => {
                    args.push(("until", date(until)));
                    "verdict-suspended-until"
                }
                None => "verdict-suspended",
            },
            VerdictCode::Revoked => "verdict-revoked",
            VerdictCode::Expired => {
                args.push(("until", date(l.valid_until)));
                "verdict-expired"
            }
            VerdictCode::Surrendered => "verdict-surrendered",
        };
        let mut message = i18n::text_with(lang, message, &args);
        if check.complaints.substantiated > 0 {
            let count = [("count", i18n::number(check.complaints.substantiated))];
            message = format!("{message} {}", i18n::text_with(lang, "verdict-complaints", &count));
        }
        Self { code, message }
    }
}

/// The licence check: the licence as the public sees it, with the verdict
/// in the request's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct LicenseCheck {
    #[serde(flatten)]
    #[schema(inline)]
    pub license: LicenseResponse,
    /// The answer in one sentence.
    pub verdict: Verdict,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::models::agency::ComplaintTally;

    #[test]
    fn a_borrowed_agency_is_written_exactly_as_its_response() {
        let at = DateTime::<Utc>::from_timestamp(1_764_000_000, 123_456_000).unwrap();
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let agency = Agency {
            id: Uuid::from_u128(7),
            legal_name: "Istiqbol \"Recruitment\" MChJ".into(),
            other_names: vec!["Истиқбол".into(), "Istiqbol".into()],
            taxpayer_id: "301234567".into(),
            region: "UZ-TK".into(),
            address: Some("Toshkent, Amir Temur 1".into()),
            phone: None,
            email: Some("info@istiqbol.uz".into()),
            website: Some("https://istiqbol.uz".into()),
            created_at: at,
            updated_at: at + chrono::Duration::days(3) + chrono::Duration::nanoseconds(789),
            complaint_counts: ComplaintTally {
                total: 3,
                substantiated: 1,
                by_category: [("recruitment_fees".to_owned(), 2), ("other".to_owned(), 1)].into(),
            },
            version: 4,
            channels: crate::db::models::Channels {
                phones: vec!["+998712001122".into()],
                shared_phones: Vec::new(),
                handles: vec![crate::db::models::ChannelHandle {
                    platform: "telegram".into(),
                    name: "istiqbol_jobs".into(),
                }],
                websites: vec!["istiqbol.uz".into()],
                addresses: vec!["Toshkent, Amir Temur 1".into()],
            },
        };
        let license = |number: &str, status, until: &str, suspended_until: Option<&str>| License {
            id: Uuid::new_v4(),
            license_number: number.into(),
            agency_id: agency.id,
            status,
            valid_from: day("2024-01-01"),
            valid_until: day(until),
            destination_countries: vec!["KR".into(), "JP".into()],
            sectors: vec!["construction".into()],
            status_reason: suspended_until.map(|_| "inspection".into()),
            created_at: at,
            updated_at: at,
            suspended_until: suspended_until.map(day),
            version: 2,
        };
        let licenses = vec![
            license("UZ-TK-0123", LicenseStatus::Active, "2027-01-01", None),
            license("UZ-TK-0124", LicenseStatus::Active, "2025-01-01", None),
            license("UZ-TK-0125", LicenseStatus::Suspended, "2027-01-01", Some("2026-12-31")),
        ];
        let today = day("2026-06-01");
        let view = serde_json::to_string(&AgencyView {
            agency: &agency,
            licenses: &licenses,
            today,
        })
        .unwrap();
        let owned = serde_json::to_string(&AgencyResponse::new(agency.clone(), licenses.clone(), today)).unwrap();
        assert_eq!(view, owned);
        assert!(view.contains("\"status\":\"expired\""), "{view}");
    }
}
