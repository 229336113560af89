use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::ComplaintResponse;
use crate::auth::extract::{Authorized, Filer};
use crate::db::models::{Complaint, ComplaintFilter};
use crate::db::DbPool;
use crate::domain::triage::{ComplaintCategory, ComplaintStatus};
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::pagination::{decode_position, fetch_size, into_page, page_size, Cursor};

/// Filters of the complaint listing.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListComplaintsParams {
    pub status: Option<ComplaintStatus>,
    pub category: Option<ComplaintCategory>,
    /// Complaints about this agency.
    pub agency_id: Option<Uuid>,
    /// Filed at or after (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Filed before (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    /// Page size, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    pub limit: Option<u8>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 100)]
    #[param(inline)]
    pub cursor: Option<Cursor>,
}

/// One page of complaints.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintPage {
    /// Newest first.
    pub items: Vec<ComplaintResponse>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// List complaints.
///
/// Roles: `ngo` (its own organisation's complaints only), `ministry` (all).
/// Newest first.
#[utoipa::path(
    tag = "complaints",
    security(("bearer" = [])),
    params(ListComplaintsParams),
    responses(
        (status = 200, description = "A page of complaints", body = ComplaintPage),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role is neither `ngo` nor `ministry`", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/complaints")]
pub async fn list_complaints(
    caller: Authorized<Filer>,
    params: web::Query<ListComplaintsParams>,
    pool: web::Data<DbPool>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    crate::routes::validation::time_bounds(params.from, params.to)?;
    let limit = page_size(params.limit, 20)?;
    let before_id = params.cursor.as_ref().map(decode_position).transpose()?;
    let filter = ComplaintFilter {
        visibility: caller.complaint_visibility(),
        status: params.status,
        category: params.category,
        agency_id: params.agency_id,
        from: params.from,
        to: params.to,
        before_id,
        limit: fetch_size(limit),
    };
    let mut conn = pool.get().await?;
    let (found, next_cursor) = into_page(Complaint::list(&mut conn, &filter).await?, limit, |c| c.id);
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(ComplaintPage {
            items: found.into_iter().map(ComplaintResponse::from).collect(),
            next_cursor,
        }))
}
