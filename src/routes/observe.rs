//! The outermost layer of every request: its id, its log line and its
//! metrics, from values the service chose, never from what the client sent.
//!
//! One line per request, written when it is answered: the request id, the
//! method (a known method or `other`), the route template (`unmatched` for
//! paths no route takes), the *names* of the query parameters (their values
//! can be a phone number someone searched for), the client address the rate
//! limiter counted (the socket peer unless a trusted proxy forwarded it:
//! `X-Forwarded-For` from anyone else is not believed here either), the
//! status and the time taken. Every line the request's handling writes is
//! inside its `request` span and carries its id.

use std::fmt::Write as _;
use std::future::Future;
use std::time::Instant;

use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::Method;
use actix_web::HttpMessage;
use tracing::Instrument;
use uuid::Uuid;

use crate::error::ApiError;
use crate::rate_limit::{ClientAddress, RateLimits};

/// The id of a request: sent back as `X-Request-Id`, on every log line of
/// the request, and in the audit records it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestId(Uuid);

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The methods a metric or a log line names; any other is `other`: a client
/// may send any token as a method, and each would be a new label.
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// The route template of a request, or `unmatched`: never the path itself.
pub fn route_label(req: &actix_web::HttpRequest) -> String {
    req.match_pattern().unwrap_or_else(|| "unmatched".to_owned())
}

/// At most this many parameter names are logged, each at most this long.
const LOGGED_NAMES: usize = 8;
const NAME_CHARS: usize = 32;

/// The names of the query's parameters, never their values.
pub fn parameter_names(query: &str) -> String {
    let mut names = String::new();
    for (seen, pair) in query.split('&').filter(|p| !p.is_empty()).enumerate() {
        let raw = pair.split('=').next().unwrap_or_default();
        let name = serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("{raw}="))
            .ok()
            .and_then(|mut v| v.pop())
            .map_or_else(|| "?".to_owned(), |(n, _)| n);
        if seen == LOGGED_NAMES {
            names.push_str(",…");
            break;
        }
        if seen > 0 {
            names.push(',');
        }
        let short: String = name.chars().take(NAME_CHARS).collect();
        let _ = write!(names, "{}", crate::telemetry::escape(&short));
    }
    names
}

/// Middleware: gives the request its id and client address, answers with
/// `X-Request-Id`, writes the request's log line and counts it in the metrics.
pub fn observe<S, B>(
    req: ServiceRequest,
    srv: &S,
    limits: &RateLimits,
) -> impl Future<Output = Result<ServiceResponse<B>, actix_web::Error>> + use<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
{
    let started = Instant::now();
    let id = RequestId(Uuid::new_v4());
    let client = limits.client_address(&req);
    {
        let mut extensions = req.extensions_mut();
        extensions.insert(id);
        if let Some(client) = client {
            extensions.insert(ClientAddress(client));
        }
    }
    let method = method_label(req.method());
    let route = route_label(req.request());
    let span = tracing::info_span!("request", request_id = %id);
    let response = {
        let _entered = span.enter();
        srv.call(req)
    };
    async move {
        let mut response = response.await?;
        if let Ok(value) = HeaderValue::from_str(&id.to_string()) {
            response.headers_mut().insert(REQUEST_ID, value);
        }
        let took = started.elapsed();
        let status = response.status();
        let error = response.response().error().and_then(|e| e.as_error::<ApiError>());
        crate::metrics::record(&route, method, status, error, took);
        if tracing::enabled!(tracing::Level::INFO) {
            let params = parameter_names(response.request().query_string());
            tracing::info!(
                method = %method,
                route = %route,
                params = %params,
                client = %client.map_or_else(String::new, |c| c.to_string()),
                status = status.as_u16(),
                problem = %error.map_or("", ApiError::reason),
                ms = took.as_micros() as f64 / 1000.0,
                "request"
            );
        }
        Ok(response)
    }
    .instrument(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_methods_are_named() {
        assert_eq!(method_label(&Method::GET), "GET");
        let odd = Method::from_bytes(b"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX").unwrap();
        assert_eq!(method_label(&odd), "other");
    }

    #[test]
    fn parameter_names_never_carry_values_or_control_characters() {
        assert_eq!(parameter_names("q=%2B998901234567&limit=5"), "q,limit");
        assert_eq!(parameter_names(""), "");
        let names = parameter_names("a%0Ab=1&%E2%80%A8=2");
        assert!(!names.contains('\n') && !names.contains('\u{2028}'), "{names}");
        let many = (0..20).map(|i| format!("p{i}=v")).collect::<Vec<_>>().join("&");
        assert!(parameter_names(&many).ends_with(",…"));
        assert!(!parameter_names("x=998901234567").contains("998"));
    }
}
