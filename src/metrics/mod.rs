//! Prometheus metrics, served on their own listener (`METRICS_ADDR`), never
//! on the public one.
//!
//! Requests are counted and timed by route template (`/v1/licenses/{number}`,
//! never the path: licence numbers and ids are no label values), method and
//! status, in one middleware that also reads what an error was (rate-limit
//! refusals by policy, token failures by their RFC 6749 code). What the
//! process holds (the pool, the read model, the replicas) is read when the
//! metrics are scraped. The `metrics` facade and its Prometheus exporter
//! keep the numbers; nothing is recorded unless the listener is configured.

use std::cell::RefCell;
use std::sync::OnceLock;
use std::time::Duration;

use actix_web::http::StatusCode;
use metrics::{counter, gauge, Counter, Histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use rustc_hash::FxHashMap;

use crate::error::ApiError;

pub mod facts;

/// Latency buckets, in seconds: from a licence check answered from memory
/// (well under a millisecond) to a request that waited for the database.
const BUCKETS: [f64; 14] = [
    0.000_25, 0.000_5, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Starts recording (once per process: the recorder is global) and returns
/// what renders the scrape; `None` if another recorder was installed first.
pub fn install() -> Option<PrometheusHandle> {
    let handle = HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("duration_seconds".into()), &BUCKETS)
            .ok()?;
        let handle = builder.install_recorder().ok()?;
        describe();
        Some(handle)
    });
    facts::switch(handle.is_some());
    handle.clone()
}

/// What each metric means, in the scrape's `# HELP` lines.
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(
        "http_requests_total",
        "Requests answered, by route template (or unmatched), method (or other) and status class"
    );
    describe_histogram!(
        "http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer, by route template and method (the socket's write excluded)"
    );
    describe_counter!(
        "rate_limit_refusals_total",
        "Requests refused by a rate limit, by policy"
    );
    describe_counter!("auth_tokens_issued_total", "Access tokens issued");
    describe_counter!(
        "auth_token_failures_total",
        "Token requests refused, by reason (the RFC 6749 error code, or the problem type)"
    );
    describe_counter!(
        "auth_legacy_secret_checks_total",
        "Argon2 checks of secrets stored by earlier versions (rotate those clients' secrets away)"
    );
    describe_counter!(
        "complaints_filed_total",
        "Complaints filed (not replays of an idempotent filing)"
    );
    describe_gauge!(
        "db_pool_connections",
        "Primary pool connections: max, open, idle, in_use"
    );
    describe_gauge!("db_pool_waiting", "Requests waiting for a primary pool connection");
    describe_gauge!(
        "db_replica_healthy",
        "1 while reads go to this read replica, 0 while it is skipped"
    );
    describe_gauge!(
        "db_replica_lag_seconds",
        Unit::Seconds,
        "Seconds since the replica last held everything the primary had committed"
    );
    describe_gauge!(
        "change_feed_head",
        "The newest change-feed position this instance has heard of"
    );
    describe_gauge!(
        "read_model_position",
        "The change-feed position the read model has applied"
    );
    describe_gauge!("read_model_lag_entries", "Feed entries the read model has yet to apply");
    describe_gauge!(
        "read_model_lag_seconds",
        Unit::Seconds,
        "Seconds since the read model last knew it had every change"
    );
    describe_gauge!(
        "read_model_current",
        "1 while public reads are answered from memory, 0 from Postgres"
    );
    describe_gauge!("read_model_agencies", "Agencies in the read model");
    describe_gauge!(
        "background_task_running",
        "1 while the background task runs, 0 while it waits to start again (or the process stops)"
    );
    describe_counter!(
        "background_task_restarts_total",
        "Background tasks started again after they failed, panicked or ended by themselves"
    );
}

/// A route's counter and histogram per method and status class, kept by
/// each worker: looking a labelled metric up in the registry costs more than
/// the licence check it would count. Every part of the key comes from a
/// closed set (route templates, known methods, status classes), so the map
/// and the scrape stay small whatever clients send.
type Handles = FxHashMap<(String, &'static str, &'static str), (Counter, Histogram)>;

thread_local! {
    static HANDLES: RefCell<Handles> = RefCell::new(FxHashMap::default());
}

/// `2xx`, `4xx`, ...: the label of a status.
fn status_class(status: StatusCode) -> &'static str {
    match status.as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// Counts and times one answered request (`routes::observe`): `route` is a
/// route template or `unmatched`, `method` a known method or `other`.
pub fn record(route: &str, method: &'static str, status: StatusCode, error: Option<&ApiError>, took: Duration) {
    if !facts::on() {
        return;
    }
    if let Some(ApiError::RateLimited { policy, .. }) = error {
        counter!("rate_limit_refusals_total", "policy" => *policy).increment(1);
    }
    match route {
        "/v1/auth/token" if status == StatusCode::OK => counter!("auth_tokens_issued_total").increment(1),
        "/v1/auth/token" => {
            let reason = error.map_or("other", ApiError::reason);
            counter!("auth_token_failures_total", "reason" => reason).increment(1);
        }
        _ => {}
    }
    let class = status_class(status);
    HANDLES.with_borrow_mut(|handles| {
        if let Some((count, time)) = handles.get(&(route.to_owned(), method, class)) {
            count.increment(1);
            time.record(took);
            return;
        }
        let labels = [
            ("route", route.to_owned()),
            ("method", method.to_owned()),
            ("status", class.to_owned()),
        ];
        let count = counter!("http_requests_total", &labels);
        let time = metrics::histogram!("http_request_duration_seconds", &labels[..2]);
        count.increment(1);
        time.record(took);
        handles.insert((route.to_owned(), method, class), (count, time));
    });
}

/// What the process holds, read at each scrape.
pub struct Gauges {
    pub pool: crate::db::DbPool,
    pub readers: crate::db::replicas::Readers,
    pub model: Option<std::sync::Arc<crate::usecases::read_model::ReadModel>>,
    pub feed_head: crate::db::listen::FeedHead,
    pub tasks: crate::tasks::Tasks,
}

impl Gauges {
    /// Sets the gauges to what they are now.
    pub fn read(&self) {
        let pool = self.pool.status();
        gauge!("db_pool_connections", "state" => "max").set(pool.max_size as f64);
        gauge!("db_pool_connections", "state" => "open").set(pool.size as f64);
        gauge!("db_pool_connections", "state" => "idle").set(pool.available as f64);
        gauge!("db_pool_connections", "state" => "in_use").set(pool.size.saturating_sub(pool.available) as f64);
        gauge!("db_pool_waiting").set(pool.waiting as f64);
        for replica in self.readers.health() {
            let name = replica.name.unwrap_or_default();
            let healthy = f64::from(u8::from(replica.state == "healthy"));
            gauge!("db_replica_healthy", "replica" => name.clone()).set(healthy);
            gauge!("db_replica_lag_seconds", "replica" => name).set(replica.lag_secs.unwrap_or(f64::INFINITY));
        }
        let head = *self.feed_head.borrow();
        gauge!("change_feed_head").set(head as f64);
        if let Some(model) = &self.model {
            let health = model.health();
            gauge!("read_model_position").set(health.position as f64);
            gauge!("read_model_lag_entries").set(head.saturating_sub(health.position).max(0) as f64);
            gauge!("read_model_lag_seconds").set(health.lag_secs.unwrap_or(f64::INFINITY));
            gauge!("read_model_current").set(f64::from(u8::from(health.state == "current")));
            gauge!("read_model_agencies").set(health.agencies as f64);
        }
        for task in self.tasks.health() {
            let running = f64::from(u8::from(task.state == "running"));
            gauge!("background_task_running", "task" => task.name).set(running);
        }
    }
}

/// The metrics listener: `GET /metrics` in Prometheus's text format.
pub fn serve(
    listener: std::net::TcpListener,
    handle: PrometheusHandle,
    gauges: Gauges,
) -> std::io::Result<actix_web::dev::Server> {
    let scrape = actix_web::web::Data::new((handle, gauges));
    Ok(actix_web::HttpServer::new(move || {
        actix_web::App::new()
            .app_data(scrape.clone())
            .route("/metrics", actix_web::web::get().to(render))
    })
    .workers(1)
    .listen(listener)?
    .run())
}

async fn render(scrape: actix_web::web::Data<(PrometheusHandle, Gauges)>) -> actix_web::HttpResponse {
    let (handle, gauges) = scrape.get_ref();
    gauges.read();
    actix_web::HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(handle.render())
}
