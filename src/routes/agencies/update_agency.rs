use actix_web::http::StatusCode;
use actix_web::{patch, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::Agency;
use crate::domain::fields::{Email, Said, TaxpayerId, Text, Website};
use crate::domain::region::Region;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::AgencyResponse;
use crate::routes::agencies::fields::CreateAgencyRequest;
use crate::routes::etag::{json_tagged, required_if_match};
use crate::routes::fields::present;
use crate::routes::now::Now;
use crate::routes::validation::{json_body, FieldErrors};
use crate::usecases::error::UseCaseError;
use crate::usecases::{agencies, Actor, Writer};

/// A JSON merge patch (RFC 7396) of an agency: only the fields sent change;
/// `null` clears an optional field.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyChangeset {
    /// Registered legal name (cannot be removed).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Said<300>, required = false)]
    pub legal_name: Option<Option<Said<300>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Vec<Said<300>>>, max_items = 20)]
    pub other_names: Option<Option<Vec<Said<300>>>>,
    /// Taxpayer id (cannot be removed).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = TaxpayerId, required = false)]
    pub taxpayer_id: Option<Option<TaxpayerId>>,
    /// Region of registration (cannot be removed).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Region, required = false)]
    pub region: Option<Option<Region>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Text<500>>)]
    pub address: Option<Option<Text<500>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Text<50>>)]
    pub phone: Option<Option<Text<50>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Email>)]
    pub email: Option<Option<Email>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Website>)]
    pub website: Option<Option<Website>>,
}

impl AgencyChangeset {
    /// The agency's fields with this patch applied; `null` on a required
    /// field is refused.
    fn apply(self, mut fields: CreateAgencyRequest) -> Result<CreateAgencyRequest, UseCaseError> {
        let mut errors = FieldErrors::default();
        match self.legal_name {
            Some(Some(v)) => fields.legal_name = v,
            Some(None) => errors.add("legal_name", crate::msg!("reason-cannot-remove")),
            None => {}
        }
        match self.taxpayer_id {
            Some(Some(v)) => fields.taxpayer_id = v,
            Some(None) => errors.add("taxpayer_id", crate::msg!("reason-cannot-remove")),
            None => {}
        }
        match self.region {
            Some(Some(region)) => fields.region = region.code().to_owned(),
            Some(None) => errors.add("region", crate::msg!("reason-cannot-remove")),
            None => {}
        }
        if let Some(names) = self.other_names {
            fields.other_names = names.unwrap_or_default();
        }
        if let Some(v) = self.address {
            fields.address = v;
        }
        if let Some(v) = self.phone {
            fields.phone = v;
        }
        if let Some(v) = self.email {
            fields.email = v;
        }
        if let Some(v) = self.website {
            fields.website = v;
        }
        errors.finish()?;
        Ok(fields)
    }
}

/// Change an agency.
///
/// Role: `ministry`. A JSON merge patch (`application/merge-patch+json` or
/// `application/json`). Requires `If-Match` with the ETag of a previous
/// `GET /v1/agencies/{id}`: without it 428, with a stale one 412 (someone
/// changed the agency meanwhile: reload and retry).
#[utoipa::path(
    tag = "agencies",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Registry id of the agency"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body(content = AgencyChangeset, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = AgencyResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 404, description = "No agency has this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another agency has this taxpayer id", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The agency changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[patch("/v1/agencies/{id}")]
pub async fn update_agency(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    id: web::Path<Uuid>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let if_match = required_if_match(&req)?;
    let (id, patch) = (id.into_inner(), json_body::<AgencyChangeset>(&req, &body)?);
    let today = now.today();
    let edit = |stored: &Agency| patch.apply(CreateAgencyRequest::from_agency(stored))?.into_row(id);
    let state = agencies::update(&writer, &Actor::from(&*principal), id, edit, &if_match, today).await?;
    let response = AgencyResponse::new(state.agency, state.licenses, today);
    json_tagged(StatusCode::OK, &state.tag, &response)
}
