use actix_web::{get, web, HttpResponse};

use crate::auth::keys::KeyStore;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::cache;
use crate::routes::licenses::qr::CompactJws;
use crate::routes::now::Now;
use crate::routes::representatives::CardPath;
use crate::usecases::reads::{Read, Reads};

/// A signed statement of a card's standing, to verify offline.
///
/// A compact JWS (`application/jose`; EdDSA, `typ`
/// `representative-statement+jwt`, claim `kind: representative`) whose
/// claims are what the card check says (`RepresentativeStatement`), signed
/// with the licence statements' keys (`/.well-known/jwks.json`). Its own
/// `typ` and `kind`: it never passes for a licence statement. Reject it
/// after `exp`, at most 7 days after `iat`.
#[utoipa::path(
    tag = "representatives",
    params(CardPath),
    responses(
        (status = 200, description = "The statement (claims: `RepresentativeStatement`)", body = CompactJws, content_type = "application/jose"),
        (status = 400, description = "Not a card number, or one with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No representative has this card", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/representatives/{card_number}/statement")]
pub async fn find_representative_statement(
    now: Now,
    reads: web::Data<Reads>,
    keys: web::Data<KeyStore>,
    path: web::Path<CardPath>,
) -> Result<HttpResponse, ApiError> {
    let card = path.card()?;
    let Read { value, position } = reads.card_statement(&keys, &card, now.0).await?;
    Ok(cache::public_at(
        HttpResponse::Ok().content_type("application/jose").body(value),
        position,
    ))
}
