use actix_web::http::header::{HeaderValue, ETAG, IF_NONE_MATCH};
use actix_web::{get, web, HttpRequest, HttpResponse};
use futures_util::TryStreamExt;

use crate::db::replicas::Readers;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::public::SnapshotEntry;
use crate::rate_limit::RateLimits;
use crate::routes::cache;
use crate::routes::now::Now;
use crate::routes::registry::SnapshotStreams;
use crate::usecases::snapshot;

/// Download the whole registry, to check licences offline.
///
/// NDJSON (`application/x-ndjson`; gzip when asked with `Accept-Encoding`),
/// streamed: the first line is a `SnapshotHeader` whose `seq` is the feed
/// position the snapshot reflects, and every further line is a
/// `SnapshotLine`, one licence with its agency, in licence-number order, then
/// a `SnapshotCardLine` per representative's card, in card order (so an
/// app answers the contact check offline too).
/// Continue with `/v1/changes?after={seq}`: replaying from there is exact
/// (entries carry whole representations). `Registry-Seq` repeats `seq`.
#[utoipa::path(
    tag = "registry",
    responses(
        (status = 200, description = "The snapshot, one JSON document per line", body = SnapshotEntry, content_type = "application/x-ndjson",
            headers(("Registry-Seq" = i64, description = "The feed position the snapshot reflects"))),
        (status = 304, description = "The snapshot named by `If-None-Match` is still current"),
        (status = 429, description = "This address downloaded the whole snapshot `SNAPSHOTS_PER_HOUR` times this hour (or used its bulk-read budget); `Retry-After` says when to try again", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/registry/snapshot")]
pub async fn find_snapshot(
    now: Now,
    req: HttpRequest,
    readers: web::Data<Readers>,
    limits: web::Data<RateLimits>,
    streams: web::Data<SnapshotStreams>,
) -> Result<HttpResponse, ApiError> {
    // One database for the whole snapshot: its pages are at least as new as its `seq`.
    let (mut conn, source) = readers.get_with_pool().await?;
    let header = snapshot::header(&mut conn, now.0).await?;
    drop(conn);
    let tag = format!("\"snapshot-{}-{}\"", header.seq, header.checked_on);
    let tag_value = HeaderValue::from_str(&tag).map_err(ApiError::internal)?;
    let held = req.headers().get(IF_NONE_MATCH).and_then(|v| v.to_str().ok());
    if held.is_some_and(|held| held.split(',').any(|t| t.trim() == tag || t.trim() == "*")) {
        return Ok(cache::public(
            HttpResponse::NotModified().insert_header((ETAG, tag_value)).finish(),
        ));
    }
    // A whole download: a few an hour per address, a few at once per instance.
    limits.count_snapshot(&req)?;
    let place = streams.enter()?;
    let seq = header.seq.to_string();
    Ok(cache::public(
        HttpResponse::Ok()
            .content_type("application/x-ndjson")
            .insert_header((ETAG, tag_value))
            .insert_header(("Registry-Seq", seq))
            .streaming(place.hold(Box::pin(snapshot::lines(source, header).map_err(ApiError::from)))),
    ))
}
