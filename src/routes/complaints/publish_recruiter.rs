use actix_web::{put, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::PublicationErrors;
use crate::auth::extract::{Authorized, Ministry};
use crate::domain::registry_month;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::usecases::{complaints, Actor, Writer};

/// Whether the recruiter a complaint names is on the public list.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecruiterPublication {
    /// The complaint.
    pub complaint_id: Uuid,
    /// Always true in this answer.
    pub published: bool,
    /// The month the complaint was filed, as the public list shows it.
    #[schema(example = "2026-11", pattern = "^[0-9]{4}-[0-9]{2}$")]
    pub reported_month: String,
}

/// Publish the recruiter a complaint names.
///
/// Role: `ministry`. Puts the unregistered recruiter this complaint names
/// (name, phones, handles) on the public list `GET /v1/recruiters/reported`,
/// so that workers approached by them can check. A ministry decision, audited:
/// nothing an NGO files is public before it. Only for a complaint about an
/// unregistered recruiter that triage has moved past `received` and not
/// found unsubstantiated (409 otherwise). Publishing twice changes nothing.
/// `DELETE` on the same URL withdraws it.
#[utoipa::path(
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 200, description = "Published", body = RecruiterPublication),
        PublicationErrors,
        (status = 404, description = "No such complaint", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The complaint names a registered agency, is not yet triaged, or was found unsubstantiated", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[put("/v1/complaints/{id}/publication")]
pub async fn publish_recruiter(
    ministry: Authorized<Ministry>,
    id: web::Path<Uuid>,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let filed_at = complaints::publish_recruiter(&writer, &Actor::from(&*ministry), id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(RecruiterPublication {
            complaint_id: id,
            published: true,
            reported_month: registry_month(filed_at),
        }))
}
