use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};
use uuid::Uuid;

use crate::error::{ApiError, Problem, ServerErrors};
use crate::public::EmployerResponse;
use crate::routes::cache;
use crate::routes::etag::{json_tagged, not_modified};
use crate::usecases::reads::{Read, Reads};

/// A foreign employer and its standing.
///
/// Public. Who the employer named on an offer is, where it is registered,
/// and whether the ministry lets agencies recruit for it (`may_hire`):
/// `suspended` and `banned` employers' job orders are not open.
#[utoipa::path(
    tag = "employers",
    params(("id" = Uuid, Path, description = "Registry id of the employer")),
    responses(
        (status = 200, description = "The employer", body = EmployerResponse,
         headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 404, description = "No employer has this id", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/employers/{id}")]
pub async fn find_employer(
    req: HttpRequest,
    reads: web::Data<Reads>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let Read { value: state, position } = reads.employer(id.into_inner()).await?;
    if let Some(unchanged) = not_modified(&req, &state.tag) {
        return Ok(cache::public_at(unchanged, position));
    }
    let body = EmployerResponse::from(state.employer);
    json_tagged(StatusCode::OK, &state.tag, &body).map(|r| cache::public_at(r, position))
}
