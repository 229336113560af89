//! Configuration, from the environment (and a `.env` file when present).

use std::net::SocketAddr;
use std::time::Duration;

use clap::{Args, ValueEnum};
use secrecy::SecretString;

use crate::db::pool::PoolSettings;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Where the database is.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// PostgreSQL URL. When unset, `serve` runs a private PostgreSQL cluster
    /// under `./.data/postgres`, seeded with the demo data.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

impl DatabaseArgs {
    /// The URL, kept out of `Debug` output and logs.
    pub fn url(&self) -> Option<SecretString> {
        self.database_url.clone().map(SecretString::from)
    }
}

/// Settings of the HTTP service.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Address to listen on.
    #[arg(long, env = "LISTEN_ADDR", default_value = "127.0.0.1:8080")]
    pub listen_addr: SocketAddr,
    /// HTTP worker threads (default: one per CPU).
    #[arg(long, env = "WORKERS")]
    pub workers: Option<usize>,
    /// Largest number of database connections (at least 2).
    #[arg(long, env = "DATABASE_POOL_SIZE", default_value_t = 16)]
    pub pool_size: usize,
    /// Seconds a request waits for a database connection before it is answered 503.
    #[arg(long, env = "DATABASE_ACQUIRE_TIMEOUT_SECS", default_value_t = 3)]
    pub acquire_timeout_secs: u64,
    /// PEM file (PKCS#8) of the Ed25519 key that signs access tokens. When
    /// unset, a key is generated on first start and kept in the database.
    #[arg(long, env = "JWT_SIGNING_KEY_FILE")]
    pub jwt_signing_key_file: Option<std::path::PathBuf>,
    /// Seconds a search answer is reused for the same search; 0 turns the cache off.
    #[arg(long, env = "SEARCH_CACHE_TTL_SECS", default_value_t = 30)]
    pub search_cache_ttl_secs: u64,
    /// Complaints one API client may file per hour.
    #[arg(long, env = "COMPLAINTS_PER_HOUR", default_value_t = 100)]
    pub complaints_per_hour: i64,
    /// Load the demo data set when the registry is empty (always done for a
    /// newly created private cluster).
    #[arg(long, env = "DEMO_DATA")]
    pub demo_data: bool,
    /// Directory of the private PostgreSQL cluster used when `DATABASE_URL` is unset.
    #[arg(long, env = "LOCAL_POSTGRES_DIR", default_value = ".data/postgres")]
    pub local_postgres_dir: std::path::PathBuf,
}

impl ServeArgs {
    /// HTTP server options from these arguments.
    pub fn server_options(&self) -> crate::startup::ServerOptions {
        crate::startup::ServerOptions {
            workers: self.workers,
            search_cache_ttl: Duration::from_secs(self.search_cache_ttl_secs),
            complaints_per_hour: self.complaints_per_hour.max(1),
        }
    }

    /// Pool settings from these arguments.
    pub fn pool_settings(&self) -> PoolSettings {
        PoolSettings {
            max_size: self.pool_size.max(2),
            acquire_timeout: Duration::from_secs(self.acquire_timeout_secs.max(1)),
            ..PoolSettings::default()
        }
    }
}

/// Logging settings, shared by every command.
#[derive(Debug, Clone, Args)]
pub struct LogArgs {
    /// Log line format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value = "text", global = true)]
    pub log_format: LogFormat,
}
