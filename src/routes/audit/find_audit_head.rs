use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::models::AuditEvent;
use crate::db::DbPool;
use crate::domain::audit_chain::GENESIS;
use crate::error::{ApiError, ServerErrors};

/// The newest record of the audit trail, as an anchor: its position and
/// hash, nothing of its content.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditHead {
    /// Id of the newest record (0 for an empty trail).
    #[schema(minimum = 0)]
    pub seq: i64,
    /// Its hash (SHA-256, hex).
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub hash: String,
}

/// The head of the audit trail.
///
/// Public. Anyone (an NGO, a journalist, an auditor) may keep the heads they
/// saw; posting one later to `POST /v1/audit-events/verify`, or comparing it
/// with `agency-registry audit verify --checkpoint`, shows whether the trail
/// was cut or rewritten behind it.
#[utoipa::path(
    tag = "audit",
    responses(
        (status = 200, description = "The newest record's position and hash", body = AuditHead),
        ServerErrors,
    )
)]
#[get("/v1/audit-events/head")]
pub async fn find_audit_head(pool: web::Data<DbPool>) -> Result<HttpResponse, ApiError> {
    let mut conn = pool.get().await?;
    let (seq, hash) = AuditEvent::head(&mut conn)
        .await?
        .unwrap_or_else(|| (0, GENESIS.to_owned()));
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-cache"))
        .json(AuditHead { seq, hash }))
}
