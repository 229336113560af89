use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::license_status::LicenseAction;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::cache;
use crate::routes::licenses::{parse_number, LicenseNumberPath};
use crate::routes::now::Now;
use crate::usecases::reads::{Read, Reads};

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
    now: Now,
    reads: web::Data<Reads>,
    path: web::Path<LicenseNumberPath>,
) -> Result<HttpResponse, ApiError> {
    let number = parse_number(&path.number)?;
    let Read { value, position } = reads.license_with_history(&number, now.today(), true).await?;
    let (state, events) = value;
    let license_number = state.license.license_number;
    let items = events
        .into_iter()
        .map(|e| LicenseEventResponse {
            id: e.id,
            action: e.action,
            reason: e.reason,
            effective_at: e.effective_at,
        })
        .collect();
    Ok(cache::public_at(
        HttpResponse::Ok().json(LicenseEventsResponse { license_number, items }),
        position,
    ))
}
