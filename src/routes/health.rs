//! Liveness and readiness probes for orchestrators and load balancers.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbPool;
use crate::error::{ApiError, ServerErrors};

/// A probe's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    /// Always `ok` when the probe succeeds.
    #[schema(example = "ok")]
    pub status: String,
}

fn ok() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(HealthResponse { status: "ok".into() })
}

/// Liveness: the process answers HTTP.
#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "The process is alive", body = HealthResponse))
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    ok()
}

/// Readiness: the service can reach its database.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready to serve", body = HealthResponse),
        ServerErrors,
    )
)]
#[get("/health/ready")]
pub async fn ready(pool: web::Data<DbPool>) -> Result<HttpResponse, ApiError> {
    crate::db::pool::ping(&mut *pool.get().await?).await?;
    Ok(ok())
}
