use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};

use crate::domain::license_number::LicenseNumber;
use crate::error::{ApiError, ServerErrors};
use crate::i18n;
use crate::public::LicenseResponse;
use crate::routes::cache;
use crate::routes::check::{Helpline, Page};
use crate::routes::licenses::qr::PublicBaseUrl;
use crate::routes::licenses::LicenseNumberPath;
use crate::routes::now::Now;
use crate::usecases::error::UseCaseError;
use crate::usecases::reads::{Read, Reads};

/// The public check page of a licence (HTML).
///
/// What a licence's QR code opens: a large verdict in words and a symbol
/// (never colour alone), the agency as registered, where and until when it
/// may recruit, the licence's history and the public complaint counts; for a
/// licence that may not recruit, or a number nobody registered (404): do not
/// pay, do not hand over your passport, and where to report. In the reader's
/// language, without JavaScript.
#[utoipa::path(
    tag = "check",
    params(LicenseNumberPath),
    responses(
        (status = 200, description = "The verdict page", body = String, content_type = "text/html", headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 404, description = "The page of a number nobody registered", body = String, content_type = "text/html"),
        ServerErrors,
    )
)]
#[get("/check/{number}")]
pub async fn find_check(
    now: Now,
    reads: web::Data<Reads>,
    helpline: web::Data<Helpline>,
    base: web::Data<PublicBaseUrl>,
    path: web::Path<LicenseNumberPath>,
) -> Result<HttpResponse, ApiError> {
    let Ok(number) = LicenseNumber::parse(path.number.as_str()) else {
        // Whatever a link put here is never quoted: the page would say it.
        let page = Page::new(i18n::current(), &base, "/check", "", &helpline);
        return page.with_not_a_number().answer(StatusCode::NOT_FOUND);
    };
    let path = format!("/check/{}", number.canonical());
    let page = Page::new(i18n::current(), &base, &path, "", &helpline);
    let today = now.today();
    match reads.license_with_history(&number, today, true).await {
        Ok(Read {
            value: (state, events),
            position,
        }) => {
            let check = LicenseResponse::new(state.license, state.agency, today);
            let page = page.with_license(check, events).answer(StatusCode::OK)?;
            Ok(cache::public_at(page, position))
        }
        Err(UseCaseError::LicenseNotFound(canonical)) => page.with_unknown(&canonical).answer(StatusCode::NOT_FOUND),
        Err(e) => Err(e.into()),
    }
}
