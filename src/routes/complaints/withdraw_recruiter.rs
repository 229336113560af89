use actix_web::{delete, web, HttpResponse};
use diesel_async::AsyncConnection;
use uuid::Uuid;

use super::{not_found, set_publication, PublicationErrors};
use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::{Complaint, Visibility};
use crate::db::DbPool;
use crate::error::{ApiError, Problem, ServerErrors};

/// Withdraw a published recruiter.
///
/// Role: `ministry`. Takes the recruiter this complaint names off the public
/// list (audited). 404 when the complaint does not exist or its recruiter is
/// not published.
#[utoipa::path(
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 204, description = "Withdrawn"),
        PublicationErrors,
        (status = 404, description = "No such complaint, or its recruiter is not published", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[delete("/v1/complaints/{id}/publication")]
pub async fn withdraw_recruiter(
    ministry: Authorized<Ministry>,
    id: web::Path<Uuid>,
    pool: web::Data<DbPool>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mut conn = pool.get().await?;
    conn.transaction(async |conn| {
        Complaint::find(conn, id, &Visibility::All, true)
            .await?
            .ok_or_else(|| not_found(id))?;
        if Complaint::recruiter_published_at(conn, id).await?.is_none() {
            return Err(ApiError::NotFound(format!(
                "The recruiter of complaint {id} is not published."
            )));
        }
        set_publication(conn, &ministry, id, false).await
    })
    .await?;
    Ok(HttpResponse::NoContent()
        .insert_header(("Cache-Control", "no-store"))
        .finish())
}
