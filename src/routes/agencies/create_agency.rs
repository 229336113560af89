use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::Utc;
use diesel::result::Error as DieselError;
use diesel_async::AsyncConnection;

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::{Agency, AuditEvent};
use crate::db::DbPool;
use crate::domain::registry_today;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::routes::agencies::fields::CreateAgencyRequest;
use crate::routes::agencies::search_cache::SearchCache;
use crate::routes::etag::created;
use crate::routes::responses::{AgencyResponse, AgencySummary};
use crate::routes::validation::json_body;

/// Register an agency.
///
/// Role: `ministry`. The agency starts without licences; issue them with
/// `POST /v1/agencies/{id}/licenses`. Answers 201 with `Location` and the
/// `ETag` to send as `If-Match` when changing it.
#[utoipa::path(
    tag = "agencies",
    security(("bearer" = [])),
    request_body = CreateAgencyRequest,
    responses(
        (status = 201, description = "Registered", body = AgencyResponse,
         headers(("Location" = String, description = "The agency's URL"), ("ETag" = String, description = "Its version"))),
        (status = 409, description = "An agency with this taxpayer id is registered", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/agencies")]
pub async fn create_agency(
    req: HttpRequest,
    principal: Authorized<Ministry>,
    body: web::Bytes,
    pool: web::Data<DbPool>,
    cache: web::Data<SearchCache>,
) -> Result<HttpResponse, ApiError> {
    let row = json_body::<CreateAgencyRequest>(&req, &body)?.into_row(uuid::Uuid::now_v7())?;
    let mut conn = pool.get().await?;
    let agency = conn
        .transaction(async |conn| {
            let agency = Agency::insert(conn, &row).await?;
            let audit = principal.audit(
                ("agency", &agency.id.to_string()),
                "create",
                None,
                serde_json::to_value(AgencySummary::from(agency.clone())).ok(),
            );
            AuditEvent::append(conn, &audit).await?;
            Ok::<_, DieselError>(agency)
        })
        .await
        .map_err(|e| ApiError::conflict_on_unique(e, "An agency with this taxpayer id is already registered."))?;
    cache.clear();
    let location = format!("/v1/agencies/{}", agency.id);
    let response = AgencyResponse::new(agency, Vec::new(), registry_today(Utc::now()));
    created(&location, &response)
}
