use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::fields::Said;
use uuid::Uuid;

use super::ComplaintResponse;
use crate::auth::extract::{Authorized, Ministry};
use crate::domain::triage::ComplaintStatus;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::routes::validation::{json_body, FieldErrors};
use crate::usecases::{complaints, Actor, Writer};

/// A triage decision.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TriageRequest {
    /// The status to move to.
    pub status: ComplaintStatus,
    /// Why; seen by the filing organisation.
    pub note: Said<2000>,
}

/// Triage a complaint.
///
/// Role: `ministry`. `received` -> `under_review` -> (`needs_information` <->
/// `under_review`) -> `referred_to_law_enforcement` | `substantiated` |
/// `unsubstantiated` -> `closed`. An impossible move is a 409 listing the
/// possible ones.
#[utoipa::path(
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    request_body = TriageRequest,
    responses(
        (status = 201, description = "Moved: the complaint as it is now", body = ComplaintResponse),
        (status = 404, description = "No such complaint", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The move is not possible from the complaint's status", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/complaints/{id}/events")]
pub async fn create_complaint_event(
    req: HttpRequest,
    ministry: Authorized<Ministry>,
    id: web::Path<Uuid>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let request: TriageRequest = json_body(&req, &body)?;
    let mut errors = FieldErrors::default();
    let note = errors.check("note", &request.note);
    errors.finish()?;
    let note = note.unwrap_or_default();
    let actor = Actor::from(&*ministry);
    let updated = complaints::triage_to(&writer, &actor, id.into_inner(), request.status, note).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(ComplaintResponse::from(updated)))
}
