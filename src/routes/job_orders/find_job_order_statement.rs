use actix_web::{get, web, HttpResponse};

use crate::auth::keys::KeyStore;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::cache;
use crate::routes::job_orders::JobOrderPath;
use crate::routes::licenses::qr::CompactJws;
use crate::routes::now::Now;
use crate::usecases::reads::{Read, Reads};

/// A signed statement of a job order's terms and standing, to verify offline.
///
/// A compact JWS (`application/jose`; EdDSA, `typ`
/// `job-order-statement+jwt`, claim `kind: job_order`) whose claims are what
/// the job-order check says (`JobOrderStatement`: terms, employer, agency
/// and licence, standing), signed with the licence statements' keys
/// (`/.well-known/jwks.json`). Its own `typ` and `kind`: it never passes
/// for a licence's or a card's statement. Reject it after `exp`, at most 7
/// days after `iat`.
#[utoipa::path(
    tag = "job-orders",
    params(JobOrderPath),
    responses(
        (status = 200, description = "The statement (claims: `JobOrderStatement`)", body = CompactJws, content_type = "application/jose"),
        (status = 400, description = "Not a job order reference, or one with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No job order has this reference", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/job-orders/{reference}/statement")]
pub async fn find_job_order_statement(
    now: Now,
    reads: web::Data<Reads>,
    keys: web::Data<KeyStore>,
    path: web::Path<JobOrderPath>,
) -> Result<HttpResponse, ApiError> {
    let reference = path.reference()?;
    let Read { value, position } = reads.job_order_statement(&keys, &reference, now.0).await?;
    Ok(cache::public_at(
        HttpResponse::Ok().content_type("application/jose").body(value),
        position,
    ))
}
