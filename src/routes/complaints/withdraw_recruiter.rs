use actix_web::{delete, web, HttpResponse};
use uuid::Uuid;

use super::PublicationErrors;
use crate::auth::extract::{Authorized, Ministry};
use crate::error::{ApiError, Problem, ServerErrors};
use crate::usecases::{complaints, Actor, Writer};

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
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    complaints::withdraw_recruiter(&writer, &Actor::from(&*ministry), id.into_inner()).await?;
    Ok(HttpResponse::NoContent()
        .insert_header(("Cache-Control", "no-store"))
        .finish())
}
