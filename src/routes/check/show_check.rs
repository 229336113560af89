use actix_web::http::header::LOCATION;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::db::models::AgencySearch;
use crate::domain::card::{CardError, CardNumber};
use crate::domain::job_order::JobOrderReference;
use crate::domain::language::Lang;
use crate::domain::license_number::LicenseNumber;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::i18n;
use crate::routes::agencies::list_agencies::query_terms;
use crate::routes::check::{Helpline, Page};
use crate::routes::contacts::check_contact;
use crate::routes::licenses::qr::PublicBaseUrl;
use crate::routes::now::Now;
use crate::usecases::reads::Reads;
use chrono::NaiveDate;

/// What the worker typed. Other parameters (the tracking parameters of a
/// link shared on social media) are ignored; the page names its canonical
/// address.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CheckParams {
    /// A licence number, an agency's name (any script) or its taxpayer id;
    /// or a phone number, a messenger or social account, a web address, or
    /// a representative's card number.
    #[param(inline, example = "UZ-TK-0123")]
    pub q: Option<crate::routes::fields::QueryText<200>>,
}

/// The public check page (HTML): a form, and what it found.
///
/// A registered licence number goes straight to its page (303), and so does
/// a card number (`/check/representative/{card}`); a phone number, an
/// account or a web address gets the contact check's verdict (whose it is:
/// an agency's own channel, a representative's, reported, or nobody's); a
/// name or taxpayer id lists the matching agencies (the same search as
/// `GET /v1/agencies`) with links to their licences.
#[utoipa::path(
    tag = "check",
    params(CheckParams),
    responses(
        (status = 200, description = "The form, with the agencies found", body = String, content_type = "text/html"),
        (status = 303, description = "A registered licence number or a card number: its page (`Location`)"),
        (status = 400, description = "`q` is malformed", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/check")]
pub async fn show_check(
    now: Now,
    reads: web::Data<Reads>,
    helpline: web::Data<Helpline>,
    base: web::Data<PublicBaseUrl>,
    params: web::Query<CheckParams>,
) -> Result<HttpResponse, ApiError> {
    let lang = i18n::current();
    let q = params
        .q
        .as_ref()
        .map(crate::routes::fields::QueryText::as_str)
        .map(str::trim)
        .unwrap_or_default();
    let page = Page::new(lang, &base, "/check", q, &helpline);
    let Some(terms) = query_terms(Some(q))? else {
        return page.answer(StatusCode::OK);
    };
    let today = now.today();
    if let Some(found) = elsewhere(&reads, q, lang, today).await {
        return Ok(HttpResponse::SeeOther().insert_header((LOCATION, found)).finish());
    }
    if let Some(say) = mistyped(q) {
        return say(page).answer(StatusCode::OK);
    }
    // An account, a link or a number with its country code is no name; a
    // number without it could be a taxpayer id, so it is searched first.
    let is_contact = q.contains(['@', '/', '+']) || (q.contains('.') && !q.contains(' '));
    let found = match is_contact {
        true => Vec::new(),
        false => reads.search(&AgencySearch::first_page(terms, today, 20)).await?.value,
    };
    if found.is_empty() {
        if let Ok(check) = check_contact::check(&reads, q, today, lang).await {
            return page.with_contact(check.value).answer(StatusCode::OK);
        }
    }
    page.with_results(found, today).answer(StatusCode::OK)
}

/// The page a registered licence number or a card number has of its own.
async fn elsewhere(reads: &Reads, q: &str, lang: Lang, today: NaiveDate) -> Option<String> {
    if let Ok(number) = LicenseNumber::parse(q) {
        if let Ok(found) = reads.license(&number, today).await {
            let number = found.value.license.license_number;
            return Some(format!("/check/{number}?lang={}", lang.tag()));
        }
    }
    if let Ok(reference) = JobOrderReference::parse(q) {
        return Some(format!("/check/job-orders/{reference}?lang={}", lang.tag()));
    }
    let card = CardNumber::parse(q).ok()?;
    Some(format!("/check/representative/{card}?lang={}", lang.tag()))
}

/// What the page says of a card or a job order's reference with a mistyped
/// digit (check it: never another person's card or another offer).
fn mistyped(q: &str) -> Option<fn(Page) -> Page> {
    if CardNumber::parse(q) == Err(CardError::Mistyped) {
        return Some(Page::with_mistyped_card);
    }
    if JobOrderReference::parse(q) == Err(CardError::Mistyped) {
        return Some(Page::with_mistyped_order);
    }
    None
}
