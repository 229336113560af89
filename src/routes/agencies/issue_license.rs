use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::NewLicense;
use crate::domain::fields::{Country, LicenseNumberText, ValidityDate};
use crate::domain::license_status::LicenseStatus;
use crate::domain::sector::Sector;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
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
    pub license_number: LicenseNumberText,
    /// First day of validity.
    pub valid_from: ValidityDate,
    /// Last day of validity (not before `valid_from`).
    pub valid_until: ValidityDate,
    /// Countries the agency may send workers to (ISO 3166-1 alpha-2), 1 to 50.
    #[schema(example = json!(["KR", "JP"]), min_items = 1, max_items = 50)]
    pub destination_countries: Vec<Country>,
    /// Sectors the agency may recruit for, at least one.
    #[schema(value_type = Vec<Sector>, min_items = 1, max_items = 12)]
    pub sectors: Vec<String>,
}

impl IssueLicenseRequest {
    fn into_row(self, agency_id: Uuid) -> Result<NewLicense, ApiError> {
        let mut errors = FieldErrors::default();
        let number = errors.check("license_number", &self.license_number);
        let valid_from = errors.check("valid_from", &self.valid_from);
        let valid_until = errors.check("valid_until", &self.valid_until);
        if self.valid_until.given() < self.valid_from.given() {
            errors.add("valid_until", msg!("reason-until-before-from"));
        }
        if self.destination_countries.is_empty() || self.destination_countries.len() > 50 {
            errors.add("destination_countries", msg!("reason-items-between", min = 1, max = 50));
        }
        let mut countries = Vec::new();
        for code in errors.check_each("destination_countries", &self.destination_countries) {
            if !countries.contains(&code) {
                countries.push(code);
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
            valid_from: valid_from.unwrap_or_default(),
            valid_until: valid_until.unwrap_or_default(),
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
