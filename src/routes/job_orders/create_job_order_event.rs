use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest, HttpResponse};

use crate::auth::extract::{Authorized, Ministry};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::JobOrderResponse;
use crate::routes::etag::{json_tagged, required_if_match};
use crate::routes::job_orders::fields::JobOrderEventRequest;
use crate::routes::job_orders::JobOrderPath;
use crate::routes::now::Now;
use crate::routes::validation::json_body;
use crate::usecases::{job_orders, Actor, Writer};

/// Fill, close, withdraw or reopen a job order.
///
/// Role: `ministry`. `fill`: every place is taken; `close`: no longer
/// recruiting; `withdraw`: taken back for good (a reissued offer is a new
/// order); `reopen`: open again, only while its licence may recruit, its
/// employer is accredited and its last day is still to come. Requires
/// `If-Match` (428 without, 412 when stale); an action its status does not
/// allow is a 409 listing those that are.
#[utoipa::path(
    tag = "job-orders",
    security(("bearer" = [])),
    params(
        JobOrderPath,
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = JobOrderEventRequest,
    responses(
        (status = 200, description = "Done", body = JobOrderResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Not a job order reference, or one with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No job order has this reference", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The action does not apply to the order's status, or it cannot reopen", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The order changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/job-orders/{reference}/events")]
pub async fn create_job_order_event(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    path: web::Path<JobOrderPath>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let reference = path.reference()?;
    let if_match = required_if_match(&req)?;
    let event = json_body::<JobOrderEventRequest>(&req, &body)?.into_parts()?;
    let actor = Actor::from(&*principal);
    let today = now.today();
    let state = job_orders::act(&writer, &actor, &reference, event, &if_match, today).await?;
    json_tagged(StatusCode::OK, &state.tag, &state.response(today))
}
