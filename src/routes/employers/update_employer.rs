use actix_web::http::StatusCode;
use actix_web::{patch, web, HttpRequest, HttpResponse};
use uuid::Uuid;

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::Employer;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::EmployerResponse;
use crate::routes::employers::fields::EmployerChangeset;
use crate::routes::etag::{json_tagged, required_if_match};
use crate::routes::validation::json_body;
use crate::usecases::{employers, Actor, Writer};

/// Change what is registered of an employer.
///
/// Role: `ministry`. A JSON merge patch (`application/merge-patch+json` or
/// `application/json`) of its names, country, registration number, sectors
/// and address; its status changes with `POST /v1/employers/{id}/events`.
/// Requires `If-Match` with the ETag of a previous `GET /v1/employers/{id}`
/// (428 without, 412 when stale). Its job orders are told again in the
/// change feed (they carry its names).
#[utoipa::path(
    tag = "employers",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Registry id of the employer"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body(content = EmployerChangeset, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = EmployerResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 404, description = "No employer has this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another employer has this registration number in this country", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The employer changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[patch("/v1/employers/{id}")]
pub async fn update_employer(
    req: HttpRequest,
    principal: Authorized<Ministry>,
    id: web::Path<Uuid>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let if_match = required_if_match(&req)?;
    let patch = json_body::<EmployerChangeset>(&req, &body)?;
    let edit = |stored: &Employer| patch.apply(stored.fields());
    let actor = Actor::from(&*principal);
    let state = employers::update(&writer, &actor, id.into_inner(), edit, &if_match).await?;
    json_tagged(StatusCode::OK, &state.tag, &EmployerResponse::from(state.employer))
}
