use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};

use crate::auth::keys::KeyStore;
use crate::error::{ApiError, ServerErrors};
use crate::i18n;
use crate::routes::check::{Helpline, Page};
use crate::routes::licenses::qr::PublicBaseUrl;

/// The page a worker shares with family (HTML).
///
/// Its link carries the registry's signed statements of what the worker is
/// about to trust (a job order, its licence, a representative's card) in
/// the fragment after `#`, which a browser never sends: the server learns
/// nothing about the worker and stores nothing. The page carries the
/// registry's statement keys and verifies each statement in the browser:
/// what verifies is shown as signed on its day (the same facts later, even
/// offline), with today's word from the registry when online; what does not
/// verify is not shown at all.
#[utoipa::path(
    tag = "check",
    responses(
        (status = 200, description = "The share page", body = String, content_type = "text/html"),
        ServerErrors,
    )
)]
#[get("/check/share")]
pub async fn show_share(
    keys: web::Data<KeyStore>,
    helpline: web::Data<Helpline>,
    base: web::Data<PublicBaseUrl>,
) -> Result<HttpResponse, ApiError> {
    let jwks = serde_json::json!({ "keys": keys.jwks() }).to_string();
    let page = Page::new(i18n::current(), &base, "/check/share", "", &helpline);
    page.with_share(jwks).answer(StatusCode::OK)
}
