use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::models::complaint::{ReportedPosition, ReportedRecruiter};
use crate::db::models::Complaint;
use crate::db::DbPool;
use crate::domain::contact::{normalise_handle, normalise_phone};
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::cache;
use crate::routes::pagination::{decode_position, fetch_size, into_page, page_size, Cursor};

/// What to look for.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportedRecruitersParams {
    /// A phone number in any formatting (`+998 90 123-45-67`, `998901234567`,
    /// `90 123 45 67`), a handle (`@name`, `t.me/name`, any case), or part of a name.
    #[param(inline, example = "+998 90 123-45-67")]
    pub q: Option<crate::routes::fields::QueryText<200>>,
    /// At most this many, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    pub limit: Option<u8>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1000)]
    #[param(inline)]
    pub cursor: Option<Cursor>,
}

/// An unregistered recruiter named in complaints. Only the recruiter's
/// names and contact points: never anything about who complained.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportedRecruiterResponse {
    /// The name the recruiter used.
    pub name: Option<String>,
    /// Phone numbers, E.164.
    pub phones: Vec<String>,
    /// Messenger or social-media handles.
    pub handles: Vec<String>,
    /// How many published complaints named them.
    pub complaints: i64,
    /// The month the last of those was filed (never a day or a time: a
    /// recruiter watching their own number must not learn when a victim spoke).
    #[schema(example = "2026-11", pattern = "^[0-9]{4}-[0-9]{2}$")]
    pub last_reported: String,
}

/// A page of reported recruiters.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportedRecruitersPage {
    pub items: Vec<ReportedRecruiterResponse>,
    /// Pass back as `cursor` for the next page; `null` on the last one.
    pub next_cursor: Option<String>,
}

/// Check a recruiter who is not registered.
///
/// Unregistered recruiters that complaints named and the ministry decided to
/// publish, latest month first: a worker approached by a phone number or a
/// messenger account can check it here. Being listed means the ministry
/// looked at a complaint and published it, not that a court decided; an
/// agency without a registered licence may not recruit at all.
#[utoipa::path(
    tag = "complaints",
    params(ReportedRecruitersParams),
    responses(
        (status = 200, description = "Matching recruiters", body = ReportedRecruitersPage),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/recruiters/reported")]
pub async fn list_reported_recruiters(
    params: web::Query<ReportedRecruitersParams>,
    pool: web::Data<DbPool>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    let limit = page_size(params.limit, 20)?;
    let (phone, handle, name) = recruiter_query(params.q.as_ref().map(crate::routes::fields::QueryText::as_str))?;
    let after: Option<ReportedPosition> = params.cursor.as_ref().map(decode_position).transpose()?;
    let mut conn = pool.get().await?;
    let found = Complaint::reported_recruiters(
        &mut conn,
        phone.as_deref(),
        handle.as_deref(),
        name.as_deref(),
        after.as_ref(),
        fetch_size(limit),
    )
    .await?;
    let (found, next_cursor) = into_page(found, limit, |last| ReportedPosition {
        month: last.last_reported.clone(),
        identity: last.identity.clone(),
    });
    let items = found.into_iter().map(ReportedRecruiterResponse::from).collect();
    Ok(cache::public(
        HttpResponse::Ok().json(ReportedRecruitersPage { items, next_cursor }),
    ))
}

/// What `q` may be: a phone number, a handle, or part of a name (as a LIKE
/// pattern); 400 when too long or with control characters.
type RecruiterQuery = (Option<String>, Option<String>, Option<String>);
fn recruiter_query(raw: Option<&str>) -> Result<RecruiterQuery, ApiError> {
    if raw.is_some_and(|q| q.chars().count() > 200 || q.chars().any(char::is_control)) {
        return Err(ApiError::invalid_parameter(
            "q",
            crate::msg!("reason-length-at-most-no-control", max = 200),
        ));
    }
    let q = raw.map(str::trim).filter(|q| !q.is_empty());
    let phone = q.and_then(normalise_phone);
    let (handle, name) = match (q, &phone) {
        (Some(q), None) => (normalise_handle(q), Some(escape_like(q))),
        _ => (None, None),
    };
    Ok((phone, handle, name))
}

impl From<ReportedRecruiter> for ReportedRecruiterResponse {
    fn from(r: ReportedRecruiter) -> Self {
        Self {
            name: r.name,
            phones: r.phones,
            handles: r.handles,
            complaints: r.complaints,
            last_reported: r.last_reported,
        }
    }
}

fn escape_like(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}
