use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};

use crate::auth::keys::KeyStore;
use crate::domain::check_digit::NumberError;
use crate::domain::job_order::JobOrderReference;
use crate::domain::license_number::LicenseNumber;
use crate::error::{ApiError, ServerErrors};
use crate::i18n;
use crate::public::JobOrderCheck;
use crate::routes::cache;
use crate::routes::check::{Helpline, Page};
use crate::routes::job_orders::JobOrderPath;
use crate::routes::licenses::qr::PublicBaseUrl;
use crate::routes::now::Now;
use crate::usecases::error::UseCaseError;
use crate::usecases::reads::{Read, Reads};

/// The public check page of a job order (HTML).
///
/// What a printed offer's QR code opens, and where the check page's form
/// sends a reference: a large verdict (open, or why not), a warning for a
/// fee, the terms in plain words (wage, hours, contract, what the worker
/// pays, what the employer provides), the employer's and the agency's
/// standing, a contract checklist, and a link to share the signed facts with
/// family. A mistyped reference says "check it"; one no order has is a 404
/// that says to ask for it. In the reader's language, without JavaScript.
#[utoipa::path(
    tag = "check",
    params(JobOrderPath),
    responses(
        (status = 200, description = "The verdict page", body = String, content_type = "text/html", headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 404, description = "The page of a reference no order has, of a mistyped one, or of a text that is none", body = String, content_type = "text/html"),
        ServerErrors,
    )
)]
#[get("/check/job-orders/{reference}")]
pub async fn find_check_job_order(
    now: Now,
    reads: web::Data<Reads>,
    keys: web::Data<KeyStore>,
    helpline: web::Data<Helpline>,
    base: web::Data<PublicBaseUrl>,
    path: web::Path<JobOrderPath>,
) -> Result<HttpResponse, ApiError> {
    let lang = i18n::current();
    let reference = match JobOrderReference::parse(path.reference.as_str()) {
        Ok(reference) => reference,
        // Whatever a link put here is never quoted.
        Err(NumberError::Mistyped) => {
            let page = Page::new(lang, &base, "/check", "", &helpline);
            return page.with_mistyped_order().answer(StatusCode::NOT_FOUND);
        }
        Err(NumberError::Malformed) => {
            let page = Page::new(lang, &base, "/check", "", &helpline);
            return page.with_not_a_number().answer(StatusCode::NOT_FOUND);
        }
    };
    let page = Page::new(lang, &base, &format!("/check/job-orders/{reference}"), "", &helpline);
    let today = now.today();
    match reads.job_order(&reference, today).await {
        Ok(Read { value, position }) => {
            let share = share_link(&reads, &keys, &reference, &value.license.license_number, now.0).await;
            let check = JobOrderCheck::new(value.response(today), lang);
            let page = page.with_job_order(check, share).answer(StatusCode::OK)?;
            Ok(cache::public_at(page, position))
        }
        Err(UseCaseError::NotFound(_)) => page
            .with_unknown_order(reference.as_str())
            .answer(StatusCode::NOT_FOUND),
        Err(e) => Err(e.into()),
    }
}

/// The share page's address carrying the order's and its licence's signed
/// statements (none when they cannot be signed now: the page stands without).
async fn share_link(
    reads: &Reads,
    keys: &KeyStore,
    reference: &JobOrderReference,
    number: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<String> {
    let order = reads.job_order_statement(keys, reference, now).await.ok()?.value;
    let number = LicenseNumber::parse(number).ok()?;
    let licence = reads.statement(keys, &number, now).await.ok()?.value;
    Some(format!("/check/share?lang={}#{order}~{licence}", i18n::current().tag()))
}
