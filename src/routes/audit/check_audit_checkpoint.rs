use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::verify_audit_chain::ChainVerification;
use crate::auth::extract::{AnyClient, Authorized};
use crate::db::models::AuditEvent;
use crate::db::DbPool;
use crate::domain::checkpoint::{compare, CheckpointCheck};
use crate::error::{ApiError, ServerErrors, WriteErrors};
use crate::routes::validation::json_body;

/// A head of the audit trail seen earlier (from `GET /v1/audit-events/head`,
/// or a signed checkpoint of `agency-registry audit checkpoint`, whose other
/// fields are accepted and not needed here).
#[derive(Debug, Deserialize, ToSchema)]
pub struct AuditCheckpoint {
    /// The head's position.
    #[schema(value_type = i64, minimum = 1, maximum = 9223372036854775807_i64)]
    pub seq: serde_json::Number,
    /// The head's hash.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub hash: String,
}

/// Check the audit trail against a head seen earlier.
///
/// Roles: `ngo`, `ministry`, `auditor`. Walks the whole chain and checks that
/// the record at the checkpoint's position still has the checkpoint's hash:
/// `cut` when it is gone, `rewritten` when it differs, though every hash
/// after it was recomputed.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    request_body = AuditCheckpoint,
    responses(
        (status = 200, description = "The verification result", body = ChainVerification),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/audit-events/verify")]
pub async fn check_audit_checkpoint(
    req: HttpRequest,
    _caller: Authorized<AnyClient>,
    body: web::Bytes,
    pool: web::Data<DbPool>,
) -> Result<HttpResponse, ApiError> {
    let checkpoint: AuditCheckpoint = json_body(&req, &body)?;
    // JSON Schema's integers include `12.0`; serde's do not.
    let seq = checkpoint.seq.as_i64().or_else(|| {
        checkpoint
            .seq
            .as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 1.0 && *f < 9.2e18)
            .map(|f| f as i64)
    });
    let hex = checkpoint.hash.len() == 64 && checkpoint.hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let Some(seq) = seq.filter(|s| *s >= 1 && hex) else {
        return Err(ApiError::Unprocessable {
            detail: crate::msg!("detail-checkpoint"),
            errors: vec![crate::error::FieldReason::new(
                if hex { "seq" } else { "hash" },
                crate::msg!("reason-invalid"),
            )],
        });
    };
    let _walk = super::CHAIN_WALKS.acquire().await.map_err(ApiError::internal)?;
    let mut conn = pool.get().await?;
    let mut result = ChainVerification::from(AuditEvent::verify_chain(&mut conn).await?);
    let holds = compare(AuditEvent::hash_at(&mut conn, seq).await?.as_deref(), &checkpoint.hash);
    result.ok &= holds == CheckpointCheck::Holds;
    result.checkpoint = Some(holds);
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(result))
}
