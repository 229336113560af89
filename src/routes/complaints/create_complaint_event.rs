use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel_async::AsyncConnection;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{audit_view, not_found, ComplaintResponse};
use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::{Agency, AuditEvent, Complaint, ComplaintEvent, NewComplaintEvent, Visibility};
use crate::db::DbPool;
use crate::domain::triage::{triage, ComplaintStatus};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::routes::agencies::search_cache::SearchCache;
use crate::routes::validation::{json_body, FieldErrors};

/// A triage decision.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TriageRequest {
    /// The status to move to.
    pub status: ComplaintStatus,
    /// Why; seen by the filing organisation.
    #[schema(min_length = 1, max_length = 2000)]
    pub note: String,
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
    pool: web::Data<DbPool>,
    cache: web::Data<SearchCache>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let request: TriageRequest = json_body(&req, &body)?;
    let mut errors = FieldErrors::default();
    let note = errors.text("note", &request.note);
    if note.is_empty() || note.chars().count() > 2000 {
        errors.add("note", "must be 1 to 2000 characters");
    }
    errors.finish()?;
    let mut conn = pool.get().await?;
    let updated = conn
        .transaction(async |conn| {
            let complaint = Complaint::find(conn, id, &Visibility::All, true)
                .await?
                .ok_or_else(|| not_found(id))?;
            let from = ComplaintStatus::parse(&complaint.status).unwrap_or(ComplaintStatus::Received);
            let to = triage(from, request.status).map_err(|e| ApiError::ImpossibleTransition {
                detail: format!("{e}."),
                possible: from.next().iter().map(|s| s.as_str().to_owned()).collect(),
            })?;
            let outcome = if to.is_outcome() {
                Some(to.as_str())
            } else {
                complaint.outcome.as_deref()
            };
            let updated = Complaint::set_status(conn, id, to.as_str(), outcome).await?;
            if let Some(agency_id) = updated.agency_id {
                Agency::refresh_complaint_counts(conn, agency_id).await?;
            }
            let event = NewComplaintEvent {
                complaint_id: id,
                kind: "triage".into(),
                status: to.as_str().into(),
                note: Some(note.clone()),
                actor: ministry.client_id.clone(),
                actor_role: ministry.role.as_str().into(),
            };
            ComplaintEvent::insert(conn, &event).await?;
            let audit = ministry.audit(
                ("complaint", &id.to_string()),
                "triage",
                Some(audit_view(&complaint)),
                Some(audit_view(&updated)),
            );
            AuditEvent::append(conn, &audit).await?;
            Ok::<_, ApiError>(updated)
        })
        .await?;
    cache.clear();
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(ComplaintResponse::from(updated)))
}
