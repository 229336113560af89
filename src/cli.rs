//! The `agency-registry` command line.

use anyhow::bail;
use chrono::Utc;
use clap::{Args, Parser, Subcommand};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use secrecy::ExposeSecret;

pub use crate::admin::{AuditArgs, AuditCommand, ClientsArgs, ClientsCommand, KeysArgs, KeysCommand};
use crate::config::{DatabaseArgs, LogArgs, Settings};
use crate::db::migrations;
use crate::db::models::Agency;
use crate::domain::registry_today;
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
    Serve(Box<Settings>),
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
                let url = db.required_migration_url()?;
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

async fn serve(settings: Settings) -> anyhow::Result<()> {
    // Every connection is a file: long polls and slow phones hold many.
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::info!(open_files = limit, "open-file limit raised to its hard limit"),
        Err(e) => tracing::warn!(error = %e, "the open-file limit could not be raised"),
    }
    let asked = settings.listen_addr;
    let metrics_addr = settings.metrics_addr;
    let app = Application::build(settings).await?;
    // The bound port, not the asked one: `LISTEN_ADDR=127.0.0.1:0` picks a free one.
    let bound = std::net::SocketAddr::new(asked.ip(), app.port());
    tracing::info!("agency-registry listening on http://{bound}; API docs at http://{bound}/docs");
    if let (Some(addr), Some(port)) = (metrics_addr, app.metrics_port()) {
        tracing::info!("metrics at http://{}:{port}/metrics", addr.ip());
    }
    app.stop_on_signals();
    app.run_until_stopped().await
}

async fn seed_command(args: SeedArgs) -> anyhow::Result<()> {
    let url = args.database.required_url()?;
    migrations::run_pending(args.database.required_migration_url()?.expose_secret()).await?;
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
