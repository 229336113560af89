use actix_web::{post, web, HttpRequest, HttpResponse};

use crate::auth::extract::{Authorized, Ministry};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::EmployerResponse;
use crate::routes::employers::fields::EmployerRequest;
use crate::routes::etag::created_tagged;
use crate::routes::validation::json_body;
use crate::usecases::{employers, Actor, Writer};

/// Accredit a foreign employer.
///
/// Role: `ministry`. The employer starts `accredited`: agencies may
/// register job orders with it. One employer per registration number in a
/// country: a second is a 409 naming the first. Answers 201 with `Location`
/// and the `ETag` to send as `If-Match` for changes.
#[utoipa::path(
    tag = "employers",
    security(("bearer" = [])),
    request_body = EmployerRequest,
    responses(
        (status = 201, description = "Accredited", body = EmployerResponse,
         headers(("Location" = String, description = "The employer"), ("ETag" = String, description = "Its version"))),
        (status = 409, description = "An employer with this registration number in this country is registered", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/employers")]
pub async fn create_employer(
    req: HttpRequest,
    principal: Authorized<Ministry>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let fields = json_body::<EmployerRequest>(&req, &body)?.into_fields()?;
    let state = employers::register(&writer, &Actor::from(&*principal), fields).await?;
    let location = format!("/v1/employers/{}", state.employer.id);
    created_tagged(&location, &state.tag, &EmployerResponse::from(state.employer))
}
