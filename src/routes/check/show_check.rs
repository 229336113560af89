use std::collections::HashMap;

use actix_web::http::header::LOCATION;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::db::models::{AgencySearch, License, QueryTerms, SearchedAgency};
use crate::db::{DbConn, DbPool};
use crate::domain::license_number::LicenseNumber;
use crate::domain::license_status::standing;
use crate::domain::registry_today;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::i18n;
use crate::routes::agencies::list_agencies::query_terms;
use crate::routes::check::{Helpline, Page};

/// What the worker typed.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CheckParams {
    /// A licence number, an agency's name (any script) or its taxpayer id.
    #[param(
        max_length = 200,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$",
        example = "UZ-TK-0123"
    )]
    pub q: Option<String>,
}

/// The public check page (HTML): a form, and what it found.
///
/// A registered licence number goes straight to its page (303); a name or
/// taxpayer id lists the matching agencies (the same search as
/// `GET /v1/agencies`) with links to their licences.
#[utoipa::path(
    tag = "check",
    params(CheckParams),
    responses(
        (status = 200, description = "The form, with the agencies found", body = String, content_type = "text/html"),
        (status = 303, description = "A registered licence number: its page (`Location`)"),
        (status = 400, description = "`q` is malformed", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/check")]
pub async fn show_check(
    pool: web::Data<DbPool>,
    helpline: web::Data<Helpline>,
    params: web::Query<CheckParams>,
) -> Result<HttpResponse, ApiError> {
    let lang = i18n::current();
    let q = params.q.as_deref().map(str::trim).unwrap_or_default();
    let page = Page::new(lang, "/check", q, &helpline);
    let Some(terms) = query_terms(Some(q))? else {
        return page.answer(StatusCode::OK);
    };
    let mut conn = pool.get().await?;
    if let Ok(number) = LicenseNumber::parse(q) {
        if let Some((_, canonical)) = License::find_id(&mut conn, number.lookup_key()).await? {
            let location = format!("/check/{canonical}?lang={}", lang.tag());
            return Ok(HttpResponse::SeeOther().insert_header((LOCATION, location)).finish());
        }
    }
    let found = search(&mut conn, terms, registry_today(Utc::now())).await?;
    page.with_results(found).answer(StatusCode::OK)
}

/// The agencies `terms` find (the API's search, 20 at most), each with its
/// licence numbers and their status today.
async fn search(
    conn: &mut DbConn,
    terms: QueryTerms,
    today: NaiveDate,
) -> Result<Vec<(SearchedAgency, Vec<(String, String)>)>, ApiError> {
    let search = AgencySearch {
        query: Some(terms),
        region: None,
        license_status: None,
        destination: None,
        sector: None,
        today,
        after: None,
        limit: 20,
    };
    let found = search.run(conn).await?;
    let ids: Vec<_> = found.iter().map(|row| row.agency.id).collect();
    let mut numbers: HashMap<_, Vec<_>> = HashMap::new();
    for l in License::of_agencies(conn, &ids).await? {
        let status = standing(l.status, l.validity(), today).status.as_str().to_owned();
        numbers.entry(l.agency_id).or_default().push((l.license_number, status));
    }
    let found = found.into_iter().map(|row| {
        let own = numbers.remove(&row.agency.id).unwrap_or_default();
        (row, own)
    });
    Ok(found.collect())
}
