use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::models::{License, LicenseEvent};
use crate::db::DbPool;
use crate::domain::license_status::LicenseAction;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::cache;
use crate::routes::licenses::{parse_number, LicenseNumberPath};

/// One step in a licence's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct LicenseEventResponse {
    /// The entry's id (the ministry names it to correct its reason).
    #[schema(minimum = 1)]
    pub id: i64,
    /// What happened.
    #[schema(example = "issued")]
    pub action: LicenseAction,
    /// Why, when the ministry gave a reason.
    pub reason: Option<String>,
    /// When it took effect.
    pub effective_at: DateTime<Utc>,
}

/// A licence's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct LicenseEventsResponse {
    /// Canonical licence number.
    pub license_number: String,
    /// Every step, oldest first.
    pub items: Vec<LicenseEventResponse>,
}

/// List a licence's public history.
///
/// Every issue, renewal, suspension, reinstatement, revocation, expiry and
/// surrender of the licence, oldest first. The number is read as loosely as
/// in the licence check.
#[utoipa::path(
    tag = "licenses",
    params(LicenseNumberPath),
    responses(
        (status = 200, description = "The licence's history, oldest first", body = LicenseEventsResponse),
        (status = 400, description = "The text cannot be a licence number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such licence is registered", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/licenses/{number}/events")]
pub async fn list_license_events(
    pool: web::Data<DbPool>,
    path: web::Path<LicenseNumberPath>,
) -> Result<HttpResponse, ApiError> {
    let number = parse_number(&path.number)?;
    let mut conn = pool.get().await?;
    let (license_id, license_number) = License::find_id(&mut conn, number.lookup_key())
        .await?
        .ok_or_else(|| ApiError::LicenseNotFound(number.canonical().to_owned()))?;
    let events = LicenseEvent::of_license(&mut conn, license_id).await?;
    let items = events
        .into_iter()
        .map(|e| LicenseEventResponse {
            id: e.id,
            action: e.action,
            reason: e.reason,
            effective_at: e.effective_at,
        })
        .collect();
    Ok(cache::public(
        HttpResponse::Ok().json(LicenseEventsResponse { license_number, items }),
    ))
}
