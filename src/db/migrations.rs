//! The schema migrations, embedded in the binary.

use diesel::Connection;
use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
use diesel_async::AsyncPgConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// Every migration under `migrations/`, compiled in.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// Creates the runtime group role when it is missing and the connected role
/// may create roles. The migrations need the role but never create it
/// themselves: an owner without `CREATEROLE` (managed PostgreSQL) migrates
/// once an administrator has created it.
const ENSURE_RUNTIME_GROUP: &str = "DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'agency_registry_runtime')
       AND (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        CREATE ROLE agency_registry_runtime NOLOGIN;
    END IF;
END $$";

/// Applies the pending migrations and returns how many ran.
///
/// Diesel's migration harness is synchronous, so it runs on a blocking thread
/// and never on a request worker.
pub async fn run_pending(database_url: &str) -> anyhow::Result<usize> {
    let url = database_url.to_owned();
    tokio::task::spawn_blocking(move || -> anyhow::Result<usize> {
        let mut conn = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)?;
        diesel::RunQueryDsl::execute(diesel::sql_query(ENSURE_RUNTIME_GROUP), &mut conn)?;
        let applied = conn
            .run_pending_migrations(MIGRATIONS)
            .map_err(|e| anyhow::anyhow!("running migrations failed: {e}"))?;
        Ok(applied.len())
    })
    .await?
}
