use actix_web::{get, web, HttpResponse};

use crate::auth::keys::KeyStore;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::cache;
use crate::routes::licenses::qr::CompactJws;
use crate::routes::licenses::{parse_number, LicenseNumberPath};
use crate::routes::now::Now;
use crate::usecases::reads::{Read, Reads};

/// A signed statement of a licence's standing, to verify offline.
///
/// A compact JWS (`application/jose`, RFC 7515; EdDSA, `typ`
/// `licence-statement+jwt`) whose claims are
/// what the licence check says (`LicenseStatement`). Verify it with the
/// statement keys of `/.well-known/jwks.json` and reject it after `exp`, at
/// most 7 days after `iat`: a revocation reaches an offline app within a week
/// at worst. A suspended or revoked licence has a statement saying so.
#[utoipa::path(
    tag = "licenses",
    params(LicenseNumberPath),
    responses(
        (status = 200, description = "The statement (claims: `LicenseStatement`)", body = CompactJws, content_type = "application/jose"),
        (status = 400, description = "The text cannot be a licence number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such licence is registered: there is no statement", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/licenses/{number}/statement")]
pub async fn find_license_statement(
    now: Now,
    reads: web::Data<Reads>,
    keys: web::Data<KeyStore>,
    path: web::Path<LicenseNumberPath>,
) -> Result<HttpResponse, ApiError> {
    let number = parse_number(&path.number)?;
    let Read { value, position } = reads.statement(&keys, &number, now.0).await?;
    Ok(cache::public_at(
        HttpResponse::Ok().content_type("application/jose").body(value),
        position,
    ))
}
