//! The connection pool, built once per process and shared by every worker.

use std::time::Duration;

use deadpool::Runtime;
use diesel_async::pooled_connection::deadpool::{BuildError, Object, Pool};
use diesel_async::pooled_connection::{AsyncDieselConnectionManager, ManagerConfig, RecyclingMethod};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use futures_util::FutureExt;

/// The shared pool of async Postgres connections.
pub type DbPool = Pool<AsyncPgConnection>;
/// A connection checked out of [`DbPool`].
pub type DbConn = Object<AsyncPgConnection>;

/// Pool sizing and time limits.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    /// Most connections open at once; never below 2.
    pub max_size: usize,
    /// How long a request waits for a free or new connection before it is
    /// answered 503, so an exhausted pool or a dead database never hangs a caller.
    pub acquire_timeout: Duration,
    /// Longest a single statement may run.
    pub statement_timeout: Duration,
    /// How its connections are named in `pg_stat_activity`.
    pub application_name: &'static str,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_size: 16,
            acquire_timeout: Duration::from_secs(3),
            statement_timeout: Duration::from_secs(5),
            application_name: "agency-registry",
        }
    }
}

/// Builds the pool. Connections are opened lazily, on first use.
pub fn build_pool(database_url: &str, settings: &PoolSettings) -> Result<DbPool, BuildError> {
    let statement_timeout_ms = settings.statement_timeout.as_millis();
    let application_name = settings.application_name;
    let mut config = ManagerConfig::<AsyncPgConnection>::default();
    // The default recycling runs `SELECT 1` on every checkout, about 30 % of a
    // point lookup's cost; a broken connection is detected by its next query.
    config.recycling_method = RecyclingMethod::Fast;
    config.custom_setup = Box::new(move |url| {
        async move {
            let mut conn = AsyncPgConnection::establish(url).await?;
            diesel::sql_query(
                "SELECT set_config('statement_timeout', $1, false), set_config('application_name', $2, false)",
            )
            .bind::<diesel::sql_types::Text, _>(statement_timeout_ms.to_string())
            .bind::<diesel::sql_types::Text, _>(application_name)
            .execute(&mut conn)
            .await
            .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
            Ok(conn)
        }
        .boxed()
    });
    let manager = AsyncDieselConnectionManager::new_with_config(database_url, config);
    Pool::builder(manager)
        .max_size(settings.max_size.max(2))
        .runtime(Runtime::Tokio1)
        .wait_timeout(Some(settings.acquire_timeout))
        .create_timeout(Some(settings.acquire_timeout))
        .recycle_timeout(Some(settings.acquire_timeout))
        .build()
}

/// A round trip to the database (the readiness probe).
pub async fn ping(conn: &mut AsyncPgConnection) -> diesel::QueryResult<()> {
    diesel::sql_query("SELECT 1").execute(conn).await.map(|_| ())
}
