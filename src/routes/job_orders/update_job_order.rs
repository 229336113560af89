use actix_web::http::StatusCode;
use actix_web::{patch, web, HttpRequest, HttpResponse};

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::JobOrder;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::JobOrderResponse;
use crate::routes::etag::{json_tagged, required_if_match};
use crate::routes::job_orders::fields::JobOrderChangeset;
use crate::routes::job_orders::JobOrderPath;
use crate::routes::now::Now;
use crate::routes::validation::json_body;
use crate::usecases::{job_orders, Actor, Writer};

/// Change a job order's terms.
///
/// Role: `ministry`. A JSON merge patch (`application/merge-patch+json` or
/// `application/json`) of its employer, country, sector, position, wage,
/// hours, contract, fee, provisions and dates, held to the licence as when
/// it was registered. A withdrawn order's terms no longer change (409).
/// Requires `If-Match` with the ETag of a previous
/// `GET /v1/job-orders/{reference}` (428 without, 412 when stale).
#[utoipa::path(
    tag = "job-orders",
    security(("bearer" = [])),
    params(
        JobOrderPath,
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body(content = JobOrderChangeset, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = JobOrderResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Not a job order reference, or one with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No job order has this reference", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The order is withdrawn, or the new employer is not accredited", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The order changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[patch("/v1/job-orders/{reference}")]
pub async fn update_job_order(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    path: web::Path<JobOrderPath>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let reference = path.reference()?;
    let if_match = required_if_match(&req)?;
    let patch = json_body::<JobOrderChangeset>(&req, &body)?;
    let today = now.today();
    let edit = |stored: &JobOrder| patch.apply(stored.fields(), today);
    let actor = Actor::from(&*principal);
    let state = job_orders::update(&writer, &actor, &reference, edit, &if_match, today).await?;
    json_tagged(StatusCode::OK, &state.tag, &state.response(today))
}
