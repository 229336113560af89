use actix_web::http::StatusCode;
use actix_web::{patch, web, HttpRequest, HttpResponse};
use chrono::Utc;
use diesel_async::AsyncConnection;
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::{Agency, AuditEvent, License};
use crate::db::DbPool;
use crate::domain::region::Region;
use crate::domain::registry_today;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::routes::agencies::fields::CreateAgencyRequest;
use crate::routes::agencies::search_cache::SearchCache;
use crate::routes::etag::{check_if_match, json_with_etag, representation, required_if_match};
use crate::routes::responses::{AgencyResponse, AgencySummary};
use crate::routes::validation::{json_body, FieldErrors};

/// A JSON merge patch (RFC 7396) of an agency: only the fields sent change;
/// `null` clears an optional field.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyChangeset {
    /// Registered legal name (cannot be removed).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, required = false, min_length = 1, max_length = 300)]
    pub legal_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Vec<String>>)]
    pub other_names: Option<Option<Vec<String>>>,
    /// Taxpayer id (cannot be removed).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, required = false, pattern = "^[0-9]{9}$")]
    pub taxpayer_id: Option<Option<String>>,
    /// Region of registration (cannot be removed).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Region, required = false)]
    pub region: Option<Option<Region>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub website: Option<Option<String>>,
}

/// Tells a field sent as `null` (`Some(None)`) from one not sent (`None`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

impl AgencyChangeset {
    /// The agency's fields with this patch applied; `null` on a required
    /// field is refused.
    fn apply(self, mut fields: CreateAgencyRequest) -> Result<CreateAgencyRequest, ApiError> {
        let mut errors = FieldErrors::default();
        let mut required = |name: &str, value: Option<Option<String>>, into: &mut String| match value {
            Some(Some(v)) => *into = v,
            Some(None) => errors.add(name, "cannot be removed"),
            None => {}
        };
        required("legal_name", self.legal_name, &mut fields.legal_name);
        required("taxpayer_id", self.taxpayer_id, &mut fields.taxpayer_id);
        match self.region {
            Some(Some(region)) => fields.region = region.code().to_owned(),
            Some(None) => errors.add("region", "cannot be removed"),
            None => {}
        }
        if let Some(names) = self.other_names {
            fields.other_names = names.unwrap_or_default();
        }
        for (value, into) in [
            (self.address, &mut fields.address),
            (self.phone, &mut fields.phone),
            (self.email, &mut fields.email),
            (self.website, &mut fields.website),
        ] {
            if let Some(v) = value {
                *into = v;
            }
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
    req: HttpRequest,
    principal: Authorized<Ministry>,
    id: web::Path<Uuid>,
    body: web::Bytes,
    pool: web::Data<DbPool>,
    cache: web::Data<SearchCache>,
) -> Result<HttpResponse, ApiError> {
    let if_match = required_if_match(&req)?;
    let (id, patch, today) = (
        id.into_inner(),
        json_body::<AgencyChangeset>(&req, &body)?,
        registry_today(Utc::now()),
    );
    let mut conn = pool.get().await?;
    let response = conn
        .transaction(async |conn| {
            let agency = Agency::lock(conn, id)
                .await?
                .ok_or_else(|| ApiError::NotFound(format!("No agency with id {id} is registered.")))?;
            let licenses = License::of_agencies(conn, &[id]).await?;
            let row = patch.apply(CreateAgencyRequest::from_agency(&agency))?.into_row(id)?;
            // Preconditions come last (RFC 9110 section 13.2.1): a request that
            // would fail anyway answers that failure, not 412.
            let (_, current) = representation(&AgencyResponse::new(agency.clone(), licenses.clone(), today))?;
            check_if_match(&if_match, &current)?;
            let updated = Agency::update(conn, &row)
                .await
                .map_err(|e| ApiError::conflict_on_unique(e, "Another agency has this taxpayer id."))?;
            let audit = principal.audit(
                ("agency", &id.to_string()),
                "update",
                serde_json::to_value(AgencySummary::from(agency)).ok(),
                serde_json::to_value(AgencySummary::from(updated.clone())).ok(),
            );
            AuditEvent::append(conn, &audit).await?;
            Ok::<_, ApiError>(AgencyResponse::new(updated, licenses, today))
        })
        .await?;
    cache.clear();
    json_with_etag(StatusCode::OK, &response)
}
