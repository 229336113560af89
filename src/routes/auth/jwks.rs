use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::keys::{Jwk, KeyStore};
use crate::routes::cache;

/// The public keys that verify access tokens and licence statements (RFC 7517).
#[derive(Debug, Serialize, ToSchema)]
pub struct JwksResponse {
    /// Every key that currently verifies tokens or statements.
    pub keys: Vec<Jwk>,
}

/// Publish the verification keys.
///
/// Ed25519 public keys (`kty` `OKP`), one per `kid`, of access tokens and of
/// licence statements (each signed with keys of their own): per purpose the
/// newest signs, the others verify what was signed before a rotation until
/// retired. An app meeting an unknown `kid` fetches this document again.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "The active public keys", body = JwksResponse))
)]
#[get("/.well-known/jwks.json")]
pub async fn jwks(keys: web::Data<KeyStore>) -> HttpResponse {
    cache::public(HttpResponse::Ok().json(JwksResponse { keys: keys.jwks() }))
}
