//! The one error type of the API, answered as RFC 9457 problem details.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use diesel::result::Error as DieselError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::language::Lang;
use crate::i18n::{self, Message};
use crate::usecases::error::UseCaseError;
pub use crate::usecases::error::{FieldErrors, FieldReason};

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Seconds a client should wait before retrying after a 503.
const RETRY_AFTER_SECONDS: &str = "5";

/// An RFC 9457 problem details object: the body of every error response.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/license-not-found",
    "title": "Licence not found",
    "status": 404,
    "detail": "No licence UZ-TK-9999 is registered. An agency without a registered licence may not recruit workers: do not pay it or hand it your passport."
}))]
pub struct Problem {
    /// A URI reference naming the kind of problem.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, in words meant for the person using the client.
    pub detail: String,
    /// For invalid input: each offending field and what is wrong with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// For an impossible licence transition: the actions possible now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub possible_actions: Option<Vec<String>>,
    /// For the token endpoint: the RFC 6749 error code (`invalid_client`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// For the token endpoint: the RFC 6749 error description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// The field (or query parameter) name.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// The failures every operation that reads the database may answer; listed
/// in each operation's `responses(...)`.
#[derive(utoipa::IntoResponses)]
pub enum ServerErrors {
    /// Internal error: the cause is logged, never sent.
    #[response(status = 500, content_type = "application/problem+json")]
    Internal(Problem),
    /// The database is unavailable: retry after the `Retry-After` seconds.
    #[response(status = 503, content_type = "application/problem+json")]
    Unavailable(Problem),
}

/// The failures every authenticated write may answer before it looks at the
/// registry; listed in each write operation's `responses(...)`.
#[derive(utoipa::IntoResponses)]
pub enum WriteErrors {
    /// Malformed JSON, path or header.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No valid access token (`WWW-Authenticate: Bearer`).
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The token's role may not do this.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// The body is larger than 64 KiB.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not JSON.
    #[response(status = 415, content_type = "application/problem+json")]
    NotJson(Problem),
    /// Invalid or unknown fields, all listed in `errors`.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}

/// Every way a request can fail. Each carries what to say as a [`Message`];
/// the answer says it in the request's language.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed (path, query, headers or body).
    #[error("{0}")]
    BadRequest(Message),
    /// Some query parameters are invalid (400).
    #[error("{detail}")]
    InvalidFields {
        /// Summary.
        detail: Message,
        /// The offending parameters.
        errors: Vec<FieldReason>,
    },
    /// No licence with this number is registered.
    #[error("licence {0} is not registered")]
    LicenseNotFound(String),
    /// The resource does not exist.
    #[error("{0}")]
    NotFound(Message),
    /// The path exists but not with this method.
    #[error("method not allowed")]
    MethodNotAllowed(Vec<Method>),
    /// The body is larger than accepted.
    #[error("{0}")]
    PayloadTooLarge(Message),
    /// The body is not in a media type the operation accepts.
    #[error("{0}")]
    UnsupportedMediaType(Message),
    /// No valid access token.
    #[error("{0}")]
    Unauthorized(Message),
    /// A valid token whose role may not do this.
    #[error("{0}")]
    Forbidden(Message),
    /// The request conflicts with the registry's state.
    #[error("{0}")]
    Conflict(Message),
    /// A licence transition that is not possible from its status.
    #[error("{detail}")]
    ImpossibleTransition {
        /// What is wrong.
        detail: Message,
        /// The actions possible now.
        possible: Vec<String>,
    },
    /// `If-Match` names a version that is no longer current.
    #[error("stale version")]
    PreconditionFailed,
    /// A change without `If-Match`.
    #[error("If-Match required")]
    PreconditionRequired,
    /// The body is well-formed but its content is invalid (422).
    #[error("{detail}")]
    Unprocessable {
        /// Summary.
        detail: Message,
        /// The offending fields.
        errors: Vec<FieldReason>,
    },
    /// Too many attempts; retry after the given seconds.
    #[error("{detail}")]
    TooManyRequests {
        /// What was limited.
        detail: Message,
        /// Seconds to wait.
        retry_after: u64,
    },
    /// A rate limit of `crate::rate_limit` refused the request.
    #[error("rate limited")]
    RateLimited {
        /// The limit's name, as in `RateLimit-Policy`.
        policy: &'static str,
        /// Requests (or units) allowed per window.
        quota: u32,
        /// The window, in seconds.
        window: u32,
        /// Seconds until the next request is allowed.
        retry_after: u64,
    },
    /// An RFC 6749 error of the token endpoint.
    #[error("{description}")]
    OAuth {
        /// 400 or 401.
        status: u16,
        /// The RFC 6749 error code.
        error: &'static str,
        /// What went wrong: the `detail` in the request's language, the
        /// `error_description` in English (RFC 6749 allows ASCII only).
        description: Message,
    },
    /// The database cannot be reached, or is overloaded, right now.
    #[error("service unavailable")]
    ServiceUnavailable,
    /// The instance is still building its read model.
    #[error("starting")]
    Starting,
    /// The instance already serves as many costly answers (snapshots) as it
    /// allows at once; retry after the given seconds.
    #[error("busy")]
    Busy {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// A fault of the service; its cause was logged when it was created and is
    /// never sent to the client.
    #[error("internal server error")]
    Internal,
}

impl ApiError {
    /// An internal error: logs `cause` once, answers a body without it.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::Internal
    }

    /// 400 for the query parameter `field`, refused for `reason`.
    pub fn invalid_parameter(field: &str, reason: Message) -> Self {
        Self::InvalidFields {
            detail: crate::msg!("detail-invalid-parameter", field = field, reason = reason.clone()),
            errors: vec![FieldReason::new(field, reason)],
        }
    }

    /// 422 for the one field `field` of a body, refused for `reason`.
    pub fn unprocessable(field: &str, reason: Message) -> Self {
        Self::Unprocessable {
            detail: crate::msg!("detail-invalid-fields", fields = field),
            errors: vec![FieldReason::new(field, reason)],
        }
    }

    /// What went wrong in a word, for metrics: a token refusal's RFC 6749
    /// code, else the problem type's name.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::OAuth { error, .. } => error,
            other => other.problem_type().trim_start_matches("/problems/"),
        }
    }

    fn problem_type(&self) -> &'static str {
        match self {
            Self::BadRequest(_) => "/problems/bad-request",
            Self::InvalidFields { .. } => "/problems/invalid-fields",
            Self::LicenseNotFound(_) => "/problems/license-not-found",
            Self::NotFound(_) => "/problems/not-found",
            Self::MethodNotAllowed(_) => "/problems/method-not-allowed",
            Self::PayloadTooLarge(_) => "/problems/payload-too-large",
            Self::UnsupportedMediaType(_) => "/problems/unsupported-media-type",
            Self::Unauthorized(_) => "/problems/unauthorized",
            Self::Forbidden(_) => "/problems/forbidden",
            Self::Conflict(_) => "/problems/conflict",
            Self::ImpossibleTransition { .. } => "/problems/impossible-transition",
            Self::PreconditionFailed => "/problems/stale-version",
            Self::PreconditionRequired => "/problems/if-match-required",
            Self::Unprocessable { .. } => "/problems/invalid-fields",
            Self::TooManyRequests { .. } | Self::RateLimited { .. } => "/problems/too-many-requests",
            Self::OAuth { .. } => "/problems/token-request",
            Self::ServiceUnavailable | Self::Starting | Self::Busy { .. } => "/problems/service-unavailable",
            Self::Internal => "/problems/internal-error",
        }
    }

    /// The title in the request's language: one message per problem type.
    fn title(&self, lang: Lang) -> String {
        let slug = self.problem_type().trim_start_matches("/problems/");
        i18n::text(lang, &format!("title-{slug}"))
    }

    /// What to say as the detail.
    fn detail(&self) -> Message {
        match self {
            Self::BadRequest(m)
            | Self::NotFound(m)
            | Self::PayloadTooLarge(m)
            | Self::UnsupportedMediaType(m)
            | Self::Unauthorized(m)
            | Self::Forbidden(m)
            | Self::Conflict(m)
            | Self::InvalidFields { detail: m, .. }
            | Self::ImpossibleTransition { detail: m, .. }
            | Self::Unprocessable { detail: m, .. }
            | Self::TooManyRequests { detail: m, .. }
            | Self::OAuth { description: m, .. } => m.clone(),
            Self::LicenseNotFound(number) => crate::msg!("detail-license-not-found", number = number),
            Self::MethodNotAllowed(allowed) => {
                let methods = allowed.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
                crate::msg!("detail-method-not-allowed", methods = methods)
            }
            Self::ServiceUnavailable => Message::new("detail-service-unavailable"),
            Self::Starting => Message::new("detail-starting"),
            Self::Busy { retry_after } => crate::msg!("detail-busy", retry_after = *retry_after),
            Self::Internal => Message::new("detail-internal-error"),
            Self::PreconditionFailed => Message::new("detail-stale-version"),
            Self::PreconditionRequired => Message::new("detail-if-match-required"),
            Self::RateLimited {
                policy: "token-client",
                retry_after,
                ..
            } => crate::msg!("detail-too-many-wrong-secrets", retry_after = *retry_after),
            Self::RateLimited {
                policy: "snapshot",
                quota,
                retry_after,
                ..
            } => crate::msg!("detail-too-many-snapshots", quota = *quota, retry_after = *retry_after),
            Self::RateLimited { quota, retry_after, .. } => crate::msg!(
                "detail-too-many-requests",
                per_minute = *quota,
                retry_after = *retry_after
            ),
        }
    }

    /// The problem details this error answers with, in the language of the
    /// request being answered.
    pub fn problem(&self) -> Problem {
        let lang = i18n::current();
        let fields = |errors: &[FieldReason]| {
            errors
                .iter()
                .map(|e| FieldError {
                    field: e.field.clone(),
                    message: e.reason.in_lang(lang),
                })
                .collect()
        };
        Problem {
            problem_type: self.problem_type().into(),
            title: self.title(lang),
            status: self.status_code().as_u16(),
            detail: self.detail().in_lang(lang),
            errors: match self {
                Self::InvalidFields { errors, .. } | Self::Unprocessable { errors, .. } => Some(fields(errors)),
                _ => None,
            },
            possible_actions: match self {
                Self::ImpossibleTransition { possible, .. } => Some(possible.clone()),
                _ => None,
            },
            error: match self {
                Self::OAuth { error, .. } => Some((*error).to_owned()),
                _ => None,
            },
            error_description: match self {
                Self::OAuth { description, .. } => Some(description.in_lang(Lang::En)),
                _ => None,
            },
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::InvalidFields { .. } => StatusCode::BAD_REQUEST,
            Self::LicenseNotFound(_) | Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::Conflict(_) | Self::ImpossibleTransition { .. } => StatusCode::CONFLICT,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            Self::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } | Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::OAuth { status, .. } => StatusCode::from_u16(*status).unwrap_or(StatusCode::BAD_REQUEST),
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::ServiceUnavailable | Self::Starting | Self::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        response.insert_header((header::CACHE_CONTROL, "no-store"));
        match self {
            Self::ServiceUnavailable | Self::Starting => {
                response.insert_header((header::RETRY_AFTER, RETRY_AFTER_SECONDS));
            }
            Self::TooManyRequests { retry_after, .. } | Self::Busy { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            Self::RateLimited {
                policy,
                quota,
                window,
                retry_after,
            } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
                let mut headers = header::HeaderMap::new();
                rate_limit_headers(&mut headers, policy, *quota, *window, 0, *retry_after);
                for (name, value) in headers {
                    response.insert_header((name, value));
                }
            }
            Self::Unauthorized(_) => {
                response.insert_header((
                    header::WWW_AUTHENTICATE,
                    "Bearer realm=\"agency-registry\", error=\"invalid_token\"",
                ));
            }
            Self::MethodNotAllowed(allowed) => {
                let allow = allowed.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
                if let Ok(value) = HeaderValue::from_str(&allow) {
                    response.insert_header((header::ALLOW, value));
                }
            }
            _ => {}
        }
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        response.body(body)
    }
}

impl From<DieselError> for ApiError {
    fn from(err: DieselError) -> Self {
        UseCaseError::from(err).into()
    }
}

impl From<diesel_async::pooled_connection::deadpool::PoolError> for ApiError {
    fn from(err: diesel_async::pooled_connection::deadpool::PoolError) -> Self {
        UseCaseError::from(err).into()
    }
}

/// The one place a use case's failure becomes a problem.
impl From<UseCaseError> for ApiError {
    fn from(err: UseCaseError) -> Self {
        match err {
            UseCaseError::LicenseNotFound(number) => Self::LicenseNotFound(number),
            UseCaseError::NotFound(detail) => Self::NotFound(detail),
            UseCaseError::Conflict(detail) => Self::Conflict(detail),
            UseCaseError::ImpossibleTransition { detail, possible } => Self::ImpossibleTransition { detail, possible },
            UseCaseError::StaleVersion => Self::PreconditionFailed,
            UseCaseError::Invalid { detail, errors } => Self::Unprocessable { detail, errors },
            UseCaseError::Unstorable(detail) => Self::BadRequest(detail),
            UseCaseError::TooMany { detail, retry_after } => Self::TooManyRequests { detail, retry_after },
            UseCaseError::Unavailable => Self::ServiceUnavailable,
            UseCaseError::Internal => Self::Internal,
        }
    }
}

/// The draft IETF `RateLimit-Policy` header.
pub const RATELIMIT_POLICY: header::HeaderName = header::HeaderName::from_static("ratelimit-policy");
/// The draft IETF `RateLimit` header.
pub const RATELIMIT: header::HeaderName = header::HeaderName::from_static("ratelimit");

/// Sets the draft IETF rate-limit headers (on refusals here, on answers by
/// the rate-limit middleware).
pub fn rate_limit_headers(
    headers: &mut actix_web::http::header::HeaderMap,
    name: &str,
    quota: u32,
    window: u32,
    remaining: u32,
    reset: u64,
) {
    if let Ok(v) = HeaderValue::from_str(&format!("\"{name}\";q={quota};w={window}")) {
        headers.insert(RATELIMIT_POLICY, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("\"{name}\";r={remaining};t={reset}")) {
        headers.insert(RATELIMIT, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::MessageBody;

    fn body_of(err: &ApiError) -> serde_json::Value {
        let bytes = err.error_response().into_body().try_into_bytes().unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn internal_errors_never_carry_their_cause() {
        let err = ApiError::internal("relation \"secret_table\" does not exist");
        let body = body_of(&err);
        assert_eq!(body["status"], 500);
        assert!(!body.to_string().contains("secret_table"));
    }

    #[test]
    fn unavailable_database_is_503_with_retry_after() {
        let err = ApiError::from(DieselError::DatabaseError(
            diesel::result::DatabaseErrorKind::UnableToSendCommand,
            Box::new("connection closed".to_string()),
        ));
        let response = err.error_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "5");
        assert_eq!(response.headers().get(header::CONTENT_TYPE).unwrap(), PROBLEM_JSON);
    }

    #[test]
    fn missing_licence_tells_the_user_not_to_trust_the_agency() {
        // Outside a request: the default language, Uzbek in the Latin script.
        let body = body_of(&ApiError::LicenseNotFound("UZ-TK-9999".into()));
        assert_eq!(body["status"], 404);
        assert_eq!(body["title"], "Litsenziya topilmadi");
        assert!(body["detail"].as_str().unwrap().contains("ishchi yollashi mumkin emas"));
        let english = crate::i18n::sync_scope(Lang::En, || body_of(&ApiError::LicenseNotFound("UZ-TK-9999".into())));
        assert!(english["detail"].as_str().unwrap().contains("may not recruit"));
    }

    #[test]
    fn field_reasons_are_said_in_the_language_of_the_request() {
        let mut errors = FieldErrors::default();
        errors.add("legal_name", crate::msg!("reason-length-between", min = 1, max = 300));
        errors.add("email", Message::new("reason-email"));
        let err = ApiError::from(errors.finish().unwrap_err());
        let russian = crate::i18n::sync_scope(Lang::Ru, || body_of(&err));
        let english = crate::i18n::sync_scope(Lang::En, || body_of(&err));
        assert_eq!(english["errors"][0]["message"], "must be 1 to 300 characters");
        assert_eq!(english["detail"], "The request has invalid fields: legal_name, email.");
        assert_eq!(russian["errors"][1]["field"], "email");
        assert_ne!(russian["errors"][1]["message"], english["errors"][1]["message"]);
        assert!(russian["detail"].as_str().unwrap().contains("legal_name, email"));
    }

    #[test]
    fn token_errors_describe_in_ascii_english_and_detail_in_the_language() {
        let err = ApiError::OAuth {
            status: 401,
            error: "invalid_client",
            description: Message::new("detail-token-unknown-client"),
        };
        let body = crate::i18n::sync_scope(Lang::UzCyrl, || body_of(&err));
        let description = body["error_description"].as_str().unwrap();
        assert!(description.is_ascii() && !description.contains('"') && !description.contains('\\'));
        assert_ne!(body["detail"].as_str().unwrap(), description);
    }
}
