//! The newest change-feed position, pushed by Postgres (`LISTEN/NOTIFY`).
//!
//! One connection per process listens on `registry_changes`, which the
//! feed's insert trigger notifies at commit; long polls wait on the
//! [`watch`] channel it feeds instead of asking the database in a loop. Every
//! instance listens for itself, so a change committed through any instance
//! wakes the waiters of all.

use std::time::Duration;

use diesel_async::pooled_connection::deadpool::Object;
use diesel_async::RunQueryDsl;
use futures_util::StreamExt;
use tokio::sync::watch;

use super::models::Change;
use super::DbPool;

/// Where the newest committed `seq` is announced.
pub type FeedHead = watch::Receiver<i64>;

/// Starts listening; the receiver sees every newer `seq` as it commits.
pub fn spawn(pool: DbPool) -> FeedHead {
    let (tx, rx) = watch::channel(0);
    tokio::spawn(async move {
        loop {
            if let Err(e) = listen(&pool, &tx).await {
                tracing::warn!(error = %e, "change feed listener lost its connection; reconnecting");
            }
            if tx.is_closed() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    rx
}

async fn listen(pool: &DbPool, tx: &watch::Sender<i64>) -> anyhow::Result<()> {
    // Taken out of the pool for good: a listening connection is never lent.
    let mut conn = Object::take(pool.get().await?);
    diesel::sql_query("LISTEN registry_changes").execute(&mut conn).await?;
    // Whatever committed while nobody listened.
    advance(tx, Change::head(&mut conn).await?);
    let mut notifications = std::pin::pin!(conn.notifications_stream());
    while let Some(notification) = notifications.next().await {
        if let Ok(seq) = notification?.payload.parse::<i64>() {
            advance(tx, seq);
        }
        if tx.is_closed() {
            break;
        }
    }
    Ok(())
}

fn advance(tx: &watch::Sender<i64>, seq: i64) {
    tx.send_if_modified(|head| {
        let newer = seq > *head;
        *head = (*head).max(seq);
        newer
    });
}
