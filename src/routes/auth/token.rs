use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::keys::KeyStore;
use crate::auth::{jwt, secret, Role};
use crate::db::models::api_client::FAILURE_WINDOW_MINUTES;
use crate::db::models::ApiClient;
use crate::db::DbPool;
use crate::error::{ApiError, Problem, ServerErrors};

/// Wrong secrets tolerated per client within the window before refusing.
const MAX_FAILURES: i32 = 5;

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
    #[schema(value_type = String, required = true, min_length = 1, max_length = 100, pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$")]
    pub client_id: Option<String>,
    /// The client secret given with it.
    #[schema(value_type = String, required = true, min_length = 1, max_length = 200, pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$")]
    pub client_secret: Option<String>,
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

fn oauth(status: u16, error: &'static str, description: &str) -> ApiError {
    ApiError::OAuth {
        status,
        error,
        description: description.into(),
    }
}

/// Get an access token.
///
/// The OAuth 2.0 client-credentials grant: send `grant_type=client_credentials`,
/// `client_id` and `client_secret` (form-encoded or JSON) and receive a bearer
/// token valid for 15 minutes. Errors carry the RFC 6749 `error` code
/// (`invalid_request`, `invalid_client`, `unsupported_grant_type`) inside a
/// problem details object. After 5 wrong secrets within 15 minutes a client
/// is refused with 429 until the window has passed.
#[utoipa::path(
    tag = "auth",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "A bearer token", body = TokenResponse),
        (status = 400, description = "`invalid_request` or `unsupported_grant_type`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_client`: unknown or disabled client, or wrong secret", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither form-encoded nor JSON", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong secrets for this client; retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[post("/v1/auth/token")]
pub async fn issue_token(
    req: HttpRequest,
    body: web::Bytes,
    pool: web::Data<DbPool>,
    keys: web::Data<KeyStore>,
) -> Result<HttpResponse, ApiError> {
    let request = parse(&req, &body)?;
    if request.grant_type.as_deref() != Some("client_credentials") {
        return Err(match request.grant_type {
            None => oauth(400, "invalid_request", "`grant_type` is required."),
            Some(_) => oauth(400, "unsupported_grant_type", "Only `client_credentials` is supported."),
        });
    }
    let (Some(client_id), Some(client_secret)) = (request.client_id, request.client_secret) else {
        return Err(oauth(
            400,
            "invalid_request",
            "`client_id` and `client_secret` are required.",
        ));
    };
    let readable = |s: &str| !s.is_empty() && s.len() <= 200 && !s.chars().any(char::is_control);
    if !readable(&client_id) || !readable(&client_secret) {
        return Err(oauth(
            400,
            "invalid_request",
            "`client_id` and `client_secret` must be 1 to 200 printable characters.",
        ));
    }
    let mut conn = pool.get().await?;
    let client = ApiClient::find(&mut conn, &client_id).await?;
    if let Some(c) = &client {
        refuse_while_locked(c)?;
    }
    let phc = client
        .as_ref()
        .map_or(secret::decoy_hash().to_owned(), |c| c.secret_hash.clone());
    // Argon2 is deliberately slow: keep it off the request workers.
    let matches = web::block(move || secret::verify(&phc, &client_secret))
        .await
        .map_err(ApiError::internal)?;
    let refused = || {
        oauth(
            401,
            "invalid_client",
            "Unknown client, disabled client, or wrong secret.",
        )
    };
    let Some(client) = client.filter(|c| c.disabled_at.is_none()) else {
        return Err(refused());
    };
    if !matches {
        let failures = ApiClient::record_failure(&mut conn, &client.client_id).await?;
        tracing::warn!(client_id = %client.client_id, failures, "wrong client secret");
        return Err(refused());
    }
    if client.failed_attempts > 0 {
        ApiClient::reset_failures(&mut conn, &client.client_id).await?;
    }
    if keys.refresh_due() {
        // A key rotated in with the CLI signs from the next refresh on.
        keys.reload(&mut conn).await.map_err(ApiError::internal)?;
    }
    let role = Role::parse(&client.role).ok_or_else(|| ApiError::internal("client with an unknown role"))?;
    let (access_token, expires_in) =
        jwt::issue(&keys, &client.client_id, role, client.organization.clone()).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(TokenResponse {
            access_token,
            token_type: "Bearer",
            expires_in,
        }))
}

fn parse(req: &HttpRequest, body: &[u8]) -> Result<TokenRequest, ApiError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let malformed =
        |e: &dyn std::fmt::Display| oauth(400, "invalid_request", &format!("The body cannot be read: {e}."));
    if content_type.starts_with("application/x-www-form-urlencoded") {
        serde_urlencoded::from_bytes(body).map_err(|e| malformed(&e))
    } else if content_type.starts_with("application/json") {
        serde_json::from_slice(body).map_err(|e| malformed(&e))
    } else {
        Err(ApiError::UnsupportedMediaType(
            "Send the token request as application/x-www-form-urlencoded or application/json.".into(),
        ))
    }
}

fn refuse_while_locked(client: &ApiClient) -> Result<(), ApiError> {
    let Some(last) = client.last_failed_at else {
        return Ok(());
    };
    let unlock = last + chrono::Duration::minutes(i64::from(FAILURE_WINDOW_MINUTES));
    let now = Utc::now();
    if client.failed_attempts >= MAX_FAILURES && unlock > now {
        return Err(ApiError::TooManyRequests {
            detail: "Too many wrong secrets for this client. Wait, then try again with the right secret.".into(),
            retry_after: u64::try_from((unlock - now).num_seconds().max(1)).unwrap_or(1),
        });
    }
    Ok(())
}
