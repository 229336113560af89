use actix_web::{get, web, HttpResponse};
use chrono::Utc;
use uuid::Uuid;

use crate::db::models::{Agency, License};
use crate::db::DbPool;
use crate::domain::registry_today;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::responses::AgencyResponse;

/// Get an agency with all its licences.
///
/// Each licence carries its standing today, as in the licence check.
#[utoipa::path(
    tag = "agencies",
    params(("id" = Uuid, Path, description = "Registry id of the agency")),
    responses(
        (status = 200, description = "The agency and its licences", body = AgencyResponse),
        (status = 400, description = "The id is not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No agency has this id", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/agencies/{id}")]
pub async fn find_agency(pool: web::Data<DbPool>, id: web::Path<Uuid>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mut conn = pool.get().await?;
    let agency = Agency::find(&mut conn, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("No agency with id {id} is registered.")))?;
    let licenses = License::of_agencies(&mut conn, &[id]).await?;
    Ok(HttpResponse::Ok().json(AgencyResponse::new(agency, licenses, registry_today(Utc::now()))))
}
