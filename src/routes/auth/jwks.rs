use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::keys::{Jwk, KeyStore};

/// The public keys that verify access tokens (RFC 7517).
#[derive(Debug, Serialize, ToSchema)]
pub struct JwksResponse {
    /// Every key that currently verifies tokens.
    pub keys: Vec<Jwk>,
}

/// Publish the token verification keys.
///
/// Ed25519 public keys (`kty` `OKP`), one per `kid`: the newest signs new
/// tokens, the others verify tokens signed before a rotation until retired.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "The active public keys", body = JwksResponse))
)]
#[get("/.well-known/jwks.json")]
pub async fn jwks(keys: web::Data<KeyStore>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=300"))
        .json(JwksResponse { keys: keys.jwks() })
}
