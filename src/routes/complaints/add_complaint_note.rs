use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::fields::Said;
use uuid::Uuid;

use super::ComplaintResponse;
use crate::auth::extract::{Authorized, Ngo};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::routes::validation::{json_body, FieldErrors};
use crate::usecases::{complaints, Actor, Writer};

/// More information from the filing organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    pub note: Said<5000>,
}

/// Add information to a complaint.
///
/// Role: `ngo`, of the filing organisation (another organisation's complaint
/// answers 404). A note answering `needs_information` moves the complaint
/// back to `under_review`.
#[utoipa::path(
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    request_body = NoteRequest,
    responses(
        (status = 201, description = "Added: the complaint as it is now", body = ComplaintResponse),
        (status = 404, description = "No such complaint visible to this client", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/complaints/{id}/notes")]
pub async fn add_complaint_note(
    req: HttpRequest,
    ngo: Authorized<Ngo>,
    id: web::Path<Uuid>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let request: NoteRequest = json_body(&req, &body)?;
    let mut errors = FieldErrors::default();
    let note = errors.check("note", &request.note);
    errors.finish()?;
    let note = note.unwrap_or_default();
    let (actor, visibility) = (Actor::from(&*ngo), ngo.complaint_visibility());
    let updated = complaints::add_note(&writer, &actor, id.into_inner(), &visibility, note).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(ComplaintResponse::from(updated)))
}
