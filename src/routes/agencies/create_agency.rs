use actix_web::http::{header, StatusCode};
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::Utc;
use diesel::result::Error as DieselError;
use diesel_async::AsyncConnection;

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::{Agency, AuditEvent, NewAuditEvent};
use crate::db::DbPool;
use crate::domain::registry_today;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::agencies::fields::CreateAgencyRequest;
use crate::routes::agencies::search_cache::SearchCache;
use crate::routes::etag::json_with_etag;
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
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role is not `ministry`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An agency with this taxpayer id is registered", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or unknown fields, all listed", body = Problem, content_type = "application/problem+json"),
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
            let (actor, actor_role) = principal.actor();
            let audit = NewAuditEvent {
                actor,
                actor_role,
                resource_type: "agency".into(),
                resource_id: agency.id.to_string(),
                action: "create".into(),
                before: None,
                after: Some(serde_json::to_value(AgencySummary::from(agency.clone())).unwrap_or_default()),
                request_id: principal.request_id.clone(),
            };
            AuditEvent::append(conn, &audit).await?;
            Ok::<_, DieselError>(agency)
        })
        .await
        .map_err(|e| ApiError::conflict_on_unique(e, "An agency with this taxpayer id is already registered."))?;
    cache.clear();
    let location = format!("/v1/agencies/{}", agency.id);
    let response = AgencyResponse::new(agency, Vec::new(), registry_today(Utc::now()));
    let mut answer = json_with_etag(StatusCode::CREATED, &response)?;
    if let Ok(value) = header::HeaderValue::from_str(&location) {
        answer.headers_mut().insert(header::LOCATION, value);
    }
    Ok(answer)
}
