//! The registry snapshot: every licence's public standing, as NDJSON, in
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
use futures_util::Stream;

use crate::db::models::{Change, SnapshotRow};
use crate::db::DbPool;
use crate::domain::registry_today;
use crate::public::{SnapshotHeader, SnapshotLine};
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

/// The snapshot's lines: `header` first, then one line per licence.
pub fn lines(pool: DbPool, header: SnapshotHeader) -> impl Stream<Item = Result<Bytes, UseCaseError>> {
    let first = json_line(&header);
    let today = header.checked_on;
    let state = (pool, Some(String::new()), Some(first));
    futures_util::stream::unfold(state, move |(pool, after, first)| async move {
        if let Some(first) = first {
            return Some((first, (pool, after, None)));
        }
        let after = after?;
        let page = match pool.get().await {
            Ok(mut conn) => SnapshotRow::page(&mut conn, &after, PAGE)
                .await
                .map_err(UseCaseError::from),
            Err(e) => Err(UseCaseError::from(e)),
        };
        let rows = match page {
            Ok(rows) => rows,
            // The answer is already under way: ending the stream early makes
            // the client see a broken download, never a silently short one.
            Err(e) => return Some((Err(e), (pool, None, None))),
        };
        if rows.is_empty() {
            return None;
        }
        let next = (rows.len() as i64 == PAGE)
            .then(|| rows.last().map(|r| r.license_number.clone()))
            .flatten();
        let mut out = BytesMut::with_capacity(rows.len() * 320);
        for row in rows {
            if serde_json::to_writer((&mut out).writer(), &SnapshotLine::new(row, today)).is_err() {
                return Some((
                    Err(UseCaseError::internal("a snapshot line failed to serialise")),
                    (pool, None, None),
                ));
            }
            out.put_u8(b'\n');
        }
        Some((Ok(out.freeze()), (pool, next, None)))
    })
}

fn json_line<T: serde::Serialize>(value: &T) -> Result<Bytes, UseCaseError> {
    let mut line = serde_json::to_vec(value).map_err(UseCaseError::internal)?;
    line.push(b'\n');
    Ok(Bytes::from(line))
}
