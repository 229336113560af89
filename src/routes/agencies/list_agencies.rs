use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::models::{AgencySearch, QueryTerms, SearchPosition};
use crate::domain::license_number::LicenseNumber;
use crate::domain::license_status::LicenseStatus;
use crate::domain::region::Region;
use crate::domain::sector::Sector;
use crate::domain::transliterate::search_form;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::public::{AgencyResponse, AgencyView};
use crate::routes::cache;
use crate::routes::now::Now;
use crate::routes::pagination::{decode_position, fetch_size, into_page, invalid_cursor, page_size, Cursor};
use crate::usecases::read_model::Found;
use crate::usecases::reads::{Read, Reads};

const DEFAULT_LIMIT: u8 = 20;
const MAX_QUERY_CHARS: usize = 200;

/// Search and filters for the agency list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListAgenciesParams {
    /// Name in any script (Uzbek Latin or Cyrillic, Russian), with small typos
    /// forgiven; or a taxpayer id; or a licence number.
    #[param(inline, example = "Istiqbolli Avlod")]
    pub q: Option<crate::routes::fields::QueryText<200>>,
    /// Region of registration (ISO 3166-2:UZ).
    pub region: Option<Region>,
    /// Only agencies holding a licence with this status today.
    pub license_status: Option<LicenseStatus>,
    /// Only agencies licensed to send workers to this country (ISO 3166-1 alpha-2).
    #[param(pattern = "^[A-Za-z]{2}$", example = "KR")]
    pub destination: Option<String>,
    /// Only agencies licensed for this sector.
    pub sector: Option<Sector>,
    /// Page size, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    pub limit: Option<u8>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1000)]
    #[param(inline)]
    pub cursor: Option<Cursor>,
}

/// One page of agencies.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyPage {
    /// The agencies on this page, best match first.
    pub items: Vec<AgencyResponse>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// An [`AgencyPage`] as written: its agencies borrowed from the search's rows.
#[derive(Serialize)]
struct PageBody<'a> {
    items: Vec<AgencyView<'a>>,
    next_cursor: Option<String>,
}

/// Search agencies.
///
/// With `q`, best match first: names match across Uzbek Latin, Uzbek Cyrillic
/// and Russian spellings and tolerate small typos, and an exact taxpayer id or
/// licence number ranks its agency first. Without `q`, agencies come in
/// alphabetical order. Filters combine; the licence filters (`license_status`,
/// `destination`, `sector`) must all hold for one and the same licence.
/// Paging with `cursor` returns every row exactly once, even while agencies
/// are being added.
#[utoipa::path(
    tag = "agencies",
    params(ListAgenciesParams),
    responses(
        (status = 200, description = "A page of agencies", body = AgencyPage, headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 400, description = "A parameter is malformed or out of range", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/agencies")]
pub async fn list_agencies(
    now: Now,
    reads: web::Data<Reads>,
    params: web::Query<ListAgenciesParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    let limit = page_size(params.limit, DEFAULT_LIMIT)?;
    let today = now.today();
    let search = AgencySearch {
        query: query_terms(params.q.as_ref().map(crate::routes::fields::QueryText::as_str))?,
        region: params.region.map(|r| r.code().to_owned()),
        license_status: params.license_status.map(|s| s.as_str().to_owned()),
        destination: params.destination.as_deref().map(country_code).transpose()?,
        sector: params.sector.map(|s| s.as_str().to_owned()),
        today,
        after: params.cursor.as_ref().map(search_position).transpose()?,
        limit: fetch_size(limit),
    };
    let Read { value: found, position } = reads.search(&search).await?;
    let (found, next_cursor) = into_page(found, limit, Found::position);
    let items = found
        .iter()
        .map(|row| AgencyView {
            agency: row.agency(),
            licenses: row.licenses(),
            today,
        })
        .collect();
    let answer = HttpResponse::Ok().json(PageBody { items, next_cursor });
    Ok(cache::public_at(answer, position))
}

fn search_position(cursor: &Cursor) -> Result<SearchPosition, ApiError> {
    let position: SearchPosition = decode_position(cursor)?;
    if !position.rank.is_finite() || position.legal_name.contains('\0') {
        return Err(invalid_cursor());
    }
    Ok(position)
}

fn country_code(raw: &str) -> Result<String, ApiError> {
    if raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(raw.to_ascii_uppercase())
    } else {
        Err(ApiError::invalid_parameter(
            "destination",
            crate::msg!("reason-country"),
        ))
    }
}

/// The forms in which `q` may match: folded names, a taxpayer id, a licence number.
pub(crate) fn query_terms(q: Option<&str>) -> Result<Option<QueryTerms>, ApiError> {
    if q.is_some_and(|q| q.chars().any(char::is_control)) {
        return Err(ApiError::invalid_parameter("q", crate::msg!("reason-control")));
    }
    let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::invalid_parameter(
            "q",
            crate::msg!("reason-length-at-most", max = MAX_QUERY_CHARS),
        ));
    }
    let taxpayer_id = (q.len() == 9 && q.bytes().all(|b| b.is_ascii_digit())).then(|| q.to_owned());
    let license_key = LicenseNumber::parse(q).ok().map(|n| n.lookup_key().to_owned());
    Ok(Some(QueryTerms {
        name: search_form(q),
        taxpayer_id,
        license_key,
    }))
}
