//! Configuration, from the environment (and a `.env` file when present).

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;
use secrecy::SecretString;

use crate::db::pool::PoolSettings;

pub use crate::telemetry::LogFormat;

/// Where the database is.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// PostgreSQL URL. When unset, `serve` runs a private PostgreSQL cluster
    /// under `./.data/postgres`, seeded with the demo data.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// PostgreSQL URL of the role that owns the schema and runs migrations
    /// (`migrate`, `seed`, and `serve` at start). The service itself runs as
    /// `DATABASE_URL`, a role that cannot rewrite the audit trail. Unset: the
    /// migrations run as `DATABASE_URL` too.
    #[arg(long, env = "MIGRATION_DATABASE_URL", hide_env_values = true)]
    pub migration_database_url: Option<String>,
}

impl DatabaseArgs {
    /// The URL, kept out of `Debug` output and logs.
    pub fn url(&self) -> Option<SecretString> {
        self.database_url.clone().map(SecretString::from)
    }

    /// The URL, or an error saying it is not set.
    pub fn required_url(&self) -> anyhow::Result<SecretString> {
        self.url().ok_or_else(|| anyhow::anyhow!("DATABASE_URL is not set"))
    }

    /// The URL migrations run with.
    pub fn migration_url(&self) -> Option<SecretString> {
        self.migration_database_url
            .clone()
            .or_else(|| self.database_url.clone())
            .map(SecretString::from)
    }
}

/// Where the key-encryption key is.
#[derive(Debug, Clone, Args)]
pub struct KekArgs {
    /// File holding the key-encryption key (base64 of 32 random bytes, e.g.
    /// `head -c 32 /dev/urandom | base64`) that seals the signing keys kept
    /// in the database. Never store it in the database or its backups.
    #[arg(long, env = "KEY_ENCRYPTION_KEY_FILE")]
    pub key_encryption_key_file: Option<std::path::PathBuf>,
}

impl KekArgs {
    /// The key, if a file is named.
    pub fn load(&self) -> anyhow::Result<Option<crate::auth::kek::Kek>> {
        self.key_encryption_key_file
            .as_deref()
            .map(crate::auth::kek::Kek::from_file)
            .transpose()
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
    /// HTTP worker threads (default: four per CPU).
    #[arg(long, env = "WORKERS")]
    pub workers: Option<usize>,
    /// Address of the Prometheus metrics listener (`GET /metrics`); unset:
    /// no metrics. Keep it off the public network.
    #[arg(long, env = "METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
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
    #[command(flatten)]
    pub kek: KekArgs,
    /// Answer public reads from the in-memory read model (`off`: always
    /// from Postgres).
    #[arg(long, env = "READ_MODEL", default_value = "on", value_parser = ["on", "off"])]
    pub read_model: String,
    /// Seconds the read model may go without knowing it has every change
    /// before reads fall back to Postgres.
    #[arg(long, env = "READ_MODEL_MAX_LAG_SECS", default_value_t = 5)]
    pub read_model_max_lag_secs: u64,
    /// PostgreSQL URLs of read replicas of `DATABASE_URL` (streaming
    /// replicas, the same roles), separated by commas: the read model's
    /// build, the snapshot, the change feed's history and licence statements
    /// are read there while a replica is healthy.
    #[arg(long, env = "DATABASE_READ_URL", hide_env_values = true, value_delimiter = ',')]
    pub database_read_url: Vec<String>,
    /// Seconds a replica may be behind the primary and still be read.
    #[arg(long, env = "READ_REPLICA_MAX_LAG_SECS", default_value_t = 5)]
    pub read_replica_max_lag_secs: u64,
    /// Complaints one API client may file per hour.
    #[arg(long, env = "COMPLAINTS_PER_HOUR", default_value_t = 100)]
    pub complaints_per_hour: i64,
    /// Requests one client address may make per minute (every endpoint but
    /// the health checks). Generous: many phones share one carrier address.
    #[arg(long, env = "RATE_LIMIT_PUBLIC_PER_MIN", default_value_t = 1200)]
    pub rate_limit_public_per_min: u32,
    /// Health probes (`/health/live`, `/health/ready`) one client address may
    /// make per minute.
    #[arg(long, env = "RATE_LIMIT_HEALTH_PER_MIN", default_value_t = 600)]
    pub rate_limit_health_per_min: u32,
    /// Units of bulk reads one client address may use per minute: the
    /// snapshot and a QR image cost one, a change-feed page one per 100
    /// entries it may hold.
    #[arg(long, env = "RATE_LIMIT_BULK_PER_MIN", default_value_t = 120)]
    pub rate_limit_bulk_per_min: u32,
    /// Whole snapshot downloads one client address may make per hour
    /// (answers 304 to `If-None-Match` do not count).
    #[arg(long, env = "SNAPSHOTS_PER_HOUR", default_value_t = 6)]
    pub snapshots_per_hour: u32,
    /// Snapshots one instance streams at once; more are answered 503 with
    /// `Retry-After`.
    #[arg(long, env = "SNAPSHOT_MAX_STREAMS", default_value_t = 16)]
    pub snapshot_max_streams: usize,
    /// Seconds a snapshot download may take before it is cut off (a reader
    /// too slow for it resumes with the change feed or tries again).
    #[arg(long, env = "SNAPSHOT_DEADLINE_SECS", default_value_t = 600)]
    pub snapshot_deadline_secs: u64,
    /// Token requests one client address may make per minute.
    #[arg(long, env = "RATE_LIMIT_TOKEN_PER_MIN", default_value_t = 30)]
    pub rate_limit_token_per_min: u32,
    /// Wrong secrets per client id and minute before the token endpoint answers 429
    /// (a right secret is never refused for them).
    #[arg(long, env = "RATE_LIMIT_TOKEN_FAILURES_PER_MIN", default_value_t = 10)]
    pub rate_limit_token_failures_per_min: u32,
    /// Proxies whose `X-Forwarded-For` is believed: addresses or CIDR blocks,
    /// comma-separated. Empty: the socket peer is the client.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "", value_parser = parse_proxies)]
    pub trusted_proxies: crate::rate_limit::TrustedProxies,
    /// Longest a change-feed long poll is held, in seconds (a `wait` above it
    /// is cut to it): below the idle timeout of any proxy in front.
    #[arg(long, env = "FEED_MAX_WAIT_SECS", default_value_t = 30)]
    pub feed_max_wait_secs: u64,
    /// Long polls of the change feed one client address may hold at once;
    /// more are answered at once, without waiting.
    #[arg(long, env = "FEED_MAX_WAITERS_PER_ADDRESS", default_value_t = 4)]
    pub feed_max_waiters_per_address: usize,
    /// Long polls the instance holds at once (default: a quarter of the
    /// open-file limit, which `serve` raises to its hard limit at start, at
    /// most 10,000); more are answered at once, without waiting.
    #[arg(long, env = "FEED_MAX_WAITERS")]
    pub feed_max_waiters: Option<usize>,
    /// Where the public check page tells people to report a recruiter (shown
    /// as written, in every language): a help line, a web address.
    #[arg(
        long,
        env = "HELPLINE_TEXT",
        default_value = "Police: 102. Set HELPLINE_TEXT to the ministry's help line."
    )]
    pub helpline_text: String,
    /// Base URL of the public check page (`{PUBLIC_BASE_URL}/check/{number}`),
    /// which licence QR codes open. Required, unless the private local
    /// cluster is in use (then the listen address): a QR code printed on an
    /// office door must never point at localhost by accident.
    #[arg(long, env = "PUBLIC_BASE_URL", value_parser = parse_base_url)]
    pub public_base_url: Option<String>,
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
            read_model: self.read_model == "on",
            read_model_max_lag: Duration::from_secs(self.read_model_max_lag_secs.max(1)),
            read_replica_max_lag: Duration::from_secs(self.read_replica_max_lag_secs.max(1)),
            complaints_per_hour: self.complaints_per_hour.max(1),
            rate: crate::rate_limit::RateSettings {
                public_per_minute: self.rate_limit_public_per_min,
                health_per_minute: self.rate_limit_health_per_min,
                bulk_per_minute: self.rate_limit_bulk_per_min,
                snapshots_per_hour: self.snapshots_per_hour,
                token_per_minute: self.rate_limit_token_per_min,
                token_failures_per_client_per_minute: self.rate_limit_token_failures_per_min,
            },
            trusted_proxies: self.trusted_proxies.0.clone(),
            public_base_url: self
                .public_base_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", self.listen_addr)),
            feed_max_wait: Duration::from_secs(self.feed_max_wait_secs.clamp(1, 30)),
            feed_waiters_per_address: self.feed_max_waiters_per_address,
            snapshot_streams: self.snapshot_max_streams,
            snapshot_deadline: Duration::from_secs(self.snapshot_deadline_secs),
            feed_waiters: self.feed_max_waiters.unwrap_or_else(default_feed_waiters),
            helpline: self.helpline_text.clone(),
            metrics_addr: self.metrics_addr,
            ..crate::startup::ServerOptions::default()
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

/// A quarter of the open-file limit (which `serve` raises to its hard limit
/// first: every connection is a file), at most 10,000: the rest is left for
/// the connections that do not wait.
fn default_feed_waiters() -> usize {
    let limit = rlimit::Resource::NOFILE.get().map_or(1024, |(soft, _)| soft);
    usize::try_from(limit / 4).unwrap_or(usize::MAX).clamp(16, 10_000)
}

fn parse_proxies(list: &str) -> Result<crate::rate_limit::TrustedProxies, String> {
    crate::rate_limit::parse_trusted_proxies(list).map(crate::rate_limit::TrustedProxies)
}

/// An `http(s)://` origin (and optional path) with nothing after it: a QR
/// code appends `/check/{number}#...` to it.
fn parse_base_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("must start with https:// (or http://)")?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || rest.contains(['?', '#', ' ']) {
        return Err("must be an address such as https://registry.example.uz, without query or fragment".into());
    }
    Ok(url.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::parse_base_url;

    #[test]
    fn public_base_urls_are_origins_with_an_optional_path() {
        assert_eq!(
            parse_base_url("https://registry.example.uz/").unwrap(),
            "https://registry.example.uz"
        );
        assert_eq!(
            parse_base_url("http://localhost:8080/reg").unwrap(),
            "http://localhost:8080/reg"
        );
        for bad in [
            "registry.example.uz",
            "ftp://x",
            "https://",
            "https://x/?a=1",
            "https://x/#f",
        ] {
            assert!(parse_base_url(bad).is_err(), "{bad}");
        }
    }
}
