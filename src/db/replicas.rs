//! Read replicas: where reads that need no fresh write go (`DATABASE_READ_URL`).
//!
//! Each replica is checked every second: how long ago it last held
//! everything the primary had committed (its replayed WAL position reached
//! the primary's, sampled just before), which bounds how stale an answer read
//! from it can be. A replica that cannot be reached, is no longer in recovery
//! (promoted: it may have diverged), or has not caught up within the allowed
//! lag is skipped, and reads fall back to the primary, until a check finds it
//! healthy again. A connection that fails between checks marks its replica
//! down at once.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::sql_types::{Bool, Nullable, Text};
use diesel::QueryableByName;
use diesel_async::pooled_connection::deadpool::PoolError;
use diesel_async::RunQueryDsl;

use super::{DbConn, DbPool};

/// How often each replica's lag is measured.
const CHECK_EVERY: Duration = Duration::from_secs(1);

/// A replica's pool, with a name for reports that carries no credentials.
#[derive(Clone)]
pub struct ReplicaPool {
    /// `host:port/database`.
    pub name: String,
    pub pool: DbPool,
}

impl std::fmt::Debug for ReplicaPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// The name of a database URL in reports: host, port and database, never
/// the user or password.
pub fn name_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let at_host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    let name = at_host.split('?').next().unwrap_or_default();
    // A Unix socket given as `?host=/dir` has no host before the path.
    match url.split_once("host=") {
        Some((_, socket)) if name.starts_with('/') => {
            format!("{}{name}", socket.split('&').next().unwrap_or_default())
        }
        _ => name.to_owned(),
    }
}

struct Replica {
    name: String,
    pool: DbPool,
    healthy: AtomicBool,
    state: Mutex<Checked>,
}

#[derive(Debug, Clone, Default)]
struct Checked {
    /// `healthy`, `lagging`, `down` or `promoted` (not a replica any more).
    state: &'static str,
    /// When it last held everything the primary had committed.
    caught_up_at: Option<Instant>,
}

/// What `/health/ready` says of a replica.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ReplicaHealth {
    /// `host:port/database`: only to an authenticated caller (and in the
    /// metrics), never to the public.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "10.0.0.7:5432/agency_registry")]
    pub name: Option<String>,
    /// `healthy` (reads go to it), `lagging` (behind by more than
    /// `READ_REPLICA_MAX_LAG_SECS`), `down` (unreachable) or `promoted` (no
    /// longer a replica): reads go to the primary instead.
    #[schema(example = "healthy")]
    pub state: &'static str,
    /// Seconds since it last held everything the primary had committed
    /// (the check runs every second).
    pub lag_secs: Option<f64>,
}

/// Where reads that need no fresh write are made: a healthy replica, else
/// the primary. Cheap to clone.
#[derive(Clone)]
pub struct Readers {
    /// Which database this is, among those one process may read (each test
    /// of the suite runs an instance on a database of its own).
    id: u64,
    primary: DbPool,
    replicas: Arc<[Replica]>,
    next: Arc<AtomicUsize>,
    /// Rounds of checks made so far.
    rounds: Arc<tokio::sync::watch::Sender<u64>>,
    /// Whether the primary answered its last check, and when that was.
    primary_checked: Arc<Mutex<Option<(bool, Instant)>>>,
}

impl Readers {
    /// Reads from `primary` only.
    pub fn primary(primary: DbPool) -> Self {
        Self::new(primary, Vec::new())
    }

    /// Reads from these replicas while they are healthy (none is, until
    /// its first check), else from `primary`.
    pub fn new(primary: DbPool, replicas: Vec<ReplicaPool>) -> Self {
        let replicas = replicas
            .into_iter()
            .map(|r| Replica {
                name: r.name,
                pool: r.pool,
                healthy: AtomicBool::new(false),
                state: Mutex::new(Checked {
                    state: "down",
                    caught_up_at: None,
                }),
            })
            .collect::<Arc<[Replica]>>();
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            primary,
            replicas,
            next: Arc::new(AtomicUsize::new(0)),
            rounds: Arc::new(tokio::sync::watch::Sender::new(0)),
            primary_checked: Arc::default(),
        }
    }

    /// Which database these readers read (the same for every clone):
    /// what is cached or shared across callers is kept apart by it.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Whether the primary answered its last check, made at most a few
    /// seconds ago: what readiness reports, without asking the database
    /// per probe.
    pub fn primary_up(&self) -> bool {
        self.primary_checked
            .lock()
            .ok()
            .and_then(|c| *c)
            .is_some_and(|(up, at)| up && at.elapsed() <= CHECK_EVERY * 5)
    }

    /// Waits (at most `limit`) until the primary has been checked once.
    pub async fn first_check(&self, limit: Duration) {
        let mut rounds = self.rounds.subscribe();
        let _ = tokio::time::timeout(limit, rounds.wait_for(|n| *n > 0)).await;
    }

    /// The primary's pool (for what must read the newest state).
    pub fn primary_pool(&self) -> &DbPool {
        &self.primary
    }

    /// Waits (at most `limit`) for a replica to be found healthy: none is
    /// until checked (the first check often finds it a few bytes behind a
    /// write made a moment before), and a read made at start (the read
    /// model's build) would otherwise go to the primary for nothing.
    pub async fn healthy_replica(&self, limit: Duration) {
        if self.replicas.is_empty() {
            return;
        }
        let mut rounds = self.rounds.subscribe();
        let any_healthy = |_: &u64| {
            self.replicas
                .iter()
                .any(|r| AtomicBool::load(&r.healthy, Ordering::Relaxed))
        };
        let _ = tokio::time::timeout(limit, rounds.wait_for(any_healthy)).await;
    }

    /// A connection to a healthy replica (taking them in turn), else to the
    /// primary.
    pub async fn get(&self) -> Result<DbConn, PoolError> {
        self.get_with_pool().await.map(|(conn, _)| conn)
    }

    /// Like [`Readers::get`], with the pool the connection came from: for
    /// reads of several queries that must all see one database (a snapshot
    /// streamed page by page after the position it states), which a later
    /// query from another replica, older than the first, would not.
    pub async fn get_with_pool(&self) -> Result<(DbConn, DbPool), PoolError> {
        for replica in self.healthy() {
            match replica.pool.get().await {
                Ok(conn) => return Ok((conn, replica.pool.clone())),
                Err(e) => {
                    tracing::warn!(replica = %replica.name, error = %e, "a read replica is unreachable; reading from the primary");
                    replica.mark("down", None);
                }
            }
        }
        Ok((self.primary.get().await?, self.primary.clone()))
    }

    /// The healthy replicas, from the next one in turn.
    fn healthy(&self) -> impl Iterator<Item = &Replica> {
        let count = self.replicas.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        (0..count)
            .map(move |i| &self.replicas[(start + i) % count])
            .filter(|r| AtomicBool::load(&r.healthy, Ordering::Relaxed))
    }

    /// What `/health/ready` says of each replica.
    pub fn health(&self) -> Vec<ReplicaHealth> {
        self.replicas
            .iter()
            .map(|r| {
                let checked = r.checked();
                ReplicaHealth {
                    name: Some(r.name.clone()),
                    state: checked.state,
                    lag_secs: checked.caught_up_at.map(|at| at.elapsed().as_secs_f64()),
                }
            })
            .collect()
    }

    /// Checks the primary and every replica every second until `stop`
    /// fires (the task `database-checks`).
    pub async fn run_checks(&self, max_lag: Duration, stop: tokio_util::sync::CancellationToken) -> anyhow::Result<()> {
        let mut tick = tokio::time::interval(CHECK_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                () = stop.cancelled() => return Ok(()),
            }
            self.check(max_lag).await;
            self.rounds.send_modify(|n| *n += 1);
        }
    }

    /// Closes the pools: their idle connections go, and no new one opens.
    pub fn close(&self) {
        self.primary.close();
        for replica in self.replicas.iter() {
            replica.pool.close();
        }
    }

    async fn check(&self, max_lag: Duration) {
        // The primary's position first: a replica that has replayed up to it
        // held, at that moment, everything committed before.
        let sampled_at = Instant::now();
        let primary_lsn = match self.primary.get().await {
            Ok(mut conn) => wal_position(&mut conn, "SELECT pg_current_wal_lsn()::text AS lsn").await,
            Err(_) => None,
        };
        if let Ok(mut checked) = self.primary_checked.lock() {
            let up = primary_lsn.is_some();
            if checked.is_some_and(|(was, _)| was != up) {
                tracing::warn!(up, "the primary database's state changed");
            }
            *checked = Some((up, Instant::now()));
        }
        for replica in self.replicas.iter() {
            let Ok(mut conn) = replica.pool.get().await else {
                replica.mark("down", None);
                continue;
            };
            let status: Result<ReplayStatus, _> = diesel::sql_query(
                "SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS replayed",
            )
            .get_result(&mut *conn)
            .await;
            let Ok(status) = status else {
                replica.mark("down", None);
                continue;
            };
            if !status.in_recovery {
                replica.mark("promoted", None);
                continue;
            }
            let replayed = status.replayed.as_deref().and_then(parse_lsn);
            let caught_up = match (replayed, primary_lsn) {
                (Some(replayed), Some(primary)) if replayed >= primary => Some(sampled_at),
                _ => replica.checked().caught_up_at,
            };
            let fresh = caught_up.is_some_and(|at| at.elapsed() <= max_lag);
            replica.mark(if fresh { "healthy" } else { "lagging" }, caught_up);
        }
    }
}

impl Replica {
    fn checked(&self) -> Checked {
        self.state.lock().map(|c| c.clone()).unwrap_or_default()
    }

    fn mark(&self, state: &'static str, caught_up_at: Option<Instant>) {
        let was = self.healthy.swap(state == "healthy", Ordering::Relaxed);
        if was != (state == "healthy") {
            tracing::info!(replica = %self.name, state, "read replica state changed");
        }
        if let Ok(mut checked) = self.state.lock() {
            *checked = Checked {
                state,
                caught_up_at: caught_up_at.or(checked.caught_up_at),
            };
        }
    }
}

#[derive(QueryableByName)]
struct ReplayStatus {
    #[diesel(sql_type = Bool)]
    in_recovery: bool,
    #[diesel(sql_type = Nullable<Text>)]
    replayed: Option<String>,
}

#[derive(QueryableByName)]
struct WalPosition {
    #[diesel(sql_type = Nullable<Text>)]
    lsn: Option<String>,
}

async fn wal_position(conn: &mut DbConn, sql: &str) -> Option<u64> {
    let row: WalPosition = diesel::sql_query(sql).get_result(&mut **conn).await.ok()?;
    row.lsn.as_deref().and_then(parse_lsn)
}

/// A WAL position (`16/B374D848`) as one number.
fn parse_lsn(lsn: &str) -> Option<u64> {
    let (high, low) = lsn.split_once('/')?;
    Some((u64::from_str_radix(high, 16).ok()? << 32) | u64::from_str_radix(low, 16).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wal_positions_compare_as_numbers() {
        assert_eq!(parse_lsn("0/16B3748"), Some(0x16B_3748));
        assert!(parse_lsn("1/0") > parse_lsn("0/FFFFFFFF"));
        assert_eq!(parse_lsn("nonsense"), None);
    }

    #[test]
    fn replicas_are_named_without_credentials() {
        assert_eq!(
            name_of("postgres://reader:s3cret@10.0.0.7:5432/registry"),
            "10.0.0.7:5432/registry"
        );
        assert_eq!(
            name_of("postgres://10.0.0.7/registry?sslmode=require"),
            "10.0.0.7/registry"
        );
        assert_eq!(
            name_of("postgres://reader@/registry?host=/tmp/pg&port=6543"),
            "/tmp/pg/registry"
        );
    }
}
