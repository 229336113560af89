//! Cross-origin access: any web page may read the public registry; nothing
//! else (tokens, complaints, the audit trail, writes) is open to other origins.

use actix_cors::Cors;
use actix_web::dev::RequestHead;
use actix_web::http::{header, Method};

/// Paths whose GET (and HEAD) any origin may read.
fn is_public(path: &str) -> bool {
    path.starts_with("/v1/licenses/")
        || path == "/v1/agencies"
        || path.starts_with("/v1/agencies/")
        || path == "/v1/recruiters/reported"
        || path == "/v1/changes"
        || path == "/v1/registry/snapshot"
        || path == "/v1/audit-events/head"
        || path == "/.well-known/jwks.json"
        || path == "/openapi.json"
}

fn allowed(head: &RequestHead) -> bool {
    let method = if head.method == Method::OPTIONS {
        // A preflight names the method it asks for.
        head.headers
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .and_then(|m| m.to_str().ok())
            .and_then(|m| m.parse::<Method>().ok())
    } else {
        Some(head.method.clone())
    };
    matches!(method, Some(m) if m == Method::GET || m == Method::HEAD) && is_public(head.uri.path())
}

/// The CORS middleware: public GETs open to any origin, preflights answered,
/// everything else without `Access-Control-Allow-Origin`.
pub fn cors() -> Cors {
    Cors::default()
        .allowed_origin_fn(|_, head| allowed(head))
        .allowed_methods([Method::GET, Method::HEAD])
        .allowed_headers([header::ACCEPT, header::ACCEPT_LANGUAGE, header::IF_NONE_MATCH])
        .expose_headers([
            header::ETAG,
            header::RETRY_AFTER,
            header::HeaderName::from_static("x-request-id"),
            crate::error::RATELIMIT,
            crate::error::RATELIMIT_POLICY,
            header::HeaderName::from_static("registry-seq"),
        ])
        .max_age(86_400)
}
