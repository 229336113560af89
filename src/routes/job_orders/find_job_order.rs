use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::domain::language::tag_in;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::i18n;
use crate::public::JobOrderCheck;
use crate::routes::cache;
use crate::routes::etag::{json_tagged, not_modified};
use crate::routes::job_orders::JobOrderPath;
use crate::routes::now::Now;
use crate::usecases::reads::{Read, Reads};

/// Check a job order.
///
/// Public. The worker holds an offer with a reference: is the job real,
/// with which employer and agency, on which terms, and open today? The
/// verdict answers in one sentence: `open`, `filled`, `closed`,
/// `withdrawn`, `expired`, `agency_cannot_recruit` (the licence it stands
/// on may not recruit) or `employer_not_accredited`; `warnings` names what
/// to be wary of in its terms (a fee the worker is asked to pay). A
/// reference with a mistyped digit is a 400 ("check it"), never another
/// offer; a well-formed reference no order has is a 404: a job abroad
/// offered by a licensed agency has one.
#[utoipa::path(
    tag = "job-orders",
    params(JobOrderPath),
    responses(
        (status = 200, description = "The order and its standing today", body = JobOrderCheck,
         headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 400, description = "Not a job order reference, or one with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No job order has this reference: ask the agency for it", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/job-orders/{reference}")]
pub async fn find_job_order(
    req: HttpRequest,
    now: Now,
    reads: web::Data<Reads>,
    path: web::Path<JobOrderPath>,
) -> Result<HttpResponse, ApiError> {
    let reference = path.reference()?;
    let today = now.today();
    let Read { value: state, position } = reads.job_order(&reference, today).await?;
    let lang = i18n::current();
    let tag = tag_in(&state.tag, lang);
    if let Some(unchanged) = not_modified(&req, &tag) {
        return Ok(cache::public_at(unchanged, position));
    }
    let body = JobOrderCheck::new(state.response(today), lang);
    json_tagged(StatusCode::OK, &tag, &body).map(|r| cache::public_at(r, position))
}
