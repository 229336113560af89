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

    /// The URL migrations run with, or an error saying neither is set.
    pub fn required_migration_url(&self) -> anyhow::Result<SecretString> {
        self.migration_url()
            .ok_or_else(|| anyhow::anyhow!("neither MIGRATION_DATABASE_URL nor DATABASE_URL is set"))
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

/// Everything `serve` is told, from the command line and the environment:
/// the one place each setting, its default and its allowed range are
/// written. Out-of-range values are refused at start with clap's message,
/// never clamped. The configuration table of docs/operators.md is checked against these
/// by a test. Fields marked `skip` are not configuration but knobs of the
/// tests (a clock to move, jobs to run more often).
#[derive(Debug, Clone, Args)]
pub struct Settings {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Address to listen on (port 0: a free one, logged at start).
    #[arg(long, env = "LISTEN_ADDR", default_value = "127.0.0.1:8080")]
    pub listen_addr: SocketAddr,
    /// HTTP worker threads (default: four per CPU).
    #[arg(long, env = "WORKERS", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub workers: Option<u16>,
    /// Address of the Prometheus metrics listener (`GET /metrics`); unset:
    /// no metrics. Keep it off the public network.
    #[arg(long, env = "METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// Largest number of database connections.
    #[arg(long, env = "DATABASE_POOL_SIZE", default_value_t = 16, value_parser = clap::value_parser!(u16).range(2..=1000))]
    pub pool_size: u16,
    /// Seconds a request waits for a database connection before it is answered 503.
    #[arg(long, env = "DATABASE_ACQUIRE_TIMEOUT_SECS", default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=60))]
    pub acquire_timeout_secs: u64,
    /// PEM file (PKCS#8) of the Ed25519 key that signs access tokens. When
    /// unset, a key is generated on first start and kept in the database.
    #[arg(long, env = "JWT_SIGNING_KEY_FILE")]
    pub jwt_signing_key_file: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub kek: KekArgs,
    /// Answer public reads from the in-memory read model (`off`: always
    /// from Postgres).
    #[arg(long, env = "READ_MODEL", default_value = "on", value_parser = parse_on_off, action = clap::ArgAction::Set)]
    pub read_model: bool,
    /// Seconds the read model may go without knowing it has every change
    /// before reads fall back to Postgres.
    #[arg(long, env = "READ_MODEL_MAX_LAG_SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub read_model_max_lag_secs: u64,
    /// PostgreSQL URLs of read replicas of `DATABASE_URL` (streaming
    /// replicas, the same roles), separated by commas: the read model's
    /// build, the snapshot and the change feed's history are read there
    /// while a replica is healthy (licence statements are made from what
    /// the check reads, as its history and QR codes are).
    #[arg(long, env = "DATABASE_READ_URL", hide_env_values = true, value_delimiter = ',')]
    pub database_read_url: Vec<String>,
    /// Seconds a replica may be behind the primary and still be read.
    #[arg(long, env = "READ_REPLICA_MAX_LAG_SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub read_replica_max_lag_secs: u64,
    /// Complaints one API client may file per hour.
    #[arg(long, env = "COMPLAINTS_PER_HOUR", default_value_t = 100, value_parser = clap::value_parser!(i64).range(1..=1_000_000))]
    pub complaints_per_hour: i64,
    /// Requests one client address may make per minute (every endpoint
    /// without a policy of its own). Generous: many phones share one carrier
    /// address.
    #[arg(long, env = "RATE_LIMIT_PUBLIC_PER_MIN", default_value_t = 1200, value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_limit_public_per_min: u32,
    /// Health probes (`/health/live`, `/health/ready`) one client address may
    /// make per minute.
    #[arg(long, env = "RATE_LIMIT_HEALTH_PER_MIN", default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_limit_health_per_min: u32,
    /// Units of bulk reads one client address may use per minute: the
    /// snapshot and a QR image cost one, a change-feed page one per 100
    /// entries it may hold.
    #[arg(long, env = "RATE_LIMIT_BULK_PER_MIN", default_value_t = 120, value_parser = clap::value_parser!(u32).range(10..))]
    pub rate_limit_bulk_per_min: u32,
    /// Whole snapshot downloads one client address may make per hour
    /// (answers 304 to `If-None-Match` do not count).
    #[arg(long, env = "SNAPSHOTS_PER_HOUR", default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..))]
    pub snapshots_per_hour: u32,
    /// Snapshots one instance streams at once; more are answered 503 with
    /// `Retry-After`.
    #[arg(long, env = "SNAPSHOT_MAX_STREAMS", default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=10_000))]
    pub snapshot_max_streams: u16,
    /// Seconds a snapshot download may take before it is cut off (a reader
    /// too slow for it resumes with the change feed or tries again).
    #[arg(long, env = "SNAPSHOT_DEADLINE_SECS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(10..=86_400))]
    pub snapshot_deadline_secs: u64,
    /// Token requests one client address may make per minute.
    #[arg(long, env = "RATE_LIMIT_TOKEN_PER_MIN", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_limit_token_per_min: u32,
    /// Wrong secrets per client id and minute before the token endpoint answers 429
    /// (a right secret is never refused for them).
    #[arg(long, env = "RATE_LIMIT_TOKEN_FAILURES_PER_MIN", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_limit_token_failures_per_min: u32,
    /// Proxies whose `X-Forwarded-For` is believed: addresses or CIDR blocks,
    /// comma-separated. Empty: the socket peer is the client.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "", value_parser = parse_proxies)]
    pub trusted_proxies: crate::rate_limit::TrustedProxies,
    /// Longest a change-feed long poll is held, in seconds (a `wait` above it
    /// is cut to it): below the idle timeout of any proxy in front.
    #[arg(long, env = "FEED_MAX_WAIT_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=30))]
    pub feed_max_wait_secs: u64,
    /// Long polls of the change feed one client address may hold at once;
    /// more are answered at once, without waiting.
    #[arg(long, env = "FEED_MAX_WAITERS_PER_ADDRESS", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
    pub feed_max_waiters_per_address: u16,
    /// Long polls the instance holds at once (default: a quarter of the
    /// open-file limit, which `serve` raises to its hard limit at start, at
    /// most 10,000); more are answered at once, without waiting.
    #[arg(long, env = "FEED_MAX_WAITERS", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub feed_max_waiters: Option<u32>,
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
    /// How often expired idempotency keys are purged.
    #[arg(skip = Duration::from_secs(600))]
    pub housekeeping_every: Duration,
    /// How often the calendar's changes (lapses, suspensions ending) are
    /// looked for: the feed has them within this long of midnight.
    #[arg(skip = Duration::from_secs(20))]
    pub clock_every: Duration,
    /// The time the service acts for (a test's clock in tests).
    #[arg(skip)]
    pub clock: crate::usecases::clock::Clock,
}

impl Settings {
    /// Every setting at its default, as `serve` without arguments or
    /// environment would have it (the defaults of the attributes above: no
    /// second copy of them exists).
    pub fn defaults() -> Self {
        use clap::{CommandFactory, FromArgMatches};
        #[derive(clap::Parser)]
        struct Bare {
            #[command(flatten)]
            settings: Settings,
        }
        let command = Bare::command().mut_args(|arg| arg.env(None::<&str>));
        command
            .try_get_matches_from(["serve"])
            .and_then(|matches| Bare::from_arg_matches(&matches))
            .map(|bare| bare.settings)
            .unwrap_or_else(|e| unreachable_defaults(&e))
    }

    /// The configuration table of docs/operators.md: every setting's variable,
    /// default and meaning, from the attributes above (a test holds the
    /// guide to it).
    pub fn markdown_table() -> String {
        use clap::CommandFactory;
        #[derive(clap::Parser)]
        struct Bare {
            #[command(flatten)]
            settings: Settings,
            #[command(flatten)]
            log: LogArgs,
        }
        let command = Bare::command();
        let mut table = String::from("| variable | default | meaning |\n|---|---|---|\n");
        for arg in command.get_arguments() {
            let Some(env) = arg.get_env().and_then(|e| e.to_str()) else {
                continue;
            };
            let defaults: Vec<_> = arg.get_default_values().iter().map(|v| v.to_string_lossy()).collect();
            let default = match (defaults.as_slice(), arg.get_action().takes_values()) {
                ([], true) => "unset".to_owned(),
                ([], false) => "`false`".to_owned(),
                ([only], _) if only.is_empty() => "empty".to_owned(),
                (values, _) => format!("`{}`", values.join(",")),
            };
            let help = arg
                .get_long_help()
                .or_else(|| arg.get_help())
                .map(|h| h.to_string().replace('\n', " ").replace("  ", " "))
                .unwrap_or_default();
            table.push_str(&format!("| `{env}` | {default} | {} |\n", help.replace('|', "\\|")));
        }
        table
    }

    /// Pool settings from these settings.
    pub fn pool_settings(&self) -> PoolSettings {
        PoolSettings {
            max_size: usize::from(self.pool_size),
            acquire_timeout: Duration::from_secs(self.acquire_timeout_secs),
            ..PoolSettings::default()
        }
    }

    /// The rate limits of these settings.
    pub fn rate_settings(&self) -> crate::rate_limit::RateSettings {
        crate::rate_limit::RateSettings {
            public_per_minute: self.rate_limit_public_per_min,
            health_per_minute: self.rate_limit_health_per_min,
            bulk_per_minute: self.rate_limit_bulk_per_min,
            snapshots_per_hour: self.snapshots_per_hour,
            token_per_minute: self.rate_limit_token_per_min,
            token_failures_per_client_per_minute: self.rate_limit_token_failures_per_min,
        }
    }

    /// Long polls the instance holds at once.
    pub fn feed_waiters(&self) -> usize {
        self.feed_max_waiters
            .map_or_else(default_feed_waiters, |n| usize::try_from(n).unwrap_or(usize::MAX))
    }
}

/// The defaults always parse: a default that did not would be a bug every
/// test shows at once.
#[allow(clippy::panic)]
fn unreachable_defaults(e: &clap::Error) -> ! {
    panic!("the settings' defaults do not parse: {e}")
}

fn parse_on_off(value: &str) -> Result<bool, String> {
    match value {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err("must be `on` or `off`".into()),
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
    use super::{parse_base_url, Settings};
    use clap::Parser;

    #[derive(Parser)]
    struct Bare {
        #[command(flatten)]
        settings: Settings,
    }

    /// The operators' guide's configuration table is the one the settings make
    /// (`UPDATE_README=1 cargo test --lib config` rewrites it).
    #[test]
    fn the_readme_table_is_the_settings_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/operators.md");
        let readme = std::fs::read_to_string(path).unwrap();
        let (begin, end) = ("<!-- settings:begin -->\n", "<!-- settings:end -->");
        let start = readme
            .find(begin)
            .expect("the operators' guide marks its settings table")
            + begin.len();
        let stop = readme
            .find(end)
            .expect("the operators' guide marks its settings table's end");
        let table = Settings::markdown_table();
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(path, format!("{}{table}{}", &readme[..start], &readme[stop..])).unwrap();
        } else {
            assert_eq!(
                readme[start..stop],
                table,
                "run UPDATE_README=1 cargo test --lib config"
            );
        }
    }

    #[test]
    fn every_default_parses_and_out_of_range_values_are_refused_not_clamped() {
        let defaults = Settings::defaults();
        assert_eq!((defaults.pool_size, defaults.feed_max_wait_secs), (16, 30));
        assert!(defaults.read_model);
        for (flag, bad) in [
            ("--pool-size", "1"),
            ("--pool-size", "1001"),
            ("--workers", "0"),
            ("--feed-max-wait-secs", "31"),
            ("--feed-max-wait-secs", "0"),
            ("--rate-limit-bulk-per-min", "9"),
            ("--read-model", "maybe"),
            ("--snapshot-max-streams", "0"),
            ("--public-base-url", "registry.example.uz"),
            ("--trusted-proxies", "10.0.0.0/33"),
        ] {
            let refused = Bare::try_parse_from(["serve", flag, bad]);
            let error = refused.err().unwrap_or_else(|| panic!("{flag} {bad} was accepted"));
            assert!(error.to_string().contains(flag), "{flag} {bad}: {error}");
        }
        let edge = Bare::try_parse_from(["serve", "--feed-max-wait-secs", "30", "--read-model", "off"]).unwrap();
        assert_eq!(
            (edge.settings.feed_max_wait_secs, edge.settings.read_model),
            (30, false)
        );
    }

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
