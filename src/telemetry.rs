//! Structured logs. Every line written while a request is handled carries its
//! request id (the `request_id` field of the `request` span that
//! `routes::observe` opens), and every value of a text line is escaped.
//!
//! What never reaches a log line: complainants' personal data, secrets and
//! tokens. Our own messages never carry them; the libraries below us may (the
//! Postgres driver logs bound parameters at `debug`, HTTP libraries log
//! headers at `trace`), so every target but ours is held at `info` whatever
//! `RUST_LOG` says. `UNSAFE_LOG_DEPENDENCIES_DEBUG=true` lifts that hold for
//! local debugging, and the service says so loudly at start.

use std::borrow::Cow;

use tracing::Level;
use tracing_subscriber::field::MakeExt;
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// The variable that lets dependencies log below `info`.
pub const UNSAFE_DEPENDENCY_DEBUG: &str = "UNSAFE_LOG_DEPENDENCIES_DEBUG";

/// Targets whose debug lines we write ourselves and know to be clean.
fn is_ours(target: &str) -> bool {
    target.starts_with("agency_registry")
}

/// `text` with every control character (and the Unicode line and paragraph
/// separators) written as an escape: a value a client sent can never start
/// a second log line or rewrite the terminal showing it.
pub fn escape(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || c == '\u{2028}' || c == '\u{2029}';
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Installs the global subscriber. `RUST_LOG` filters (default `info`).
/// Each request writes one line when it is answered (`routes::observe`).
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
    // Every value of a text line is escaped; JSON escapes its own strings.
    let escaped = fmt::format::debug_fn(|w, field, value| {
        let text = format!("{value:?}");
        if field.name() == "message" {
            w.write_str(&escape(&text))
        } else {
            write!(w, "{}={}", field.name(), escape(&text))
        }
    })
    .delimited(" ");
    let result = match format {
        LogFormat::Text => registry
            .with(
                fmt::layer()
                    .fmt_fields(escaped)
                    .with_ansi(false)
                    .with_writer(writer)
                    .with_filter(hold),
            )
            .try_init(),
        LogFormat::Json => registry
            .with(
                fmt::layer()
                    .json()
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

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("a\nb\r\u{1b}[2J\u{2028}"), "a\\nb\\r\\u{1b}[2J\\u{2028}");
    }
}
