//! Entity tags: every public GET sends one and answers `If-None-Match` with
//! 304; every change needs `If-Match` with the tag of the version it edits.
//!
//! Agencies and licences are tagged from their stored state
//! (`usecases::tags`), so a write compares `If-Match` with the stored rows
//! under their lock; every other answer is tagged by a hash of its bytes.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::language::version_of;
use crate::error::ApiError;
use crate::usecases::BasedOn;

/// The strong entity tag of a representation.
pub fn etag_of(body: &[u8]) -> String {
    format!("\"{}\"", hex::encode(&Sha256::digest(body)[..16]))
}

/// A JSON answer carrying `tag`, the entity tag of the stored state it
/// shows (see `usecases::tags`).
pub fn json_tagged<T: Serialize>(status: StatusCode, tag: &str, value: &T) -> Result<HttpResponse, ApiError> {
    // Room for a licence check or an agency at once: serde_json starts at
    // 128 bytes and grew the buffer four times for each (2 % of a check).
    let mut body = Vec::with_capacity(2048);
    serde_json::to_writer(&mut body, value).map_err(ApiError::internal)?;
    let tag = HeaderValue::from_str(tag).map_err(ApiError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type("application/json")
        .insert_header((header::ETAG, tag))
        .body(body))
}

/// 201 Created with `Location`, the body and the entity tag of its stored state.
pub fn created_tagged<T: Serialize>(location: &str, tag: &str, value: &T) -> Result<HttpResponse, ApiError> {
    let mut response = json_tagged(StatusCode::CREATED, tag, value)?;
    let location = HeaderValue::from_str(location).map_err(ApiError::internal)?;
    response.headers_mut().insert(header::LOCATION, location);
    Ok(response)
}

/// The `If-Match` of a change: 428 when absent.
pub fn required_if_match(req: &HttpRequest) -> Result<BasedOn, ApiError> {
    let value = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?;
    value
        .to_str()
        .map(based_on)
        .map_err(|_| ApiError::BadRequest(crate::msg!("detail-if-match-unreadable")))
}

/// The versions an `If-Match` names, compared strongly (a weak tag names
/// none); the tag of the representation in any language names its version.
fn based_on(if_match: &str) -> BasedOn {
    let tags: Vec<&str> = if_match.split(',').map(str::trim).collect();
    if tags.contains(&"*") {
        return BasedOn::Any;
    }
    BasedOn::OneOf(
        tags.into_iter()
            .filter(|t| !t.starts_with("W/"))
            .map(version_of)
            .collect(),
    )
}

/// 304 for a GET whose `If-None-Match` names `tag` (weakly, as RFC 9110
/// compares for it): decided from the entity tag alone, before anything of
/// the answer (its sentences in the reader's language, its JSON) is made.
pub fn not_modified(req: &HttpRequest, tag: &str) -> Option<HttpResponse> {
    let held = req.headers().get(header::IF_NONE_MATCH)?;
    if !none_match(held, tag) {
        return None;
    }
    let tag = HeaderValue::from_str(tag).ok()?;
    Some(HttpResponse::NotModified().insert_header((header::ETAG, tag)).finish())
}

fn none_match(req_tags: &HeaderValue, tag: &str) -> bool {
    req_tags.to_str().is_ok_and(|tags| {
        tags.split(',')
            .map(str::trim)
            .any(|t| t == "*" || t == tag || t.strip_prefix("W/") == Some(tag))
    })
}

/// Middleware step for GET and HEAD: tags a complete 200 answer, and turns it
/// into 304 when the client already holds that version.
pub fn tag_response(res: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let method = res.request().method().clone();
    if (method != Method::GET && method != Method::HEAD) || res.status() != StatusCode::OK {
        return res;
    }
    let if_none_match = res.request().headers().get(header::IF_NONE_MATCH).cloned();
    let (req, response) = res.into_parts();
    let (head, body) = response.into_parts();
    let bytes = match body.try_into_bytes() {
        Ok(bytes) => bytes,
        Err(body) => return ServiceResponse::new(req, head.set_body(body)),
    };
    let tag = head
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| etag_of(&bytes));
    let mut response = if if_none_match.is_some_and(|v| none_match(&v, &tag)) {
        let mut not_modified = HttpResponse::NotModified().finish();
        for name in [header::CACHE_CONTROL, header::VARY] {
            if let Some(v) = head.headers().get(&name) {
                not_modified.headers_mut().insert(name, v.clone());
            }
        }
        not_modified
    } else {
        head.set_body(BoxBody::new(bytes))
    };
    if let Ok(value) = HeaderValue::from_str(&tag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    ServiceResponse::new(req, response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_compares_strongly() {
        let tag = "\"abc\"";
        assert!(based_on(tag).check(tag).is_ok());
        assert!(based_on("*").check(tag).is_ok());
        assert!(based_on(&format!("\"x\", {tag}")).check(tag).is_ok());
        assert!(matches!(
            based_on("\"stale\"").check(tag),
            Err(crate::usecases::error::UseCaseError::StaleVersion)
        ));
        assert!(based_on(&format!("W/{tag}")).check(tag).is_err());
        assert!(based_on("\"abc-ru\"").check(tag).is_ok(), "any language's tag");
        assert!(based_on("\"abc-de\"").check(tag).is_err());
    }
}
