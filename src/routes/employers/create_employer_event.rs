use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest, HttpResponse};
use uuid::Uuid;

use crate::auth::extract::{Authorized, Ministry};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::EmployerResponse;
use crate::routes::employers::fields::EmployerEventRequest;
use crate::routes::etag::{json_tagged, required_if_match};
use crate::routes::now::Now;
use crate::routes::validation::json_body;
use crate::usecases::{employers, Actor, Writer};

/// Suspend, ban or reinstate an employer.
///
/// Role: `ministry`. `suspend`: its job orders stop being open (they say
/// `employer_not_accredited`) until it is reinstated. `ban`: as well, and
/// every open or filled job order with it is closed for good, each with
/// its own entry in the change feed. `reinstate`: accredited again (banned
/// orders stay closed; their agencies may reopen them). The reason is
/// public. Requires `If-Match` (428 without, 412 when stale); an action its
/// status does not allow is a 409 listing those that are.
#[utoipa::path(
    tag = "employers",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Registry id of the employer"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = EmployerEventRequest,
    responses(
        (status = 200, description = "Done", body = EmployerResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 404, description = "No employer has this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The action does not apply to the employer's status", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The employer changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/employers/{id}/events")]
pub async fn create_employer_event(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    id: web::Path<Uuid>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let if_match = required_if_match(&req)?;
    let event = json_body::<EmployerEventRequest>(&req, &body)?.into_parts()?;
    let actor = Actor::from(&*principal);
    let today = now.today();
    let state = employers::act(&writer, &actor, id.into_inner(), event, &if_match, today).await?;
    json_tagged(StatusCode::OK, &state.tag, &EmployerResponse::from(state.employer))
}
