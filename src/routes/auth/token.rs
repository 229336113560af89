use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::jwt;
use crate::auth::keys::KeyStore;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::i18n::Message;
use crate::msg;
use crate::rate_limit::RateLimits;
use crate::routes::fields::Credential;
use crate::usecases::{clients, Writer};

/// The one grant this endpoint supports.
#[derive(Debug, ToSchema)]
pub enum GrantType {
    /// RFC 6749 section 4.4.
    #[schema(rename = "client_credentials")]
    ClientCredentials,
}

/// An OAuth 2.0 client-credentials token request (RFC 6749 section 4.4), as
/// `application/x-www-form-urlencoded` or JSON.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// Must be `client_credentials`.
    #[schema(value_type = GrantType, required = true)]
    pub grant_type: Option<String>,
    /// The client id given by `agency-registry clients create`.
    #[schema(value_type = Credential<100>, required = true)]
    pub client_id: Option<Credential<100>>,
    /// The client secret given with it.
    #[schema(value_type = Credential<200>, required = true)]
    pub client_secret: Option<Credential<200>>,
    /// Accepted and ignored: a token carries its client's role.
    pub scope: Option<String>,
}

/// An access token.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// The bearer token (an EdDSA-signed JWT).
    pub access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds until the token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
}

fn oauth(status: u16, error: &'static str, description: Message) -> ApiError {
    ApiError::OAuth {
        status,
        error,
        description,
    }
}

/// Get an access token.
///
/// The OAuth 2.0 client-credentials grant: send `grant_type=client_credentials`,
/// `client_id` and `client_secret` (form-encoded or JSON) and receive a bearer
/// token valid for 15 minutes. Errors carry the RFC 6749 `error` code
/// (`invalid_request`, `invalid_client`, `unsupported_grant_type`) inside a
/// problem details object. Requests are limited per client address, and wrong
/// secrets per client id (429 with `Retry-After`); a right secret is never
/// refused because someone else sent wrong ones.
#[utoipa::path(
    tag = "auth",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "A bearer token", body = TokenResponse),
        (status = 400, description = "`invalid_request` or `unsupported_grant_type`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_client`: unknown or disabled client, or wrong secret", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither form-encoded nor JSON", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address, or too many wrong secrets for this client id; retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[post("/v1/auth/token")]
pub async fn issue_token(
    req: HttpRequest,
    body: web::Bytes,
    writer: web::Data<Writer>,
    keys: web::Data<KeyStore>,
    limits: web::Data<RateLimits>,
) -> Result<HttpResponse, ApiError> {
    let (client_id, client_secret) = credentials(parse(&req, &body)?)?;
    // Wrong secrets are throttled per client id; guessing a 256-bit secret
    // is hopeless, so a right SHA-256 secret is never refused.
    let throttle = || limits.count_failed_secret(&client_id);
    let Some(client) = clients::authenticate(&writer, &client_id, &client_secret, throttle).await? else {
        tracing::info!(client_id = %client_id, "token refused: unknown or disabled client, or wrong secret");
        return Err(oauth(401, "invalid_client", msg!("detail-token-unknown-client")));
    };
    if keys.refresh_due() {
        // A key rotated in with the CLI signs from the next refresh on.
        keys.reload(&mut *writer.conn().await?)
            .await
            .map_err(ApiError::internal)?;
    }
    let (access_token, expires_in) =
        jwt::issue(&keys, &client.client_id, client.role, client.organization.clone()).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(TokenResponse {
            access_token,
            token_type: "Bearer",
            expires_in,
        }))
}

/// The client id and secret of a `client_credentials` request (400 otherwise).
fn credentials(request: TokenRequest) -> Result<(String, String), ApiError> {
    if request.grant_type.as_deref() != Some("client_credentials") {
        return Err(match request.grant_type {
            None => oauth(400, "invalid_request", msg!("detail-token-grant-type-missing")),
            Some(_) => oauth(
                400,
                "unsupported_grant_type",
                msg!("detail-token-grant-type-unsupported"),
            ),
        });
    }
    let (Some(client_id), Some(client_secret)) = (request.client_id, request.client_secret) else {
        return Err(oauth(400, "invalid_request", msg!("detail-token-credentials-missing")));
    };
    let (Some(client_id), Some(client_secret)) = (client_id.readable(), client_secret.readable()) else {
        return Err(oauth(
            400,
            "invalid_request",
            msg!("detail-token-credentials-unreadable"),
        ));
    };
    Ok((client_id, client_secret))
}

fn parse(req: &HttpRequest, body: &[u8]) -> Result<TokenRequest, ApiError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    // The parsers' messages can quote what was sent (a secret, say): never
    // pass them on.
    let malformed = || oauth(400, "invalid_request", msg!("detail-token-body-unreadable"));
    if content_type.starts_with("application/x-www-form-urlencoded") {
        serde_urlencoded::from_bytes(body).map_err(|_| malformed())
    } else if content_type.starts_with("application/json") {
        serde_json::from_slice(body).map_err(|_| malformed())
    } else {
        Err(ApiError::UnsupportedMediaType(msg!("detail-token-media-type")))
    }
}
