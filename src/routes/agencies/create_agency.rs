use actix_web::{post, web, HttpRequest, HttpResponse};

use crate::auth::extract::{Authorized, Ministry};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::AgencyResponse;
use crate::routes::agencies::fields::CreateAgencyRequest;
use crate::routes::etag::created_tagged;
use crate::routes::now::Now;
use crate::routes::validation::json_body;
use crate::usecases::{agencies, Actor, Writer};

/// Register an agency.
///
/// Role: `ministry`. The agency starts without licences; issue them with
/// `POST /v1/agencies/{id}/licenses`. Answers 201 with `Location` and the
/// `ETag` to send as `If-Match` when changing it.
#[utoipa::path(
    tag = "agencies",
    security(("bearer" = [])),
    request_body = CreateAgencyRequest,
    responses(
        (status = 201, description = "Registered", body = AgencyResponse,
         headers(("Location" = String, description = "The agency's URL"), ("ETag" = String, description = "Its version"))),
        (status = 409, description = "An agency with this taxpayer id is registered", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/agencies")]
pub async fn create_agency(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let row = json_body::<CreateAgencyRequest>(&req, &body)?.into_row(uuid::Uuid::now_v7())?;
    let today = now.today();
    let state = agencies::create(&writer, &Actor::from(&*principal), row, today).await?;
    let location = format!("/v1/agencies/{}", state.agency.id);
    let response = AgencyResponse::new(state.agency, state.licenses, today);
    created_tagged(&location, &state.tag, &response)
}
