//! Liveness and readiness probes for orchestrators and load balancers.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Principal;
use crate::db::replicas::{Readers, ReplicaHealth};
use crate::error::{ApiError, Problem, ServerErrors};
use crate::tasks::{TaskHealth, Tasks};
use crate::usecases::read_model::{ReadModel, ReadModelHealth};

/// A probe's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    /// Always `ok` when the probe succeeds (readiness answers 503 while the
    /// read model is being built).
    #[schema(example = "ok")]
    pub status: String,
    /// The in-memory read model, when the instance keeps one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_model: Option<ReadModelHealth>,
    /// Each read replica (`DATABASE_READ_URL`), when there are any: one
    /// that is not `healthy` is skipped, and its reads go to the primary.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub read_replicas: Vec<ReplicaHealth>,
    /// Every background task of the instance and its state (readiness only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskHealth>,
}

fn answer(status: StatusCode, body: HealthResponse) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(("Cache-Control", "no-store"))
        .json(body)
}

fn ok() -> HttpResponse {
    answer(
        StatusCode::OK,
        HealthResponse {
            status: "ok".into(),
            read_model: None,
            read_replicas: Vec::new(),
            tasks: Vec::new(),
        },
    )
}

/// Liveness: the process answers HTTP.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "The process is alive", body = HealthResponse),
        (status = 429, description = "Too many probes from this address", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    ok()
}

/// Readiness: the database answered its last check (made every second in
/// the background: a probe never reaches the database), the read model is
/// built, and every essential background task runs (`tasks` lists them all).
///
/// A read model that has fallen behind the change feed is reported
/// (`read_model.state` = `behind`) but the instance stays ready: it answers
/// from Postgres until the model catches up. Read replicas are listed by
/// state only; their names (host, port, database) only to an authenticated
/// caller (any client's bearer token), and in the metrics.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready to serve", body = HealthResponse),
        (status = 429, description = "Too many probes from this address", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/health/ready")]
pub async fn ready(
    caller: Option<Principal>,
    model: web::Data<Option<Arc<ReadModel>>>,
    readers: web::Data<Readers>,
    tasks: web::Data<Tasks>,
) -> Result<HttpResponse, ApiError> {
    if !readers.primary_up() || !tasks.essentials_run() {
        return Err(ApiError::ServiceUnavailable);
    }
    let read_model = model.as_deref().map(ReadModel::health);
    if read_model.as_ref().is_some_and(|m| m.state == "building") {
        return Err(ApiError::Starting);
    }
    let mut read_replicas = readers.health();
    if caller.is_none() {
        read_replicas.iter_mut().for_each(|r| r.name = None);
    }
    Ok(answer(
        StatusCode::OK,
        HealthResponse {
            status: "ok".into(),
            read_model,
            read_replicas,
            tasks: tasks.health(),
        },
    ))
}
