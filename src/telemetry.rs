//! Structured logs. Every line written while a request is handled carries its
//! request id (the `request_id` field of tracing-actix-web's root span).

use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter};

use crate::config::LogFormat;

/// Installs the global subscriber. `RUST_LOG` filters (default `info`).
/// Closing a request's span writes one line with its method, route, status,
/// duration and request id.
/// Logs go to stderr so that commands printing JSON keep stdout clean.
pub fn init(format: LogFormat) {
    init_with_writer(format, std::io::stderr);
}

/// Installs the global subscriber writing to `writer` (tests capture logs
/// this way to check what never may appear in them).
pub fn init_with_writer<W>(format: LogFormat, writer: W)
where
    W: for<'w> fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        LogFormat::Text => registry
            .with(
                fmt::layer()
                    .with_span_events(FmtSpan::CLOSE)
                    .with_ansi(false)
                    .with_writer(writer),
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
                    .with_writer(writer),
            )
            .try_init(),
    };
    // A second initialisation (tests start several apps) keeps the first.
    drop(result);
}
