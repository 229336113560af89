//! Structured logs. Every line written while a request is handled carries its
//! request id (the `request_id` field of tracing-actix-web's root span).
//!
//! What never reaches a log line: complainants' personal data, secrets and
//! tokens. Our own messages never carry them; the libraries below us may (the
//! Postgres driver logs bound parameters at `debug`, HTTP libraries log
//! headers at `trace`), so every target but ours is held at `info` whatever
//! `RUST_LOG` says. `UNSAFE_LOG_DEPENDENCIES_DEBUG=true` lifts that hold for
//! local debugging, and the service says so loudly at start.

use tracing::Level;
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

use crate::config::LogFormat;

/// The variable that lets dependencies log below `info`.
pub const UNSAFE_DEPENDENCY_DEBUG: &str = "UNSAFE_LOG_DEPENDENCIES_DEBUG";

/// Targets whose debug lines we write ourselves and know to be clean.
fn is_ours(target: &str) -> bool {
    target.starts_with("agency_registry") || target.starts_with("tracing_actix_web")
}

/// Installs the global subscriber. `RUST_LOG` filters (default `info`).
/// Closing a request's span writes one line with its method, route, status,
/// duration and request id.
/// Logs go to stderr so that commands printing JSON keep stdout clean.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let lifted = std::env::var(UNSAFE_DEPENDENCY_DEBUG).is_ok_and(|v| v == "true" || v == "1");
    init_with(format, filter, lifted, std::io::stderr);
    if lifted {
        tracing::warn!(
            "{UNSAFE_DEPENDENCY_DEBUG} is set: libraries may log SQL parameters and headers, \
             which can hold complainants' personal data and secrets. Never set it in production."
        );
    }
}

/// Installs the global subscriber with `filter`, writing to `writer` (tests
/// capture logs this way, at `debug`, to check what never may appear in
/// them). Dependencies are held at `info` unless `lifted`.
pub fn init_with<W>(format: LogFormat, filter: EnvFilter, lifted: bool, writer: W)
where
    W: for<'w> fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let hold = filter_fn(move |meta| lifted || is_ours(meta.target()) || *meta.level() <= Level::INFO);
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        LogFormat::Text => registry
            .with(
                fmt::layer()
                    .with_span_events(FmtSpan::CLOSE)
                    .with_ansi(false)
                    .with_writer(writer)
                    .with_filter(hold),
            )
            .try_init(),
        LogFormat::Json => registry
            .with(
                fmt::layer()
                    .json()
                    .with_span_events(FmtSpan::CLOSE)
                    .flatten_event(true)
                    .with_current_span(true)
                    .with_span_list(false)
                    .with_writer(writer)
                    .with_filter(hold),
            )
            .try_init(),
    };
    // A second initialisation (tests start several apps) keeps the first.
    drop(result);
}
