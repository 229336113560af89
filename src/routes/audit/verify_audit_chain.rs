use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::extract::{Auditor, Authorized};
use crate::db::models::AuditEvent;
use crate::db::DbPool;
use crate::domain::audit_chain::ChainCheck;
use crate::domain::checkpoint::CheckpointCheck;
use crate::error::{ApiError, Problem, ServerErrors};

/// The result of walking the audit trail's hash chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainVerification {
    /// True when every record links to the one before and matches its
    /// content (and, with a checkpoint, the checkpoint holds).
    pub ok: bool,
    /// Records checked (up to and including the first broken one).
    pub checked: usize,
    /// Id of the first record that does not verify, if any.
    pub first_broken: Option<i64>,
    /// With a checkpoint: whether the record at its position still has its hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<CheckpointCheck>,
}

impl From<(usize, ChainCheck)> for ChainVerification {
    fn from((checked, check): (usize, ChainCheck)) -> Self {
        let first_broken = match check {
            ChainCheck::Intact => None,
            ChainCheck::BrokenAt(id) => Some(id),
        };
        Self {
            ok: first_broken.is_none(),
            checked,
            first_broken,
            checkpoint: None,
        }
    }
}

/// Verify the audit trail.
///
/// Role: `auditor`. Walks the whole hash chain: any record edited, removed or
/// reordered behind the service's back is reported as `first_broken`.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The verification result", body = ChainVerification),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role is not `auditor`", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/audit-events/verify")]
pub async fn verify_audit_chain(
    _auditor: Authorized<Auditor>,
    pool: web::Data<DbPool>,
) -> Result<HttpResponse, ApiError> {
    let _walk = super::CHAIN_WALKS.acquire().await.map_err(ApiError::internal)?;
    let mut conn = pool.get().await?;
    let result = AuditEvent::verify_chain(&mut conn).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(ChainVerification::from(result)))
}
