//! The registry snapshot: every licence's public standing, every
//! representative's card, every employer and every job order, as NDJSON, in
//! pages read as the client takes them.
//!
//! No transaction stays open while a phone on a weak link downloads: each
//! page is read on a connection borrowed for that page alone. The snapshot's
//! `seq` is read first, so every change up to it is in the lines; a change
//! committed while the pages are read may be in them too. Replaying the feed
//! from `seq` is therefore exact: an entry carries the whole representation
//! after its change, so applying one the lines already show changes nothing,
//! and applying them in order ends at the current state.

use bytes::{BufMut, Bytes, BytesMut};
use chrono::{DateTime, Utc};
use diesel_async::AsyncPgConnection;
use futures_util::{Stream, StreamExt};

use uuid::Uuid;

use crate::db::models::{Change, Employer, JobOrder, Representative, SnapshotRow};
use crate::db::DbPool;
use crate::domain::registry_today;
use crate::public::{EmployerResponse, SnapshotCardLine, SnapshotHeader, SnapshotJobOrderLine, SnapshotLine};
use crate::usecases::error::UseCaseError;

/// Licences per page (about 300 kB of NDJSON).
const PAGE: i64 = 1_000;

/// The position and day a snapshot taken now reflects.
pub async fn header(conn: &mut AsyncPgConnection, now: DateTime<Utc>) -> Result<SnapshotHeader, UseCaseError> {
    let seq = Change::head(conn).await?;
    Ok(SnapshotHeader {
        seq,
        taken_at: now,
        checked_on: registry_today(now),
    })
}

/// The snapshot's lines: `header` first, then one line per licence, one per
/// representative's card, one per employer, one per job order.
pub fn lines(pool: DbPool, header: SnapshotHeader) -> impl Stream<Item = Result<Bytes, UseCaseError>> {
    let first = futures_util::stream::iter([json_line(&header)]);
    let today = header.checked_on;
    let licences = paged(
        pool.clone(),
        String::new(),
        async move |conn: &mut AsyncPgConnection, after: String| {
            let rows = SnapshotRow::page(conn, &after, PAGE).await?;
            let next = rows.last().map(|r| r.license_number.clone());
            Ok((
                rows.into_iter().map(move |row| SnapshotLine::new(row, today)).collect(),
                next,
            ))
        },
    );
    let cards = paged(pool.clone(), -1, async |conn: &mut AsyncPgConnection, after: i32| {
        let rows = Representative::page_after(conn, after, PAGE).await?;
        let next = rows.last().map(|r| r.card_serial);
        Ok((rows.into_iter().map(SnapshotCardLine::from).collect(), next))
    });
    // Employers before the job orders that name them.
    let employers = paged(
        pool.clone(),
        None,
        async |conn: &mut AsyncPgConnection, after: Option<Uuid>| {
            let rows = Employer::page_after(conn, after, PAGE).await?;
            let next = rows.last().map(|e| Some(e.id));
            Ok((rows.into_iter().map(EmployerResponse::from).collect(), next))
        },
    );
    let orders = paged(pool, -1, async |conn: &mut AsyncPgConnection, after: i32| {
        let rows = JobOrder::page_after(conn, after, PAGE).await?;
        let next = rows.last().map(|(o, _)| o.reference_serial);
        let lines = rows
            .into_iter()
            .map(|(o, number)| SnapshotJobOrderLine::new(o, number))
            .collect();
        Ok((lines, next))
    });
    first.chain(licences).chain(cards).chain(employers).chain(orders)
}

/// Pages of lines, each read on a connection borrowed for that page alone:
/// `fetch` answers a page's lines and the key the next page starts after.
fn paged<K, L, F>(pool: DbPool, start: K, fetch: F) -> impl Stream<Item = Result<Bytes, UseCaseError>>
where
    K: Clone,
    L: serde::Serialize,
    F: AsyncFn(&mut AsyncPgConnection, K) -> Result<(Vec<L>, Option<K>), UseCaseError> + Clone,
{
    futures_util::stream::unfold(Some(start), move |after| {
        let (pool, fetch) = (pool.clone(), fetch.clone());
        async move {
            let after = after?;
            let page = match pool.get().await {
                Ok(mut conn) => fetch(&mut conn, after).await,
                Err(e) => Err(UseCaseError::from(e)),
            };
            let (lines, next) = match page {
                Ok(page) => page,
                // The answer is already under way: ending the stream early
                // makes the client see a broken download, never a silently
                // short one.
                Err(e) => return Some((Err(e), None)),
            };
            if lines.is_empty() {
                return None;
            }
            let next = next.filter(|_| lines.len() as i64 == PAGE);
            let mut out = BytesMut::with_capacity(lines.len() * 320);
            for line in &lines {
                if serde_json::to_writer((&mut out).writer(), line).is_err() {
                    let failed = UseCaseError::internal("a snapshot line failed to serialise");
                    return Some((Err(failed), None));
                }
                out.put_u8(b'\n');
            }
            Some((Ok(out.freeze()), next))
        }
    })
}

fn json_line<T: serde::Serialize>(value: &T) -> Result<Bytes, UseCaseError> {
    let mut line = serde_json::to_vec(value).map_err(UseCaseError::internal)?;
    line.push(b'\n');
    Ok(Bytes::from(line))
}
