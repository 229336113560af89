use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
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
    #[schema(min_length = 1, max_length = 5000)]
    pub note: String,
}

impl NoteRequest {
    /// The note must say something.
    pub fn schema_rule(schema: &mut serde_json::Value) {
        crate::routes::validation::pattern(schema, "note", crate::domain::text::NON_BLANK_TEXT_PATTERN);
    }
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
    let note = errors.text("note", &request.note);
    if note.is_empty() || request.note.chars().count() > 5000 {
        errors.add("note", crate::msg!("reason-length-between", min = 1, max = 5000));
    }
    errors.finish()?;
    let (actor, visibility) = (Actor::from(&*ngo), ngo.complaint_visibility());
    let updated = complaints::add_note(&writer, &actor, id.into_inner(), &visibility, note).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(ComplaintResponse::from(updated)))
}
