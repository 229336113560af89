use actix_web::{post, web, HttpRequest, HttpResponse};

use crate::auth::extract::{Authorized, Ministry};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::JobOrderResponse;
use crate::routes::etag::created_tagged;
use crate::routes::job_orders::fields::JobOrderRequest;
use crate::routes::licenses::{parse_number, LicenseNumberPath};
use crate::routes::now::Now;
use crate::routes::validation::json_body;
use crate::usecases::{job_orders, Actor, Writer};

/// Register a job order under a licence.
///
/// Role: `ministry`. A job abroad the agency offers, with an accredited
/// employer and its terms, gets a reference (`J-1000-0012`, with a check
/// digit) a worker can check. Its country and sector must be among the
/// licence's (422 naming the field); a licence that may not recruit today,
/// or an employer suspended or banned, is a 409. Answers 201 with
/// `Location` (the public check) and the `ETag` to send as `If-Match`.
#[utoipa::path(
    tag = "job-orders",
    security(("bearer" = [])),
    params(LicenseNumberPath),
    request_body = JobOrderRequest,
    responses(
        (status = 201, description = "Registered", body = JobOrderResponse,
         headers(("Location" = String, description = "The public check"), ("ETag" = String, description = "Its version"))),
        (status = 400, description = "Not a licence number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No licence has this number", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The licence may not recruit today, or the employer is not accredited", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/licenses/{number}/job-orders")]
pub async fn create_job_order(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    path: web::Path<LicenseNumberPath>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let number = parse_number(&path.number)?;
    let today = now.today();
    let fields = json_body::<JobOrderRequest>(&req, &body)?.into_fields(today)?;
    let state = job_orders::register(&writer, &Actor::from(&*principal), &number, fields, today).await?;
    let location = format!("/v1/job-orders/{}", state.order.reference());
    created_tagged(&location, &state.tag, &state.response(today))
}
