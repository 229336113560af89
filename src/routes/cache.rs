//! How long caches (a phone's, a CDN's) may keep an answer.

use actix_web::http::header::{HeaderValue, CACHE_CONTROL};
use actix_web::HttpResponse;

/// Public data: fresh for a minute, then served stale while revalidating for
/// ten, and for a day when the registry cannot be reached: a worker on a bad
/// link still gets the last answer.
pub const PUBLIC: &str = "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400";

/// A full page of the change feed: it changes only when the ministry
/// corrects a public reason quoted in it (a person's data written there by
/// mistake), so caches keep it a day, never a year.
pub const FULL_PAGE: &str = "public, max-age=86400, stale-if-error=86400";

/// Marks a public answer cacheable.
pub fn public(mut response: HttpResponse) -> HttpResponse {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(PUBLIC));
    response
}

/// The header saying which change-feed position a public answer reflects
/// (`seq` of `GET /v1/changes`): how fresh it is.
pub const REGISTRY_POSITION: &str = "Registry-Position";

/// A public answer, cacheable, with the feed position it reflects.
pub fn public_at(response: HttpResponse, position: i64) -> HttpResponse {
    let mut response = public(response);
    response.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("registry-position"),
        HeaderValue::from(position),
    );
    response
}
