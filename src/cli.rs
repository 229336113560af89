//! The `agency-registry` command line.

use std::net::TcpListener;

use anyhow::{bail, Context};
use chrono::Utc;
use clap::{Args, Parser, Subcommand};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use secrecy::{ExposeSecret, SecretString};

pub use crate::admin::{AuditArgs, AuditCommand, ClientsArgs, ClientsCommand, KeysArgs, KeysCommand};
use crate::auth::keys::KeyStore;
use crate::config::{DatabaseArgs, LogArgs, ServeArgs};
use crate::db::models::Agency;
use crate::db::{migrations, pool, roles};
use crate::domain::registry_today;
use crate::local_postgres::LocalPostgres;
use crate::seed;
use crate::startup::Application;
use crate::usecases::{self, Actor};

/// Public registry of licensed labour-recruitment agencies.
#[derive(Debug, Parser)]
#[command(name = "agency-registry", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub log: LogArgs,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the HTTP API (runs pending migrations first).
    Serve(Box<ServeArgs>),
    /// Apply pending database migrations.
    Migrate(DatabaseArgs),
    /// Load a data set into the database.
    Seed(SeedArgs),
    /// Print the OpenAPI document (as committed in openapi/openapi.json).
    Openapi,
    /// Manage API clients (ministry systems, NGOs, auditors).
    Clients(ClientsArgs),
    /// Manage the keys that sign access tokens.
    Keys(KeysArgs),
    /// Check the audit trail.
    Audit(AuditArgs),
}

/// Where to load which data set.
#[derive(Debug, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub data_set: DataSet,
    /// Load even when the registry already holds agencies.
    #[arg(long)]
    pub force: bool,
}

/// Which data set to load.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct DataSet {
    /// The demonstration data set: 60 fictional agencies.
    #[arg(long)]
    pub demo: bool,
    /// N synthetic agencies (licences SY-000000, SY-000001, ...) for benchmarks.
    #[arg(long, value_name = "N")]
    pub synthetic: Option<usize>,
}

impl Cli {
    /// Runs the command.
    pub async fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Serve(args) => serve(*args).await,
            Command::Migrate(db) => {
                let url = required_migration_url(&db)?;
                let applied = migrations::run_pending(url.expose_secret()).await?;
                tracing::info!(applied, "migrations are up to date");
                Ok(())
            }
            Command::Seed(args) => seed_command(args).await,
            Command::Openapi => {
                print!("{}", crate::openapi::document_json());
                Ok(())
            }
            Command::Clients(args) => crate::admin::clients(args).await,
            Command::Keys(args) => crate::admin::keys(args).await,
            Command::Audit(args) => crate::admin::audit(args).await,
        }
    }
}

fn required_url(db: &DatabaseArgs) -> anyhow::Result<SecretString> {
    db.required_url()
}

fn required_migration_url(db: &DatabaseArgs) -> anyhow::Result<SecretString> {
    db.migration_url()
        .context("neither MIGRATION_DATABASE_URL nor DATABASE_URL is set")
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    // Every connection is a file: long polls and slow phones hold many.
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::info!(open_files = limit, "open-file limit raised to its hard limit"),
        Err(e) => tracing::warn!(error = %e, "the open-file limit could not be raised"),
    }
    let local = match args.database.url() {
        Some(_) => None,
        None => {
            tracing::info!(dir = %args.local_postgres_dir.display(), "DATABASE_URL is not set: starting a private PostgreSQL cluster");
            let dir = args.local_postgres_dir.clone();
            Some(tokio::task::spawn_blocking(move || LocalPostgres::start(&dir)).await??)
        }
    };
    let result = serve_with(&args, local.as_ref()).await;
    if let Some(local) = local {
        tracing::info!("stopping the private PostgreSQL cluster");
        tokio::task::spawn_blocking(move || local.stop()).await??;
    }
    result
}

async fn serve_with(args: &ServeArgs, local: Option<&LocalPostgres>) -> anyhow::Result<()> {
    if local.is_none() && args.public_base_url.is_none() {
        bail!(
            "PUBLIC_BASE_URL is not set: QR codes and the check page's links would point nowhere. \
             Set it to the public address of the check page, e.g. https://registry.example.uz"
        );
    }
    let (url, owner_url, kek) = match local {
        Some(local) => (
            SecretString::from(local.runtime_url()),
            SecretString::from(local.owner_url()),
            Some(local.key_encryption_key()?),
        ),
        None => (
            required_url(&args.database)?,
            required_migration_url(&args.database)?,
            args.kek.load()?,
        ),
    };
    let applied = migrations::run_pending(owner_url.expose_secret()).await?;
    tracing::info!(applied, "migrations are up to date");
    if local.is_some() {
        let mut owner = AsyncPgConnection::establish(owner_url.expose_secret()).await?;
        roles::ensure_runtime_login(&mut owner, LocalPostgres::RUNTIME_ROLE).await?;
    }
    let mut conn = AsyncPgConnection::establish(url.expose_secret()).await?;
    if roles::can_rewrite_audit(&mut conn).await? {
        tracing::warn!(
            "the service connects as a role that can rewrite the audit trail (its owner or a superuser); \
             run it as a member of agency_registry_runtime and give the owner as MIGRATION_DATABASE_URL"
        );
    }
    if (args.demo_data || local.is_some_and(|l| l.created)) && !Agency::any(&mut conn).await? {
        let batch = seed::demo::batch(registry_today(Utc::now()));
        usecases::seed::load(&mut conn, &Actor::system(), "demo", &batch).await?;
        tracing::info!("loaded the demo data set");
    }
    let key_file = match &args.jwt_signing_key_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read JWT_SIGNING_KEY_FILE {}", path.display()))?,
        ),
        None => None,
    };
    {
        // Keys are written by the owner only; the runtime role reads them.
        let mut owner = AsyncPgConnection::establish(owner_url.expose_secret()).await?;
        crate::auth::keys::prepare(&mut owner, key_file.as_deref(), kek.as_ref()).await?;
    }
    let keys = KeyStore::load(&mut conn, key_file.as_deref(), kek).await?;
    drop(conn);
    let pool = pool::build_pool(url.expose_secret(), &args.pool_settings())?;
    let listener =
        TcpListener::bind(args.listen_addr).with_context(|| format!("cannot listen on {}", args.listen_addr))?;
    let mut options = args.server_options();
    for url in args
        .database_read_url
        .iter()
        .map(|u| u.trim())
        .filter(|u| !u.is_empty())
    {
        let settings = pool::PoolSettings {
            application_name: "agency-registry-reader",
            ..args.pool_settings()
        };
        options.read_replicas.push(crate::db::replicas::ReplicaPool {
            name: crate::db::replicas::name_of(url),
            pool: pool::build_pool(url, &settings)?,
        });
    }
    let bound = std::net::SocketAddr::new(args.listen_addr.ip(), listener.local_addr()?.port());
    let app = Application::build(listener, pool, keys, options)?;
    // The bound port, not the asked one: `LISTEN_ADDR=127.0.0.1:0` picks a free one.
    tracing::info!("agency-registry listening on http://{bound}; API docs at http://{bound}/docs");
    if let (Some(addr), Some(port)) = (args.metrics_addr, app.metrics_port()) {
        tracing::info!("metrics at http://{}:{port}/metrics", addr.ip());
    }
    app.run_until_stopped().await?;
    Ok(())
}

async fn seed_command(args: SeedArgs) -> anyhow::Result<()> {
    let url = required_url(&args.database)?;
    migrations::run_pending(required_migration_url(&args.database)?.expose_secret()).await?;
    let mut conn = AsyncPgConnection::establish(url.expose_secret()).await?;
    let today = registry_today(Utc::now());
    if !args.force && Agency::any(&mut conn).await? {
        bail!("the registry already holds agencies; a data set goes into an empty registry (--force loads it anyway)");
    }
    let actor = Actor::cli();
    if args.data_set.demo {
        usecases::seed::load(&mut conn, &actor, "demo", &seed::demo::batch(today)).await?;
        tracing::info!("loaded the demo data set");
    } else if let Some(total) = args.data_set.synthetic {
        let started = std::time::Instant::now();
        const CHUNK: usize = 10_000;
        for first in (0..total).step_by(CHUNK) {
            let batch = seed::synthetic::batch(first, CHUNK.min(total - first), today);
            usecases::seed::load(&mut conn, &actor, "synthetic", &batch).await?;
        }
        tracing::info!(
            total,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "loaded synthetic agencies"
        );
    }
    Ok(())
}
