//! What Postgres pushes to every instance (`LISTEN/NOTIFY`): the newest
//! change-feed position, and that the signing keys changed.
//!
//! One connection per process listens on `registry_changes`, which the
//! feed's insert trigger notifies at commit, and on `registry_keys`, which
//! a change of `signing_keys` notifies; long polls and the key store wait on
//! the [`watch`] channels it feeds instead of asking the database in a loop.
//! Every instance listens for itself, so a change committed through any
//! instance (or the command line) reaches all of them.

use std::time::Duration;

use diesel_async::pooled_connection::deadpool::Object;
use diesel_async::RunQueryDsl;
use futures_util::StreamExt;
use tokio::sync::watch;

use super::models::Change;
use super::DbPool;

/// Where the newest committed `seq` is announced.
pub type FeedHead = watch::Receiver<i64>;

/// Counts the changes of the signing keys this instance has heard of (and
/// every reconnection, after which a change may have gone unheard).
pub type KeysChanged = watch::Receiver<u64>;

/// Counts the changes of complaints this instance has heard of (and every
/// reconnection): the published reported recruiters may have changed.
pub type ReportedChanged = watch::Receiver<u64>;

/// What the listener announces: the feed's head sees every newer `seq` as it
/// commits, the keys' counter moves at every change of the signing keys.
#[derive(Clone)]
pub struct Heard {
    feed: watch::Sender<i64>,
    keys: watch::Sender<u64>,
    reported: watch::Sender<u64>,
}

impl Heard {
    /// The channels, and what their readers hold.
    pub fn channels() -> (Self, FeedHead, KeysChanged, ReportedChanged) {
        let (feed, feed_head) = watch::channel(0);
        let (keys, keys_changed) = watch::channel(0);
        let (reported, reported_changed) = watch::channel(0);
        (Self { feed, keys, reported }, feed_head, keys_changed, reported_changed)
    }
}

/// Listens until `stop` fires, reconnecting a second after a lost
/// connection (the task `notifications`).
pub async fn run(pool: DbPool, heard: Heard, stop: tokio_util::sync::CancellationToken) -> anyhow::Result<()> {
    loop {
        tokio::select! {
            listened = listen(&pool, &heard) => {
                if let Err(e) = listened {
                    tracing::warn!(error = %e, "the notification listener lost its connection; reconnecting");
                }
            }
            () = stop.cancelled() => return Ok(()),
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
            () = stop.cancelled() => return Ok(()),
        }
    }
}

async fn listen(pool: &DbPool, heard: &Heard) -> anyhow::Result<()> {
    // Taken out of the pool for good: a listening connection is never lent.
    let mut conn = Object::take(pool.get().await?);
    diesel::sql_query("LISTEN registry_changes").execute(&mut conn).await?;
    diesel::sql_query("LISTEN registry_keys").execute(&mut conn).await?;
    diesel::sql_query("LISTEN registry_reported").execute(&mut conn).await?;
    // Whatever committed while nobody listened.
    advance(&heard.feed, Change::head(&mut conn).await?);
    heard.keys.send_modify(|n| *n += 1);
    heard.reported.send_modify(|n| *n += 1);
    let mut notifications = std::pin::pin!(conn.notifications_stream());
    while let Some(notification) = notifications.next().await {
        let notification = notification?;
        match notification.channel.as_str() {
            "registry_keys" => heard.keys.send_modify(|n| *n += 1),
            "registry_reported" => heard.reported.send_modify(|n| *n += 1),
            _ => {
                if let Ok(seq) = notification.payload.parse::<i64>() {
                    advance(&heard.feed, seq);
                }
            }
        }
    }
    anyhow::bail!("the notification stream ended")
}

fn advance(tx: &watch::Sender<i64>, seq: i64) {
    tx.send_if_modified(|head| {
        let newer = seq > *head;
        *head = (*head).max(seq);
        newer
    });
}
