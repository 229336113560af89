use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::extract::{Auditor, Authorized};
use crate::db::models::{AuditEvent, AuditFilter};
use crate::db::DbPool;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::fields::QueryText;
use crate::routes::pagination::{decode_position, fetch_size, into_page, page_size, Cursor};

/// Filters of the audit trail listing.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListAuditEventsParams {
    /// Kind of resource: `agency`, `license`, `client`, `key`, `complaint`.
    #[param(inline)]
    pub resource_type: Option<crate::routes::fields::QueryText<50>>,
    /// Id of the resource (agency id, licence number, client id, key id).
    #[param(inline)]
    pub resource_id: Option<crate::routes::fields::QueryText<200>>,
    /// Only records at or after this time (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Only records before this time (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    /// Page size, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 50)]
    pub limit: Option<u8>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 100)]
    #[param(inline)]
    pub cursor: Option<Cursor>,
}

/// One record of the audit trail.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventResponse {
    /// Position in the chain.
    pub id: i64,
    /// When the change was made.
    pub occurred_at: DateTime<Utc>,
    /// Who made it: a client id, or `cli:<user>` / `system`.
    pub actor: String,
    /// The actor's role.
    pub actor_role: String,
    /// What kind of resource changed.
    pub resource_type: String,
    /// Which one.
    pub resource_id: String,
    /// What was done.
    pub action: String,
    /// The resource before the change.
    pub before: Option<serde_json::Value>,
    /// The resource after the change.
    pub after: Option<serde_json::Value>,
    /// The request that made the change.
    pub request_id: Option<String>,
    /// Hash of the previous record.
    pub prev_hash: String,
    /// SHA-256 of `prev_hash` and this record's content.
    pub hash: String,
}

/// One page of the audit trail.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventPage {
    /// Records, oldest first.
    pub items: Vec<AuditEventResponse>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

impl From<AuditEvent> for AuditEventResponse {
    fn from(e: AuditEvent) -> Self {
        Self {
            id: e.id,
            occurred_at: e.occurred_at,
            actor: e.actor,
            actor_role: e.actor_role,
            resource_type: e.resource_type,
            resource_id: e.resource_id,
            action: e.action,
            before: e.before,
            after: e.after,
            request_id: e.request_id,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

/// List the audit trail.
///
/// Role: `auditor`. Every change to agencies, licences, clients and keys,
/// oldest first, with who made it, before and after, and the hash chain.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(ListAuditEventsParams),
    responses(
        (status = 200, description = "A page of audit records", body = AuditEventPage),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role is not `auditor`", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/audit-events")]
pub async fn list_audit_events(
    _auditor: Authorized<Auditor>,
    params: web::Query<ListAuditEventsParams>,
    pool: web::Data<DbPool>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    crate::routes::validation::time_bounds(params.from, params.to)?;
    let limit = page_size(params.limit, 50)?;
    let after_id = params.cursor.as_ref().map(decode_position).transpose()?;
    let filter = AuditFilter {
        resource_type: params.resource_type.map(QueryText::into_inner),
        resource_id: params.resource_id.map(QueryText::into_inner),
        from: params.from,
        to: params.to,
        after_id,
        limit: fetch_size(limit),
    };
    let mut conn = pool.get().await?;
    let (events, next_cursor) = into_page(AuditEvent::list(&mut conn, &filter).await?, limit, |e| e.id);
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(AuditEventPage {
            items: events.into_iter().map(AuditEventResponse::from).collect(),
            next_cursor,
        }))
}
