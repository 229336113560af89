use actix_web::{get, web, HttpResponse};
use uuid::Uuid;

use super::{ComplaintReadErrors, ComplaintResponse};
use crate::auth::extract::{Authorized, Filer};
use crate::db::models::Complaint;
use crate::db::DbPool;
use crate::error::{ApiError, ServerErrors};
use crate::usecases::complaints::not_found;

/// Get a complaint.
///
/// Roles: `ngo` (its own organisation's complaints only: another
/// organisation's answers 404, exactly like a missing one), `ministry` (all).
#[utoipa::path(
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 200, description = "The complaint", body = ComplaintResponse),
        ComplaintReadErrors,
        ServerErrors,
    )
)]
#[get("/v1/complaints/{id}")]
pub async fn find_complaint(
    caller: Authorized<Filer>,
    id: web::Path<Uuid>,
    pool: web::Data<DbPool>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mut conn = pool.get().await?;
    let complaint = Complaint::find(&mut conn, id, &caller.complaint_visibility(), false)
        .await?
        .ok_or_else(|| not_found(id))?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(ComplaintResponse::from(complaint)))
}
