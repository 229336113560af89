//! Turning request bodies' problems into one 422 that lists every field.

use actix_web::http::header;
use actix_web::HttpRequest;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
pub use crate::error::FieldErrors;
use crate::i18n::Message;
use crate::msg;

/// Where a parameter that does not fit was sent.
#[derive(Debug, Clone, Copy)]
pub enum Parameters {
    /// The query string.
    Query,
    /// The path.
    Path,
}

/// 400 for a query string or path that does not fit the operation, naming
/// the parameter when the parser does, never quoting what was sent.
pub fn bad_parameters(place: Parameters, err: &dyn std::fmt::Display) -> ApiError {
    let message = err.to_string();
    let inner = message.split_once(": ").map_or(message.as_str(), |(_, m)| m);
    let (name, reason) = safe_reason(inner);
    let detail = match place {
        Parameters::Query => Message::new("detail-bad-query"),
        Parameters::Path => Message::new("detail-bad-path"),
    };
    let name = name.map_or_else(|| msg!("word-a-parameter"), |n| msg!("word-quoted", text = n));
    ApiError::BadRequest(detail.with("name", name).with("reason", reason))
}

/// Checks the `from`/`to` bounds of a listing: 400 outside 1900 to a year ahead.
pub fn time_bounds(
    from: Option<chrono::DateTime<chrono::Utc>>,
    to: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<(), ApiError> {
    let now = chrono::Utc::now();
    for (name, at) in [("from", from), ("to", to)] {
        if let Some(Err(e)) = at.map(|at| crate::domain::dates::check_instant(at, now)) {
            return Err(ApiError::BadRequest(msg!(
                "detail-parameter-refused",
                name = name,
                reason = Message::from(&e)
            )));
        }
    }
    Ok(())
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
        return Err(ApiError::UnsupportedMediaType(Message::new("detail-not-json")));
    }
    // serde_json's syntax errors name only a position, never the content.
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::BadRequest(msg!("detail-bad-json", line = e.line(), column = e.column())))?;
    if !value.is_object() {
        // serde would read a struct from an array too; the API takes objects only.
        return Err(ApiError::unprocessable("body", Message::new("reason-json-object")));
    }
    Ok(value)
}

/// Reads a JSON object into `T`: 422 for unknown, missing or mistyped fields,
/// naming each field's path and a generic reason, never the value sent.
pub fn from_json_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let message = e.inner().to_string();
        // An unknown key is the path's last step: the object holding it is
        // named instead, never the key (a key can be a name and a phone).
        let unknown = message.starts_with("unknown field `");
        let path = safe_path(e.path(), unknown);
        let (named, reason) = safe_reason(&message);
        let field = match (path.as_str(), named) {
            (".", Some(name)) => name,
            (".", None) | ("?", None) => "body".to_owned(),
            // An unknown field is the path's last step already.
            (path, Some(name)) if path.ends_with(&format!(".{name}")) || path == name => path.to_owned(),
            (path, Some(name)) => format!("{path}.{name}"),
            (path, None) => path.to_owned(),
        };
        ApiError::Unprocessable {
            detail: msg!("detail-body-misfit", field = &field, reason = reason.clone()),
            errors: vec![crate::error::FieldReason::new(field, reason)],
        }
    })
}

/// A field path with every client-chosen key that is not a plain name
/// replaced by `?` (and the last step left out when it is an unknown key):
/// a path must not carry what was sent either.
fn safe_path(path: &serde_path_to_error::Path, without_last: bool) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    let steps: Vec<&Segment> = path.iter().collect();
    let keep = steps.len() - usize::from(without_last && !steps.is_empty());
    for segment in &steps[..keep] {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(if is_plain_name(key) { key } else { "?" });
            }
            Segment::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    if out.is_empty() {
        ".".into()
    } else {
        out
    }
}

fn is_plain_name(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A field named in a message between backticks, if it is a plain name.
fn named_field(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?;
    let name = rest.split('`').next()?;
    is_plain_name(name).then(|| name.to_owned())
}

/// Turns a deserializer's message, which may quote the value sent (a
/// victim's name, a secret), into a generic reason that quotes only what the
/// code expected. Returns a field the message names, if any.
pub fn safe_reason(message: &str) -> (Option<String>, Message) {
    // serde_json appends the position; nothing before it is kept verbatim.
    let message = message.split(" at line ").next().unwrap_or_default();
    let expected = message.rsplit_once(", expected ").map(|(_, e)| e).filter(|_| {
        message.starts_with("invalid type: ")
            || message.starts_with("invalid value: ")
            || message.starts_with("invalid length ")
            || message.starts_with("unknown variant ")
    });
    if let Some(expected) = expected {
        return (None, describe_expected(expected));
    }
    if message.starts_with("missing field `") {
        return (named_field(message, "missing field `"), msg!("reason-required"));
    }
    if message.starts_with("unknown field `") {
        // Never the unknown name itself: only what the operation takes,
        // which serde lists after the name, from the code.
        return match expected_names(message) {
            Some(names) => (None, msg!("reason-unknown-field-takes", fields = names)),
            None => (None, msg!("reason-unknown-field")),
        };
    }
    if message.starts_with("input ")
        || message.starts_with("premature end of input")
        || message.starts_with("trailing input")
    {
        return (None, msg!("reason-not-a-date"));
    }
    if message.starts_with("UUID parsing failed") {
        return (None, msg!("reason-not-a-uuid"));
    }
    (None, msg!("reason-invalid"))
}

/// The names serde lists after an unknown name (`..., expected one of `a`,
/// `b``): the operation's own, whatever the unknown one was made to look like.
fn expected_names(message: &str) -> Option<String> {
    let (_, tail) = message.rsplit_once("`, expected ")?;
    let names: Vec<&str> = tail
        .trim_start_matches("one of ")
        .split(", ")
        .map(|n| n.trim_matches('`'))
        .collect();
    names.iter().all(|n| is_plain_name(n)).then(|| names.join(", "))
}

/// What the code expected, in words of the message files; serde's own words
/// (English) only for what no message names.
fn describe_expected(expected: &str) -> Message {
    match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "isize" | "usize" | "an integer" => {
            msg!("reason-expected-integer")
        }
        "f32" | "f64" | "a number" => msg!("reason-expected-number"),
        "a string" | "a borrowed string" => msg!("reason-expected-string"),
        "a boolean" => msg!("reason-expected-boolean"),
        "a sequence" => msg!("reason-expected-list"),
        "a map" => msg!("reason-expected-object"),
        e if e.starts_with("struct ") => msg!("reason-expected-object"),
        e if e.starts_with("one of ") => msg!("reason-expected-one-of", values = e.trim_start_matches("one of ")),
        e if e.starts_with("a valid date") || e.contains("date") => msg!("reason-not-a-date"),
        e => msg!("reason-expected", what = e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANARY: &str = "Madina Yusupova +998909998877";

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        count: Option<i32>,
        inner: Option<Inner>,
        list: Option<Vec<Inner>>,
        date: Option<chrono::NaiveDate>,
        kind: Option<crate::domain::triage::ComplaintCategory>,
    }

    fn refusal(value: serde_json::Value) -> (String, String, String) {
        match from_json_value::<Body>(value) {
            Err(ApiError::Unprocessable { detail, errors }) => (
                detail.to_string(),
                errors[0].field.clone(),
                errors[0].reason.to_string(),
            ),
            other => panic!("expected a 422, got {other:?}"),
        }
    }

    #[test]
    fn refusals_name_the_field_and_never_quote_the_value() {
        for (value, field, reason) in [
            (serde_json::json!({"count": CANARY}), "count", "expected an integer"),
            (
                serde_json::json!({"inner": {"name": 12}}),
                "inner.name",
                "expected a string",
            ),
            (serde_json::json!({"inner": CANARY}), "inner", "expected an object"),
            (
                serde_json::json!({"list": [{"name": "x"}, {"nom": CANARY}]}),
                "list[1]",
                "has a field this operation does not take (it takes name)",
            ),
            (serde_json::json!({"inner": {}}), "inner.name", "is required"),
            (
                serde_json::json!({"date": CANARY}),
                "date",
                "is not a valid date or time (e.g. 2026-11-29)",
            ),
            (
                serde_json::json!({CANARY: 1}),
                "body",
                "has a field this operation does not take (it takes count, inner, list, date, kind)",
            ),
            (
                serde_json::json!({"Madina_Yusupova_tel_998901234567": 1}),
                "body",
                "has a field this operation does not take (it takes count, inner, list, date, kind)",
            ),
            (
                serde_json::json!({"inner": {"name": "x", "Madina_Yusupova_tel_998901234567": 1}}),
                "inner",
                "has a field this operation does not take (it takes name)",
            ),
        ] {
            let (detail, got_field, got_reason) = refusal(value.clone());
            assert_eq!((got_field.as_str(), got_reason.as_str()), (field, reason), "{value}");
            assert!(!detail.contains("Madina") && !detail.contains("99890"), "{detail}");
        }
        let (detail, field, reason) = refusal(serde_json::json!({"kind": CANARY}));
        assert_eq!(field, "kind");
        assert!(reason.starts_with("expected one of `recruitment_fees`"), "{reason}");
        assert!(!detail.contains("Madina"));
    }

    #[test]
    fn even_a_value_that_mimics_the_message_is_not_quoted() {
        let sly = "x\", expected Madina +998909998877";
        let (detail, _, reason) = refusal(serde_json::json!({"count": sly}));
        assert_eq!(reason, "expected an integer");
        assert!(!detail.contains("Madina"));
    }
}
