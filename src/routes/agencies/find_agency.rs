use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};
use uuid::Uuid;

use crate::error::{ApiError, Problem, ServerErrors};
use crate::public::AgencyResponse;
use crate::routes::cache;
use crate::routes::etag::{json_tagged, not_modified};
use crate::routes::now::Now;
use crate::usecases::reads::{Read, Reads};

/// Get an agency with all its licences.
///
/// Each licence carries its standing today, as in the licence check.
#[utoipa::path(
    tag = "agencies",
    params(("id" = Uuid, Path, description = "Registry id of the agency")),
    responses(
        (status = 200, description = "The agency and its licences", body = AgencyResponse, headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 400, description = "The id is not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No agency has this id", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/agencies/{id}")]
pub async fn find_agency(
    req: HttpRequest,
    now: Now,
    reads: web::Data<Reads>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let today = now.today();
    let Read { value: state, position } = reads.agency(id.into_inner(), today).await?;
    if let Some(unchanged) = not_modified(&req, &state.tag) {
        return Ok(cache::public_at(unchanged, position));
    }
    let response = AgencyResponse::new(state.agency, state.licenses, today);
    json_tagged(StatusCode::OK, &state.tag, &response).map(|r| cache::public_at(r, position))
}
