//! Which language a request is answered in: `?lang=` first, then
//! `Accept-Language`, then Uzbek in the Latin script.

use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Uri;
use actix_web::HttpRequest;
use futures_util::future::LocalBoxFuture;

use crate::domain::language::Lang;
use crate::error::ApiError;
use crate::i18n;

/// The language `req` asks for; `Err` when `?lang=` names none of ours.
pub fn of_request(req: &HttpRequest) -> Result<Lang, Lang> {
    let accepted = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    let asked = url_pairs(req.query_string())
        .find(|(name, _)| name == "lang")
        .map(|(_, value)| value);
    match asked {
        None => Ok(accepted),
        Some(value) => Lang::from_tag(&value).ok_or(accepted),
    }
}

fn url_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap_or_default()
        .into_iter()
}

/// Middleware: answers the request in its language (`Content-Language`,
/// `Vary: Accept-Language`), and takes `lang` out of the query string so
/// that no operation sees it as a parameter of its own.
pub fn negotiate<S>(
    mut req: ServiceRequest,
    srv: &S,
) -> LocalBoxFuture<'static, Result<ServiceResponse<BoxBody>, actix_web::Error>>
where
    S: Service<ServiceRequest, Response = ServiceResponse<BoxBody>, Error = actix_web::Error>,
    S::Future: 'static,
{
    let lang = of_request(req.request());
    let call = match lang {
        Ok(lang) => {
            strip_lang(&mut req);
            Ok(i18n::sync_scope(lang, || srv.call(req)))
        }
        Err(fallback) => Err((fallback, req)),
    };
    Box::pin(async move {
        let (lang, mut response) = match call {
            Ok(call) => {
                let lang = lang.unwrap_or_default();
                (lang, i18n::scope(lang, call).await?)
            }
            Err((lang, req)) => {
                let refusal = i18n::sync_scope(lang, || {
                    req.error_response(ApiError::invalid_parameter("lang", crate::msg!("reason-language")))
                });
                (lang, refusal)
            }
        };
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.tag()));
        headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
        Ok(response)
    })
}

/// The request without `lang` in its query string.
fn strip_lang(req: &mut ServiceRequest) {
    let query = req.query_string();
    if !url_pairs(query).any(|(name, _)| name == "lang") {
        return;
    }
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| pair.split('=').next() != Some("lang"))
        .collect();
    let path = req.path().to_owned();
    let rebuilt = if kept.is_empty() {
        path
    } else {
        format!("{path}?{}", kept.join("&"))
    };
    if let Ok(uri) = rebuilt.parse::<Uri>() {
        req.head_mut().uri = uri;
    }
}
