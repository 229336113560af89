//! Every background task of the process, with one owner.
//!
//! A task has a name, is started here, is told to stop through a
//! cancellation token, and is watched: one that ends without being asked
//! to, returns an error or panics is logged, counted
//! (`background_task_restarts_total`) and started again after a pause that
//! doubles from 100 ms up to 30 s (back to 100 ms once it has run a minute).
//! An *essential* task (one the instance cannot serve well without, as the
//! notification listener) makes the instance not ready while it is down.
//! `/health/ready` lists every task and its state; [`Tasks::stop`] cancels
//! them all and waits for them to end.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// What `/health/ready` says of a task.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct TaskHealth {
    /// The task's name.
    #[schema(example = "read-model")]
    pub name: &'static str,
    /// `running`, `restarting` (it failed and waits to start again) or
    /// `stopped` (the process is stopping).
    #[schema(example = "running")]
    pub state: &'static str,
    /// Times it was started again after failing.
    pub restarts: u64,
    /// Whether the instance is ready only while it runs.
    pub essential: bool,
}

#[derive(Debug, Clone)]
struct Watched {
    state: &'static str,
    restarts: u64,
    essential: bool,
}

/// The owner of the process's background tasks. Cheap to clone.
#[derive(Clone, Default)]
pub struct Tasks {
    tracker: TaskTracker,
    cancel: CancellationToken,
    watched: Arc<Mutex<BTreeMap<&'static str, Watched>>>,
    /// The running attempt of each task, so that a test can kill one.
    attempts: Arc<Mutex<BTreeMap<&'static str, tokio::task::AbortHandle>>>,
}

/// The first pause before a failed task starts again, and the longest.
const FIRST_PAUSE: Duration = Duration::from_millis(100);
const LONGEST_PAUSE: Duration = Duration::from_secs(30);
/// A task that ran this long before failing starts again at once.
const HEALTHY_RUN: Duration = Duration::from_secs(60);

impl Tasks {
    /// Starts the task `name`: `start` makes one attempt, given the token
    /// that tells it to stop; it is called again for every restart.
    pub fn spawn<F, Fut>(&self, name: &'static str, essential: bool, start: F)
    where
        F: Fn(CancellationToken) -> Fut + Send + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        self.set(name, |w| {
            *w = Watched {
                state: "running",
                restarts: 0,
                essential,
            }
        });
        let tasks = self.clone();
        self.tracker.spawn(async move {
            let mut pause = FIRST_PAUSE;
            loop {
                let cancel = tasks.cancel.child_token();
                let started = Instant::now();
                let attempt = tokio::spawn(start(cancel.clone()));
                if let Ok(mut attempts) = tasks.attempts.lock() {
                    attempts.insert(name, attempt.abort_handle());
                }
                let outcome = attempt.await;
                if tasks.cancel.is_cancelled() {
                    tasks.set(name, |w| w.state = "stopped");
                    return;
                }
                match outcome {
                    Ok(Ok(())) => tracing::error!(task = name, "a background task ended by itself; starting it again"),
                    Ok(Err(e)) => tracing::error!(task = name, error = %format!("{e:#}"), "a background task failed; starting it again"),
                    Err(e) if e.is_panic() => tracing::error!(task = name, "a background task panicked; starting it again"),
                    Err(_) => tracing::error!(task = name, "a background task was killed; starting it again"),
                }
                metrics::counter!("background_task_restarts_total", "task" => name).increment(1);
                tasks.set(name, |w| {
                    w.state = "restarting";
                    w.restarts += 1;
                });
                if started.elapsed() >= HEALTHY_RUN {
                    pause = FIRST_PAUSE;
                }
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    () = tasks.cancel.cancelled() => {
                        tasks.set(name, |w| w.state = "stopped");
                        return;
                    }
                }
                pause = (pause * 2).min(LONGEST_PAUSE);
                tasks.set(name, |w| w.state = "running");
            }
        });
    }

    fn set(&self, name: &'static str, change: impl FnOnce(&mut Watched)) {
        if let Ok(mut watched) = self.watched.lock() {
            let entry = watched.entry(name).or_insert(Watched {
                state: "running",
                restarts: 0,
                essential: false,
            });
            change(entry);
        }
    }

    /// Every task and its state, by name.
    pub fn health(&self) -> Vec<TaskHealth> {
        self.watched.lock().map_or_else(
            |_| Vec::new(),
            |watched| {
                watched
                    .iter()
                    .map(|(name, w)| TaskHealth {
                        name,
                        state: w.state,
                        restarts: w.restarts,
                        essential: w.essential,
                    })
                    .collect()
            },
        )
    }

    /// Whether every essential task runs.
    pub fn essentials_run(&self) -> bool {
        self.health().iter().all(|t| !t.essential || t.state == "running")
    }

    /// Kills the running attempt of `name`, as a crash would (tests).
    pub fn kill(&self, name: &str) -> bool {
        self.attempts
            .lock()
            .ok()
            .and_then(|attempts| attempts.get(name).map(tokio::task::AbortHandle::abort))
            .is_some()
    }

    /// Tells every task to stop and waits (at most `grace`) until they have.
    pub async fn stop(&self, grace: Duration) -> bool {
        self.cancel.cancel();
        self.tracker.close();
        let stopped = tokio::time::timeout(grace, self.tracker.wait()).await.is_ok();
        if !stopped {
            tracing::warn!("background tasks did not stop in time; aborting them");
            if let Ok(attempts) = self.attempts.lock() {
                attempts.values().for_each(tokio::task::AbortHandle::abort);
            }
        }
        stopped
    }
}

/// Runs `step` every `every` until `cancel` fires; a failing step is logged
/// and tried again at the next tick (a task that only repeats a step has
/// nothing to restart).
pub async fn every<F, Fut>(
    every: Duration,
    cancel: CancellationToken,
    name: &'static str,
    step: F,
) -> anyhow::Result<()>
where
    F: Fn() -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            () = cancel.cancelled() => return Ok(()),
        }
        if let Err(e) = step().await {
            tracing::warn!(task = name, error = %format!("{e:#}"), "a periodic step failed; it runs again at its next tick");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Polls `done` every 5 ms, for 5 s at most: a loaded machine delays
    /// every step, so the test waits for facts, not for fixed times.
    async fn until(what: &str, done: impl Fn() -> bool) {
        let since = Instant::now();
        while !done() {
            assert!(since.elapsed() < Duration::from_secs(5), "{what} never happened");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    #[tokio::test]
    async fn a_task_that_panics_is_started_again_and_all_stop_when_told() {
        let tasks = Tasks::default();
        let starts = Arc::new(AtomicUsize::new(0));
        let counted = starts.clone();
        tasks.spawn("flaky", true, move |cancel| {
            let n = counted.fetch_add(1, Ordering::SeqCst);
            async move {
                if n == 0 {
                    panic!("the first attempt falls over");
                }
                cancel.cancelled().await;
                Ok(())
            }
        });
        until("a second start", || starts.load(Ordering::SeqCst) == 2).await;
        until("running again", || tasks.health()[0].state == "running").await;
        let health = tasks.health();
        assert_eq!(
            (health[0].name, health[0].state, health[0].restarts),
            ("flaky", "running", 1)
        );
        assert!(tasks.essentials_run());
        // Killed from outside: started again too.
        assert!(tasks.kill("flaky"));
        // An essential task down makes the instance not ready.
        until("not ready while it restarts", || !tasks.essentials_run()).await;
        until("a third start", || starts.load(Ordering::SeqCst) == 3).await;
        assert!(tasks.stop(Duration::from_secs(1)).await, "every task stopped when told");
        assert_eq!(tasks.health()[0].state, "stopped");
    }
}
