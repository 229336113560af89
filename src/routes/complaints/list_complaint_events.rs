use actix_web::{get, web, HttpResponse};
use uuid::Uuid;

use super::{ComplaintEventResponse, ComplaintReadErrors};
use crate::auth::extract::{Authorized, Filer};
use crate::db::models::{Complaint, ComplaintEvent};
use crate::db::DbPool;
use crate::error::{ApiError, ServerErrors};
use crate::usecases::complaints::not_found;

/// A complaint's history: triage decisions and notes, oldest first.
///
/// Roles: `ngo` (its own organisation's complaints), `ministry`.
#[utoipa::path(
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 200, description = "The history, oldest first", body = Vec<ComplaintEventResponse>),
        ComplaintReadErrors,
        ServerErrors,
    )
)]
#[get("/v1/complaints/{id}/events")]
pub async fn list_complaint_events(
    caller: Authorized<Filer>,
    id: web::Path<Uuid>,
    pool: web::Data<DbPool>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mut conn = pool.get().await?;
    Complaint::find(&mut conn, id, &caller.complaint_visibility(), false)
        .await?
        .ok_or_else(|| not_found(id))?;
    let events: Vec<ComplaintEventResponse> = ComplaintEvent::of(&mut conn, id)
        .await?
        .into_iter()
        .map(ComplaintEventResponse::from)
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(events))
}
