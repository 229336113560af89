use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::db::models::{JobOrderSearch, OrderPosition};
use crate::domain::fields::{Checked, Country};
use crate::domain::sector::Sector;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::public::JobOrderResponse;
use crate::routes::agencies::list_agencies::query_terms;
use crate::routes::cache;
use crate::routes::now::Now;
use crate::routes::pagination::{decode_position, fetch_size, into_page, invalid_cursor, page_size, Cursor};
use crate::usecases::reads::{Read, Reads};

const DEFAULT_LIMIT: u8 = 20;

/// Search and filters for the job-order list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListJobOrdersParams {
    /// A position or an employer's name in any script, with small typos
    /// forgiven; or a reference (`J-1000-0012`).
    #[param(inline, example = "welder")]
    pub q: Option<crate::routes::fields::QueryText<200>>,
    /// Only orders for work in this country (ISO 3166-1 alpha-2).
    pub country: Option<Country>,
    /// Only orders in this sector.
    pub sector: Option<Sector>,
    /// Only orders of this agency.
    pub agency_id: Option<Uuid>,
    /// Only orders with this employer.
    pub employer_id: Option<Uuid>,
    /// Only orders a worker may apply to today (`standing` is `open`).
    #[param(default = false)]
    pub open: Option<bool>,
    /// Page size, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    pub limit: Option<u8>,
    /// `next_cursor` of the previous page.
    #[param(inline)]
    pub cursor: Option<Cursor>,
}

/// One page of job orders.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobOrderPage {
    /// The orders on this page, best match first (by reference without `q`).
    pub items: Vec<JobOrderResponse>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Search job orders.
///
/// Public. With `q`, best match first: positions and employers' names match
/// across Uzbek Latin, Uzbek Cyrillic, Russian and Latin spellings and
/// tolerate small typos, every word must match, and a reference finds its
/// order. Without `q`, orders come by reference. Filters combine; `open`
/// keeps only orders a worker may apply to today. Paging with `cursor`
/// returns every row once.
#[utoipa::path(
    tag = "job-orders",
    params(ListJobOrdersParams),
    responses(
        (status = 200, description = "A page of job orders", body = JobOrderPage, headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 400, description = "A parameter is malformed or out of range", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/job-orders")]
pub async fn list_job_orders(
    now: Now,
    reads: web::Data<Reads>,
    params: web::Query<ListJobOrdersParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    let limit = page_size(params.limit, DEFAULT_LIMIT)?;
    let today = now.today();
    let q = params.q.as_ref().map(crate::routes::fields::QueryText::as_str);
    let search = JobOrderSearch {
        q: query_terms(q)?.and(q.map(str::to_owned)),
        country: params.country.as_ref().map(country).transpose()?,
        sector: params.sector.map(|s| s.as_str().to_owned()),
        agency_id: params.agency_id,
        employer_id: params.employer_id,
        open_only: params.open.unwrap_or(false),
        today,
        after: params.cursor.as_ref().map(order_position).transpose()?,
        limit: usize::try_from(fetch_size(limit)).unwrap_or(usize::MAX),
    };
    let Read { value: found, position } = reads.job_orders(&search).await?;
    let (found, next_cursor) = into_page(found, limit, |(state, rank)| OrderPosition {
        rank: *rank,
        serial: state.order.reference_serial.unsigned_abs(),
    });
    let items = found.iter().map(|(state, _)| state.response(today)).collect();
    Ok(cache::public_at(
        HttpResponse::Ok().json(JobOrderPage { items, next_cursor }),
        position,
    ))
}

fn country(c: &Country) -> Result<String, ApiError> {
    c.check()
        .map_err(|_| ApiError::invalid_parameter("country", crate::msg!("reason-country")))
}

fn order_position(cursor: &Cursor) -> Result<OrderPosition, ApiError> {
    let position: OrderPosition = decode_position(cursor)?;
    if !position.rank.is_finite() || position.serial > 9_999_999 {
        return Err(invalid_cursor());
    }
    Ok(position)
}
