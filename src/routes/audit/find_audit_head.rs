use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::keys::KeyStore;
use crate::auth::Principal;
use crate::db::DbPool;
use crate::error::{ApiError, ServerErrors};
use crate::routes::licenses::qr::CompactJws;
use crate::routes::now::Now;
use crate::usecases::checkpoints;

/// A head of the audit trail, as an anchor: its position and hash, nothing
/// of its content.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditHead {
    /// Id of the head record (0 for an empty trail).
    #[schema(minimum = 0)]
    pub seq: i64,
    /// Its hash (SHA-256, hex).
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub hash: String,
    /// When it was the head: the start of the checkpoint's hour, or now for
    /// the live head.
    pub as_of: DateTime<Utc>,
    /// The public checkpoint signed (`typ` `audit-checkpoint+jwt`, a key
    /// with `purpose: checkpoint` in `/.well-known/jwks.json`): keep it to
    /// prove later what the registry published. Absent from the live head.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<CompactJws>,
}

/// The head of the audit trail.
///
/// Public: the newest hourly checkpoint, the head as it stood when the hour
/// began, signed (the live head moves at every audited change, a complaint
/// filed among them, and is not published). With a bearer token of any
/// client: the live head. Anyone (an NGO, a journalist, an auditor) may keep
/// the heads they saw; posting one later to `POST /v1/audit-events/verify`,
/// or comparing it with `agency-registry audit verify --checkpoint`, shows
/// whether the trail was cut or rewritten behind it.
#[utoipa::path(
    tag = "audit",
    responses(
        (status = 200, description = "The head: the hourly checkpoint, or the live head for an authenticated caller", body = AuditHead),
        ServerErrors,
    )
)]
#[get("/v1/audit-events/head")]
pub async fn find_audit_head(
    now: Now,
    caller: Option<Principal>,
    pool: web::Data<DbPool>,
    keys: web::Data<KeyStore>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = pool.get().await?;
    let now = now.0;
    let (head, cache) = match caller {
        Some(_) => {
            let (seq, hash) = checkpoints::live_head(&mut conn).await?;
            let head = AuditHead {
                seq,
                hash,
                as_of: now,
                checkpoint: None,
            };
            (head, "private, no-store")
        }
        None => {
            let row = checkpoints::public_head(&mut conn, &keys, now).await?;
            let head = AuditHead {
                seq: row.seq,
                hash: row.hash,
                as_of: row.hour,
                checkpoint: Some(CompactJws(row.jws)),
            };
            (head, crate::routes::cache::PUBLIC)
        }
    };
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", cache)).json(head))
}
