use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::models::Complaint;
use crate::db::DbPool;
use crate::domain::contact::{normalise_handle, normalise_phone};
use crate::error::{ApiError, Problem, ServerErrors};

/// What to look for.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportedRecruitersParams {
    /// A phone number in any formatting (`+998 90 123-45-67`, `998901234567`,
    /// `90 123 45 67`), a handle (`@name`, `t.me/name`, any case), or part of a name.
    #[param(
        max_length = 200,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$",
        example = "+998 90 123-45-67"
    )]
    pub q: Option<String>,
    /// At most this many, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    pub limit: Option<u8>,
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
    /// How many complaints named them.
    pub complaints: i64,
    /// When the last of those was filed.
    pub last_reported: DateTime<Utc>,
}

/// Check a recruiter who is not registered.
///
/// Recruiters that complaints have named, most recently reported first: a
/// worker approached by a phone number or a messenger account can check it
/// here. Being listed means someone complained, not that a complaint was
/// upheld; an agency without a registered licence may not recruit at all.
#[utoipa::path(
    tag = "complaints",
    params(ReportedRecruitersParams),
    responses(
        (status = 200, description = "Matching recruiters", body = Vec<ReportedRecruiterResponse>),
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
    let limit = params.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::BadRequest("`limit` must be between 1 and 100.".into()));
    }
    let raw = params.q.as_deref();
    let q = raw.map(str::trim).filter(|q| !q.is_empty());
    if raw.is_some_and(|q| q.chars().count() > 200 || q.chars().any(char::is_control)) {
        return Err(ApiError::BadRequest(
            "`q` must be at most 200 characters, without control characters.".into(),
        ));
    }
    let phone = q.and_then(normalise_phone);
    let (handle, name) = match (q, &phone) {
        (Some(q), None) => (normalise_handle(q), Some(escape_like(q))),
        _ => (None, None),
    };
    let mut conn = pool.get().await?;
    let found = Complaint::reported_recruiters(
        &mut conn,
        phone.as_deref(),
        handle.as_deref(),
        name.as_deref(),
        i64::from(limit),
    )
    .await?;
    let items: Vec<ReportedRecruiterResponse> = found
        .into_iter()
        .map(|r| ReportedRecruiterResponse {
            name: r.name,
            phones: r.phones,
            handles: r.handles,
            complaints: r.complaints,
            last_reported: r.last_reported,
        })
        .collect();
    Ok(HttpResponse::Ok().json(items))
}

fn escape_like(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}
