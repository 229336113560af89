use std::time::Duration;

use actix_web::http::header::{HeaderValue, CACHE_CONTROL};
use actix_web::{get, web, HttpMessage, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::db::listen::FeedHead;
use crate::db::models::Change;
use crate::db::replicas::Readers;
use crate::domain::changes::ChangeType;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::public::{AgencyResponse, EmployerResponse, JobOrderResponse, LicenseResponse, RepresentativeResponse};
use crate::routes::cache;
use crate::usecases::feed;

/// Where to read the feed from, and how long to wait for news.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListChangesParams {
    /// Entries after this `seq`: 0 (or nothing) from the start, a snapshot's
    /// `seq`, or the previous answer's `next_after`.
    #[param(minimum = 0, default = 0)]
    pub after: Option<i64>,
    /// Entries per answer, 1 to 1000.
    #[param(minimum = 1, maximum = 1000, default = 100)]
    pub limit: Option<u16>,
    /// Seconds to wait, 1 to 30, when nothing newer exists yet: the answer
    /// comes as soon as a change commits, or empty when the time is up (or
    /// sooner, when the operator caps long polls with `FEED_MAX_WAIT_SECS`).
    #[param(minimum = 1, maximum = 30)]
    pub wait: Option<u8>,
}

/// How long a long poll may be held (`FEED_MAX_WAIT_SECS`), and how many
/// may be held (`FEED_MAX_WAITERS_PER_ADDRESS`, `FEED_MAX_WAITERS`).
#[derive(Debug)]
pub struct FeedLimits {
    pub max_wait: Duration,
    pub waiters: feed::Waiters,
    /// Fires when the process stops: held long polls answer at once.
    pub draining: tokio_util::sync::CancellationToken,
}

/// The public representation an entry carries.
#[derive(ToSchema)]
#[allow(dead_code)]
#[serde(untagged)]
pub enum ChangeData {
    /// `license.*` entries: what `GET /v1/licenses/{number}` answered after
    /// the change, without its `verdict` (a sentence in the reader's language).
    License(LicenseResponse),
    /// `agency.*` entries: what `GET /v1/agencies/{id}` answered after the change.
    Agency(AgencyResponse),
    /// `representative.*` entries: what `GET /v1/representatives/{card_number}`
    /// answered after the change, without its `verdict`. Its `standing` is
    /// as of the change: an app decides it again from the agency's licences
    /// and the card's dates, as the server does.
    Representative(RepresentativeResponse),
    /// `job_order.*` entries: what `GET /v1/job-orders/{reference}` answered
    /// after the change, without its `verdict` and `warnings`. Its
    /// `standing` is as of the change: an app decides it again from the
    /// licence, the employer and the order's last day.
    JobOrder(JobOrderResponse),
    /// `employer.*` entries: what `GET /v1/employers/{id}` answered after the change.
    Employer(EmployerResponse),
}

/// One change to public data.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeEntry {
    /// Position in the feed: strictly increasing, without gaps, in commit order.
    #[schema(minimum = 1)]
    pub seq: i64,
    /// When the change was made.
    pub at: DateTime<Utc>,
    /// What happened.
    #[serde(rename = "type")]
    pub change_type: ChangeType,
    /// The licence number (`license.*`), the agency's id (`agency.*`), the
    /// card number (`representative.*`), the employer's id (`employer.*`)
    /// or the job order's reference (`job_order.*`).
    #[schema(min_length = 1)]
    pub id: String,
    /// The agency concerned (`null` for an employer, which belongs to none).
    pub agency_id: Option<Uuid>,
    /// The resource after the change, as its GET answered then.
    #[schema(value_type = ChangeData)]
    pub data: serde_json::Value,
}

/// A page of the change feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangePage {
    /// The entries, in `seq` order.
    pub changes: Vec<ChangeEntry>,
    /// Pass as `after` next time.
    #[schema(minimum = 0)]
    pub next_after: i64,
}

/// Follow every change to public data.
///
/// Every change to an agency, a licence (ministry actions, and what the
/// calendar changes: a lapse at midnight in Tashkent, a suspension's end,
/// within a minute) or an agency's public complaint counts is one entry.
/// Following `next_after` sees every change exactly once, in commit order.
/// Start from a snapshot's `seq` (`/v1/registry/snapshot`) or from 0.
#[utoipa::path(
    tag = "changes",
    params(ListChangesParams),
    responses(
        (status = 200, description = "Entries after `after` (possibly none)", body = ChangePage),
        (status = 400, description = "A parameter is malformed or out of range", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/changes")]
pub async fn list_changes(
    req: HttpRequest,
    readers: web::Data<Readers>,
    head: web::Data<FeedHead>,
    limits: web::Data<FeedLimits>,
    params: web::Query<ListChangesParams>,
) -> Result<HttpResponse, ApiError> {
    let after = in_range("after", params.after, 0, 0, i64::MAX)?;
    let limit = in_range("limit", params.limit.map(i64::from), 100, 1, 1000)?;
    let wait = params
        .wait
        .map(|w| in_range("wait", Some(i64::from(w)), 0, 1, 30))
        .transpose()?;
    // Over either cap a long poll is answered at once: its client asks again.
    let place = wait.and_then(|_| limits.waiters.enter(client_key(&req)?));
    let wait = wait
        .filter(|_| place.is_some())
        .map(|s| Duration::from_secs(s.unsigned_abs()).min(limits.max_wait));
    let page = tokio::select! {
        page = feed::read(&readers, &head, after, limit, wait) => page?,
        // Stopping: nothing newer, as of now (the client polls elsewhere).
        () = limits.draining.cancelled() => feed::Page::empty(after),
    };
    drop(place);
    let full = page.entries.len() as i64 == limit;
    let changes = page.entries.iter().map(entry).collect::<Result<_, _>>()?;
    let body = ChangePage {
        changes,
        next_after: page.next_after,
    };
    // A full page changes only with a corrected reason; a shorter one grows
    // as changes commit.
    let policy = if full { cache::FULL_PAGE } else { cache::PUBLIC };
    Ok(HttpResponse::Ok()
        .insert_header((CACHE_CONTROL, HeaderValue::from_static(policy)))
        .json(body))
}

fn entry(c: &Change) -> Result<ChangeEntry, ApiError> {
    let change_type = ChangeType::parse(&c.change_type)
        .ok_or_else(|| ApiError::internal(format!("unknown change type {:.40}", c.change_type)))?;
    Ok(ChangeEntry {
        seq: c.seq,
        at: c.at,
        change_type,
        id: c.subject.clone(),
        agency_id: c.agency_id,
        data: c.body.clone(),
    })
}

/// Whom a long poll is counted for: the client address the limiter counts.
fn client_key(req: &HttpRequest) -> Option<std::net::IpAddr> {
    req.extensions()
        .get::<crate::rate_limit::ClientAddress>()
        .map(|a| crate::rate_limit::limit_key(a.0))
}

fn in_range(field: &str, value: Option<i64>, default: i64, min: i64, max: i64) -> Result<i64, ApiError> {
    let value = value.unwrap_or(default);
    if (min..=max).contains(&value) {
        return Ok(value);
    }
    Err(ApiError::invalid_parameter(
        field,
        crate::msg!("reason-number-between", min = min, max = max),
    ))
}
