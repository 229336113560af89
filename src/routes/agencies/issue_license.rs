use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::NewLicense;
use crate::domain::country;
use crate::domain::dates;
use crate::domain::license_number::LicenseNumber;
use crate::domain::license_status::LicenseStatus;
use crate::domain::sector::Sector;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::i18n::Message;
use crate::msg;
use crate::public::LicenseResponse;
use crate::routes::etag::created_tagged;
use crate::routes::now::Now;
use crate::routes::validation::{json_body, FieldErrors};
use crate::usecases::{licenses, Actor, Writer};

/// A licence as the ministry issues it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueLicenseRequest {
    /// The licence number; stored in its canonical spelling.
    // The pattern is `INPUT_PATTERN` (utoipa takes only a literal; a test holds them together).
    #[schema(
        example = "UZ-TK-0123",
        min_length = 1,
        max_length = 64,
        pattern = "^[-/._ \u{2010}-\u{2015}\u{2212}0-9A-Za-zАВЕКМНОРСТХавекмнорстх]*[0-9A-Za-zАВЕКМНОРСТХавекмнорстх][-/._ \u{2010}-\u{2015}\u{2212}0-9A-Za-zАВЕКМНОРСТХавекмнорстх]*$"
    )]
    pub license_number: String,
    /// First day of validity.
    pub valid_from: NaiveDate,
    /// Last day of validity (not before `valid_from`).
    pub valid_until: NaiveDate,
    /// Countries the agency may send workers to (ISO 3166-1 alpha-2), 1 to 50.
    // The pattern comes from `country::alpha2_pattern` (see `schema_rule`).
    #[schema(example = json!(["KR", "JP"]), min_items = 1, max_items = 50)]
    pub destination_countries: Vec<String>,
    /// Sectors the agency may recruit for, at least one.
    #[schema(value_type = Vec<Sector>, min_items = 1, max_items = 12)]
    pub sectors: Vec<String>,
}

impl IssueLicenseRequest {
    /// Destinations are assigned ISO 3166-1 codes, as [`country::alpha2`] checks.
    pub fn schema_rule(schema: &mut serde_json::Value) {
        use crate::domain::dates::VALIDITY_DATE_PATTERN;
        use crate::routes::validation::pattern;
        pattern(schema, "destination_countries", &country::alpha2_pattern());
        pattern(schema, "valid_from", VALIDITY_DATE_PATTERN);
        pattern(schema, "valid_until", VALIDITY_DATE_PATTERN);
    }

    fn into_row(self, agency_id: Uuid) -> Result<NewLicense, ApiError> {
        let mut errors = FieldErrors::default();
        let number = LicenseNumber::parse(&self.license_number)
            .map_err(|e| errors.add("license_number", Message::from(&e)))
            .ok();
        if self.valid_until < self.valid_from {
            errors.add("valid_until", msg!("reason-until-before-from"));
        }
        for (field, date) in [("valid_from", self.valid_from), ("valid_until", self.valid_until)] {
            if let Err(e) = dates::check_validity_date(date) {
                errors.add(field, Message::from(&e));
            }
        }
        if self.destination_countries.is_empty() || self.destination_countries.len() > 50 {
            errors.add("destination_countries", msg!("reason-items-between", min = 1, max = 50));
        }
        let mut countries = Vec::new();
        for (i, code) in self.destination_countries.iter().enumerate() {
            match country::alpha2(code) {
                Some(code) if !countries.contains(&code) => countries.push(code),
                Some(_) => {}
                None => errors.add(&format!("destination_countries[{i}]"), msg!("reason-country")),
            }
        }
        if self.sectors.is_empty() || self.sectors.len() > Sector::ALL.len() {
            errors.add("sectors", msg!("reason-items-at-least", min = 1));
        }
        let mut sectors: Vec<String> = Vec::new();
        for (i, name) in self.sectors.iter().enumerate() {
            match Sector::parse(name) {
                Some(sector) if !sectors.iter().any(|s| s == sector.as_str()) => sectors.push(sector.as_str().into()),
                Some(_) => {}
                None => errors.add(&format!("sectors[{i}]"), msg!("reason-sector")),
            }
        }
        errors.finish()?;
        let number = number.ok_or_else(|| ApiError::internal("unreachable: number checked"))?;
        Ok(NewLicense {
            id: Uuid::now_v7(),
            license_number: number.canonical().to_owned(),
            lookup_key: number.lookup_key().to_owned(),
            agency_id,
            status: LicenseStatus::Active,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            destination_countries: countries,
            sectors,
            status_reason: None,
        })
    }
}

/// Issue a licence to an agency.
///
/// Role: `ministry`. The licence starts `active`. A number already in the
/// registry in any spelling the public lookup treats as the same (case,
/// separators, Cyrillic look-alikes) is a 409. Answers 201 with `Location`
/// (the public check) and the `ETag` to send as `If-Match` for lifecycle
/// actions.
#[utoipa::path(
    tag = "licenses",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Registry id of the agency")),
    request_body = IssueLicenseRequest,
    responses(
        (status = 201, description = "Issued", body = LicenseResponse,
         headers(("Location" = String, description = "The licence check URL"), ("ETag" = String, description = "Its version"))),
        (status = 404, description = "No agency has this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This licence number is already registered", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/agencies/{id}/licenses")]
pub async fn issue_license(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    id: web::Path<Uuid>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let row = json_body::<IssueLicenseRequest>(&req, &body)?.into_row(id.into_inner())?;
    let today = now.today();
    let state = licenses::issue(&writer, &Actor::from(&*principal), row, today).await?;
    let location = format!("/v1/licenses/{}", state.license.license_number);
    let response = LicenseResponse::new(state.license, state.agency, today);
    created_tagged(&location, &state.tag, &response)
}
