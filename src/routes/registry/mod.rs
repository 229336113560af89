//! `/v1/registry/...`: the registry as a whole.

pub mod find_snapshot;

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::Stream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;

/// The snapshots one instance streams at once, and how long each may take.
///
/// A snapshot holds a gzip encoder and buffers (about half a megabyte) for
/// as long as its reader takes: 300 readers that stopped reading once held
/// 160 MB. So there are at most `SNAPSHOT_MAX_STREAMS` at a time, and each is
/// cut off after `SNAPSHOT_DEADLINE_SECS`: its place is given back at the
/// deadline whether or not its reader ever reads again, and the stream ends
/// with an error the next time it is asked for more, which closes the
/// connection.
pub struct SnapshotStreams {
    permits: Arc<Semaphore>,
    deadline: Duration,
}

impl SnapshotStreams {
    /// At most `streams` at once, each for at most `deadline`.
    pub fn new(streams: usize, deadline: Duration) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(streams.max(1))),
            deadline,
        }
    }

    /// A place for one more stream, or 503 with `Retry-After`.
    pub fn enter(&self) -> Result<SnapshotPlace, ApiError> {
        let permit = self
            .permits
            .clone()
            .try_acquire_owned()
            .map_err(|_| ApiError::Busy { retry_after: 30 })?;
        let place = Arc::new(Mutex::new(Some(permit)));
        let held = Arc::downgrade(&place);
        let deadline = self.deadline;
        // The place is given back at the deadline even if the reader never
        // asks for another byte (and the stream is never polled again).
        tokio::spawn(async move {
            tokio::time::sleep(deadline).await;
            if let Some(place) = held.upgrade() {
                if let Ok(mut permit) = place.lock() {
                    permit.take();
                }
            }
        });
        Ok(SnapshotPlace {
            place,
            until: Instant::now() + self.deadline,
        })
    }
}

/// A stream's place, held by its body.
pub struct SnapshotPlace {
    place: Arc<Mutex<Option<OwnedSemaphorePermit>>>,
    until: Instant,
}

impl SnapshotPlace {
    /// Gives the place back (once the stream ended, or at its deadline).
    fn release(&self) {
        if let Ok(mut permit) = self.place.lock() {
            permit.take();
        }
    }

    /// `body` cut off at the deadline, holding the place while it streams.
    pub fn hold<S>(self, body: S) -> impl Stream<Item = Result<Bytes, ApiError>>
    where
        S: Stream<Item = Result<Bytes, ApiError>> + Unpin,
    {
        Deadlined {
            body,
            place: Some(self),
        }
    }
}

struct Deadlined<S> {
    body: S,
    place: Option<SnapshotPlace>,
}

impl<S> Stream for Deadlined<S>
where
    S: Stream<Item = Result<Bytes, ApiError>> + Unpin,
{
    type Item = Result<Bytes, ApiError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let Some(place) = &self.place else {
            return Poll::Ready(None);
        };
        if Instant::now() >= place.until {
            place.release();
            self.place = None;
            tracing::info!("a snapshot download passed its deadline and was cut off");
            return Poll::Ready(Some(Err(ApiError::Busy { retry_after: 30 })));
        }
        let next = Pin::new(&mut self.body).poll_next(cx);
        if let Poll::Ready(None) = next {
            if let Some(place) = self.place.take() {
                place.release();
            }
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    #[tokio::test]
    async fn streams_are_capped_and_a_stalled_one_gives_its_place_back_at_the_deadline() {
        let streams = SnapshotStreams::new(1, Duration::from_millis(200));
        let stalled = streams.enter().unwrap();
        assert!(matches!(streams.enter(), Err(ApiError::Busy { .. })), "one at a time");
        // Its reader never reads: the place comes back at the deadline anyway.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let next = streams.enter().expect("the place was given back");
        // And the stalled stream, asked for more after its deadline, ends in an error.
        let mut body = Box::pin(stalled.hold(futures_util::stream::iter([Ok(Bytes::from_static(b"line\n"))])));
        assert!(matches!(body.next().await, Some(Err(ApiError::Busy { .. }))));
        assert!(body.next().await.is_none());
        // A stream that ends gives its place back at once.
        let mut done = Box::pin(next.hold(futures_util::stream::iter([Ok(Bytes::from_static(b"x\n"))])));
        while done.next().await.is_some() {}
        assert!(streams.enter().is_ok());
    }
}
