//! Turning request bodies' problems into one 422 that lists every field.

use actix_web::http::header;
use actix_web::HttpRequest;
use serde::de::DeserializeOwned;
use validator::{Validate, ValidationErrors};

use crate::domain::text;
use crate::error::{ApiError, FieldError};

/// Collects field errors of one request body.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// Starts with the `validator` findings of `body`.
    pub fn of<T: Validate>(body: &T) -> Self {
        let mut errors = Self::default();
        if let Err(found) = body.validate() {
            errors.extend_from(&found);
        }
        errors
    }

    fn extend_from(&mut self, found: &ValidationErrors) {
        for (field, errs) in found.field_errors() {
            for err in errs {
                let message = err
                    .message
                    .as_ref()
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| describe(err));
                self.add(field.as_ref(), message);
            }
        }
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// The cleaned text of `field` (NFC, trimmed, no deceptive characters),
    /// or records why it is refused.
    pub fn text(&mut self, field: &str, value: &str) -> String {
        match text::clean(value) {
            Ok(clean) => clean,
            Err(e) => {
                self.add(field, e.to_string());
                value.to_owned()
            }
        }
    }

    /// 422 listing every problem, if there is any.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let fields: Vec<_> = self.0.iter().map(|e| e.field.as_str()).collect();
        Err(ApiError::Unprocessable {
            detail: format!("The request has invalid fields: {}.", fields.join(", ")),
            errors: self.0,
        })
    }
}

fn describe(err: &validator::ValidationError) -> String {
    let param = |name: &str| err.params.get(name).map(|v| v.to_string());
    match err.code.as_ref() {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be {min} to {max} long"),
            (None, Some(max)) => format!("must be at most {max} long"),
            (Some(min), None) => format!("must be at least {min} long"),
            _ => "has the wrong length".into(),
        },
        "email" => "must be an e-mail address".into(),
        "url" => "must be a URL".into(),
        other => format!("is invalid ({other})"),
    }
}

/// Reads a JSON request body (`application/json` or any `+json` type such as
/// `application/merge-patch+json`). Handlers take the body as bytes and call
/// this after authentication, so a caller without the right role hears 401 or
/// 403, never details of the body: 415 for another media type, 400 for
/// malformed JSON, 422 for well-formed JSON with unknown, missing or mistyped
/// fields.
pub fn json_body<T: DeserializeOwned>(req: &HttpRequest, body: &[u8]) -> Result<T, ApiError> {
    json_value(req, body).and_then(from_json_value)
}

/// The body as a JSON object, before it is read into a type (for callers
/// that also need the raw value, such as idempotency hashing).
pub fn json_value(req: &HttpRequest, body: &[u8]) -> Result<serde_json::Value, ApiError> {
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<actix_web::mime::Mime>().ok())
        .is_some_and(|m| m.subtype() == "json" || m.suffix().is_some_and(|s| s == "json"));
    if !is_json {
        return Err(ApiError::UnsupportedMediaType(
            "The body must be JSON (`application/json`).".into(),
        ));
    }
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| ApiError::BadRequest(format!("The body is not valid JSON: {e}.")))?;
    if !value.is_object() {
        // serde would read a struct from an array too; the API takes objects only.
        return Err(ApiError::Unprocessable {
            detail: "The body must be a JSON object.".into(),
            errors: vec![FieldError {
                field: "body".into(),
                message: "must be a JSON object".into(),
            }],
        });
    }
    Ok(value)
}

/// Reads a JSON object into `T`: 422 for unknown, missing or mistyped fields.
pub fn from_json_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            ApiError::Unprocessable {
                detail: format!("The body does not fit this operation: {e}."),
                errors: vec![FieldError {
                    field: "body".into(),
                    message: e.to_string(),
                }],
            }
        } else {
            ApiError::BadRequest(format!("The body is not valid JSON: {e}."))
        }
    })
}
