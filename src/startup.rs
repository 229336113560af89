//! Builds the HTTP application and its server.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::{Server, Service, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::{Compress, DefaultHeaders, ErrorHandlerResponse, ErrorHandlers};
use actix_web::{web, App, HttpResponse, HttpServer};
use futures_util::future::Either;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::auth::keys::KeyStore;
use crate::db::DbPool;
use crate::error::{Problem, PROBLEM_JSON};
use crate::rate_limit::{RateLimits, RateSettings};
use crate::routes::complaints::ComplaintQuota;
use crate::routes::fallback::{fallback, RouteTable};
use crate::usecases::clock::Clock;
use crate::usecases::read_model::{self, ReadModel};
use crate::usecases::reads::Reads;
use crate::usecases::Writer;

/// Worker threads per CPU unless `WORKERS` says otherwise. Public reads are
/// answered from memory and never wait, so each worker keeps its CPU busy;
/// when the kernel preempts one for another process on the same cores (a
/// proxy, the database, a load generator), every connection that worker
/// holds waits a scheduler slice. More workers than cores hold fewer
/// connections each, which cuts that tail (licence check p99 2.6 -> 1.4 ms
/// on 2 cores) for ~3 MB each.
const WORKERS_PER_CPU: usize = 4;

/// How long a connection may leave what was sent to it unacknowledged
/// (`TCP_USER_TIMEOUT`; zero-window probes count since Linux 4.20).
const UNACKNOWLEDGED_LIMIT: Duration = Duration::from_secs(120);

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Settings of the HTTP server beyond its listener and pool.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Worker threads; [`WORKERS_PER_CPU`] per CPU when `None`.
    pub workers: Option<usize>,
    /// Whether public reads are answered from the in-memory read model.
    pub read_model: bool,
    /// How long the read model may go without knowing it is current before
    /// reads fall back to Postgres.
    pub read_model_max_lag: Duration,
    /// Complaints one client may file per hour.
    pub complaints_per_hour: i64,
    /// Rate limits per client address and client id.
    pub rate: RateSettings,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// How often expired idempotency keys are purged.
    pub housekeeping_every: Duration,
    /// How often the calendar's changes (lapses, suspensions ending) are
    /// looked for: the feed has them within this long of midnight.
    pub clock_every: Duration,
    /// The time the calendar job acts for (a test's clock in tests).
    pub clock: Clock,
    /// Where the public check page lives: QR codes point there.
    pub public_base_url: String,
    /// Longest a change-feed long poll is held.
    pub feed_max_wait: Duration,
    /// Snapshots streamed at once.
    pub snapshot_streams: usize,
    /// Longest a snapshot download may take.
    pub snapshot_deadline: Duration,
    /// Long polls one client address may hold at once.
    pub feed_waiters_per_address: usize,
    /// Long polls the instance holds at once.
    pub feed_waiters: usize,
    /// Where the check page tells people to report a recruiter.
    pub helpline: String,
    /// Where `GET /metrics` is served (a listener of its own, never the
    /// public one); no metrics are kept without it.
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// Read replicas for reads that need no fresh write.
    pub read_replicas: Vec<crate::db::replicas::ReplicaPool>,
    /// How far behind the primary a replica may be and still be read.
    pub read_replica_max_lag: Duration,
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            workers: None,
            read_model: true,
            read_model_max_lag: Duration::from_secs(5),
            complaints_per_hour: 100,
            rate: RateSettings::default(),
            trusted_proxies: Vec::new(),
            housekeeping_every: Duration::from_secs(600),
            clock_every: Duration::from_secs(20),
            clock: Clock::default(),
            public_base_url: "https://registry.example.uz".into(),
            feed_max_wait: Duration::from_secs(30),
            snapshot_streams: 16,
            snapshot_deadline: Duration::from_secs(600),
            feed_waiters_per_address: 4,
            feed_waiters: 1000,
            helpline: "Police: 102. Set HELPLINE_TEXT to the ministry's help line.".into(),
            metrics_addr: None,
            read_replicas: Vec::new(),
            read_replica_max_lag: Duration::from_secs(5),
        }
    }
}

/// A bound, not yet running, HTTP server (and its metrics listener).
pub struct Application {
    port: u16,
    server: Server,
    metrics: Option<(u16, Server)>,
}

impl Application {
    /// Binds `listener` (port 0 picks a free port) and builds the server.
    /// The pool is created once by the caller and shared by every worker.
    pub fn build(listener: TcpListener, pool: DbPool, keys: KeyStore, options: ServerOptions) -> std::io::Result<Self> {
        let port = listener.local_addr()?.port();
        let pool = web::Data::new(pool);
        let keys = web::Data::new(keys);
        let quota = web::Data::new(ComplaintQuota {
            per_hour: options.complaints_per_hour,
        });
        let spec = crate::openapi::document();
        let routes = web::Data::new(RouteTable::from_openapi(&spec));
        // Serialised once for every worker: a worker holding its own copy of
        // the document (as Swagger UI's own route would) cost ~8 MB each.
        let spec_json = web::Data::new(SpecJson(bytes::Bytes::from(
            serde_json::to_vec(&spec).map_err(std::io::Error::other)?,
        )));
        drop(spec);
        let limits = RateLimits::new(options.rate, options.trusted_proxies.clone());
        limits.spawn_cleanup(Duration::from_secs(10));
        let limits_data = web::Data::new(limits.clone());
        spawn_housekeeping(pool.get_ref().clone(), options.housekeeping_every);

        let public_base_url = web::Data::new(crate::routes::licenses::qr::PublicBaseUrl(
            options.public_base_url.clone(),
        ));
        let helpline = web::Data::new(crate::routes::check::Helpline(options.helpline.clone()));
        let readers = crate::db::replicas::Readers::new(pool.get_ref().clone(), options.read_replicas.clone());
        readers.spawn_checks(options.read_replica_max_lag);
        let (feed_head, keys_changed) = crate::db::listen::spawn(pool.get_ref().clone());
        spawn_key_refresh(pool.get_ref().clone(), keys.get_ref().clone(), keys_changed);
        let feed_head = web::Data::new(feed_head);
        let model = options
            .read_model
            .then(|| Arc::new(ReadModel::new(options.read_model_max_lag)));
        if let Some(model) = &model {
            read_model::follow::spawn(model.clone(), readers.clone(), feed_head.get_ref().clone());
        }
        // Recorded only where they are served: the recorder is set up here, not before.
        let metrics = match (
            options.metrics_addr,
            options.metrics_addr.and_then(|_| crate::metrics::install()),
        ) {
            (Some(addr), Some(handle)) => {
                let listener = TcpListener::bind(addr)?;
                let port = listener.local_addr()?.port();
                let gauges = crate::metrics::Gauges {
                    pool: pool.get_ref().clone(),
                    readers: readers.clone(),
                    model: model.clone(),
                    feed_head: feed_head.get_ref().clone(),
                };
                Some((port, crate::metrics::serve(listener, handle, gauges)?))
            }
            (Some(_), None) => {
                tracing::warn!("another metrics recorder is installed; /metrics is not served");
                None
            }
            (None, _) => None,
        };
        let model_health = web::Data::new(model.clone());
        let readers = web::Data::new(readers);
        let writer = web::Data::new(Writer::new(pool.get_ref().clone()).mirrored_by(model.clone()));
        spawn_clock(writer.get_ref().clone(), options.clock_every, options.clock.clone());
        spawn_checkpoints(pool.get_ref().clone(), keys.get_ref().clone(), options.clock.clone());
        let reads = web::Data::new(Reads::new(pool.get_ref().clone(), model, feed_head.get_ref().clone()));
        let feed_limits = web::Data::new(crate::routes::changes::list_changes::FeedLimits {
            max_wait: options.feed_max_wait,
            waiters: crate::usecases::feed::Waiters::new(options.feed_waiters_per_address, options.feed_waiters),
        });
        let clock = web::Data::new(options.clock.clone());
        let qr_images = web::Data::new(crate::routes::licenses::qr::QrCache::default());
        let snapshot_streams = web::Data::new(crate::routes::registry::SnapshotStreams::new(
            options.snapshot_streams,
            options.snapshot_deadline,
        ));
        let mut server = HttpServer::new(move || {
            // The document each worker's routes would make is dropped: the
            // one built above (with its refinements) is the one served.
            let (app, _) = App::new()
                .into_utoipa_app()
                .configure(crate::routes::register)
                .split_for_parts();
            app.app_data(pool.clone())
                .app_data(readers.clone())
                .app_data(keys.clone())
                .app_data(quota.clone())
                .app_data(reads.clone())
                .app_data(model_health.clone())
                .app_data(writer.clone())
                .app_data(feed_head.clone())
                .app_data(feed_limits.clone())
                .app_data(snapshot_streams.clone())
                .app_data(qr_images.clone())
                .app_data(clock.clone())
                .app_data(public_base_url.clone())
                .app_data(helpline.clone())
                .app_data(routes.clone())
                .app_data(limits_data.clone())
                .app_data(web::QueryConfig::default().error_handler(|err, _| {
                    crate::routes::validation::bad_parameters(crate::routes::validation::Parameters::Query, &err).into()
                }))
                .app_data(web::PathConfig::default().error_handler(|err, _| {
                    crate::routes::validation::bad_parameters(crate::routes::validation::Parameters::Path, &err).into()
                }))
                .app_data(web::PayloadConfig::default().limit(MAX_BODY_BYTES))
                .app_data(spec_json.clone())
                .service(web::resource(OPENAPI_PATH).get(openapi_json))
                .service(SwaggerUi::new("/docs/{_:.*}").config(Config::new([OPENAPI_PATH])))
                .service(web::resource("/docs").get(docs_redirect))
                .default_service(web::to(fallback))
                .wrap_fn({
                    let routes = routes.clone();
                    move |req, srv| crate::routes::fallback::parameters(req, srv, &routes)
                })
                .wrap_fn(|req, srv| {
                    let response = srv.call(req);
                    async move { Ok(crate::routes::etag::tag_response(response.await?.map_into_boxed_body())) }
                })
                // Inside CORS, so that a browser app can read a refusal's
                // Retry-After; preflights are answered before it, uncounted.
                .wrap_fn({
                    let limits = limits.clone();
                    move |req, srv| {
                        let (remaining, response) = match limits.check(&req) {
                            Ok(remaining) => (remaining, Either::Left(srv.call(req))),
                            Err(refusal) => (None, Either::Right(std::future::ready(req.error_response(refusal)))),
                        };
                        async move {
                            let mut response = match response {
                                Either::Left(call) => call.await?.map_into_boxed_body(),
                                Either::Right(refused) => refused.await,
                            };
                            // A limit the handler applied (per client id) speaks for itself.
                            if let Some(remaining) = remaining.filter(|_| response.status() != 429) {
                                remaining.apply(response.headers_mut());
                            }
                            Ok(response)
                        }
                    }
                })
                // Outside the limits and the handlers, so that their refusals
                // speak the request's language too.
                .wrap_fn(crate::routes::language::negotiate)
                .wrap(crate::routes::cors::cors())
                .wrap(ErrorHandlers::new().default_handler(problem_for_plain_errors))
                .wrap_fn(security_headers)
                .wrap(
                    DefaultHeaders::new()
                        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                        .add((header::REFERRER_POLICY, "no-referrer"))
                        .add((header::X_FRAME_OPTIONS, "DENY")),
                )
                .wrap(Compress::default())
                // HEAD is answered wherever GET is: the same handler, and
                // actix-http sends the headers without the body.
                .wrap_fn(|mut req, srv| {
                    if req.method() == Method::HEAD {
                        req.head_mut().method = Method::GET;
                    }
                    srv.call(req)
                })
                .wrap_fn({
                    let limits = limits.clone();
                    move |req, srv| crate::routes::observe::observe(req, srv, &limits)
                })
        })
        .shutdown_timeout(10)
        .on_connect(|connection, _| {
            // A peer that acknowledges nothing for this long (a phone gone,
            // or a reader that stopped reading and keeps its window shut) is
            // dropped by the kernel, with what its connection held here.
            if let Some(tcp) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() {
                let _ = socket2::SockRef::from(tcp).set_tcp_user_timeout(Some(UNACKNOWLEDGED_LIMIT));
            }
        })
        .listen(listener)?;
        let workers = options.workers.unwrap_or_else(|| {
            WORKERS_PER_CPU * std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        });
        server = server.workers(workers.max(1));
        Ok(Self {
            port,
            server: server.run(),
            metrics,
        })
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port of the metrics listener, when there is one.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        match self.metrics {
            Some((_, metrics)) => futures_util::future::try_join(self.server, metrics).await.map(|_| ()),
            None => self.server.await,
        }
    }
}

/// Purges expired idempotency keys on a schedule, so that nothing is kept
/// longer than promised just because nobody files.
fn spawn_housekeeping(pool: DbPool, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let purged = match pool.get().await {
                Ok(mut conn) => crate::db::models::IdempotencyKey::purge_expired(&mut conn).await,
                Err(e) => {
                    tracing::warn!(error = %e, "housekeeping: no database connection");
                    continue;
                }
            };
            match purged {
                Ok(0) => {}
                Ok(n) => tracing::info!(purged = n, "purged expired idempotency keys"),
                Err(e) => tracing::warn!(error = %e, "housekeeping: purging idempotency keys failed"),
            }
        }
    });
}

/// Reads the signing keys again as soon as any instance (or the command
/// line) changes them, so that a rotation signs statements and shows in the
/// JWKS, and a retired key stops verifying, on every instance within a
/// moment; and every minute in case a notification was lost.
fn spawn_key_refresh(pool: DbPool, keys: KeyStore, mut changed: crate::db::listen::KeysChanged) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        tick.tick().await;
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                heard = changed.changed() => {
                    if heard.is_err() {
                        return;
                    }
                }
            }
            let reloaded = match pool.get().await {
                Ok(mut conn) => keys.reload(&mut conn).await,
                Err(e) => Err(e.into()),
            };
            if let Err(e) = reloaded {
                tracing::warn!(error = %e, "reloading the signing keys failed; the current ones stay in use");
            }
        }
    });
}

/// Signs the audit trail's public checkpoint once an hour (checked every
/// minute; whichever instance comes first signs it).
fn spawn_checkpoints(pool: DbPool, keys: KeyStore, clock: Clock) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let published = match pool.get().await {
                Ok(mut conn) => crate::usecases::checkpoints::publish_due(&mut conn, &keys, clock.now()).await,
                Err(e) => Err(e.into()),
            };
            match published {
                Ok(true) => tracing::info!("signed the audit trail's hourly checkpoint"),
                Ok(false) => {}
                Err(e) => tracing::warn!(error = ?e, "signing the audit checkpoint failed; it retries in a minute"),
            }
        }
    });
}

/// Looks for what the calendar changed (a licence lapsing at midnight in
/// Tashkent, a suspension ending) every `every`, so that the feed has it
/// within that long without anyone asking for the licence.
fn spawn_clock(writer: Writer, every: Duration, clock: Clock) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match crate::usecases::clock::tick(&writer, clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(entries = n, "the calendar changed licences' standing"),
                Err(e) => tracing::warn!(error = ?e, "the calendar job failed; it retries at its next tick"),
            }
        }
    });
}

/// The documentation page runs Swagger UI's own scripts and styles from this
/// origin; everything else is data and may load nothing at all.
const CSP_DOCS: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
     script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const CSP_API: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

fn security_headers<S, B>(
    req: actix_web::dev::ServiceRequest,
    srv: &S,
) -> impl std::future::Future<Output = Result<ServiceResponse<B>, actix_web::Error>>
where
    S: Service<actix_web::dev::ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
{
    let csp = if req.path().starts_with("/docs") {
        CSP_DOCS
    } else if req.path() == "/check" || req.path().starts_with("/check/") {
        crate::routes::check::PAGE_POLICY.as_str()
    } else {
        CSP_API
    };
    let response = srv.call(req);
    async move {
        let mut response = response.await?;
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
        Ok(response)
    }
}

/// Where the OpenAPI document is served (and Swagger UI reads it).
const OPENAPI_PATH: &str = "/openapi.json";

/// The OpenAPI document as served, shared by every worker.
struct SpecJson(bytes::Bytes);

async fn openapi_json(spec: web::Data<SpecJson>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(actix_web::http::header::ContentType::json())
        .body(spec.0.clone())
}

async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/docs/"))
        .finish()
}

/// Errors raised outside our handlers (actix itself, payload limits, the
/// Swagger UI service) come without a problem body; give them one so that
/// every error the API answers is `application/problem+json`.
fn problem_for_plain_errors<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        // The check page answers an unknown licence with a page of its own.
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()) || v.as_bytes().starts_with(b"text/html"));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    // Outside the language middleware: read the request's language here.
    let lang = crate::routes::language::of_request(res.request()).unwrap_or_else(|fallback| fallback);
    if let Some(err) = res.response().error().filter(|_| status.is_server_error()) {
        tracing::error!(error = %err, "internal error");
    }
    // actix's own texts are English and may echo what was sent: say ours.
    let detail = match status.as_u16() {
        400 => Some(crate::msg!("detail-unreadable-request")),
        404 => Some(crate::msg!("detail-resource-not-found")),
        405 => Some(crate::msg!("detail-method-refused")),
        413 => Some(crate::msg!("detail-payload-too-large", max_kib = MAX_BODY_BYTES / 1024)),
        415 => Some(crate::msg!("detail-unsupported-media-type")),
        503 => Some(crate::msg!("detail-service-unavailable")),
        _ if status.is_server_error() => Some(crate::msg!("detail-internal-error")),
        _ => None,
    };
    let detail = match detail {
        Some(message) => message.in_lang(lang),
        None => status.canonical_reason().unwrap_or("Error").to_owned(),
    };
    let slug = match status.as_u16() {
        400 => Some("bad-request"),
        404 => Some("not-found"),
        405 => Some("method-not-allowed"),
        413 => Some("payload-too-large"),
        415 => Some("unsupported-media-type"),
        500 => Some("internal-error"),
        503 => Some("service-unavailable"),
        _ => None,
    };
    let title = match slug {
        Some(slug) => crate::i18n::text(lang, &format!("title-{slug}")),
        None => status.canonical_reason().unwrap_or("Error").into(),
    };
    let problem = Problem {
        problem_type: "about:blank".into(),
        title,
        status: status.as_u16(),
        detail,
        errors: None,
        possible_actions: None,
        error: None,
        error_description: None,
    };
    let (req, old) = res.into_parts();
    let mut response = HttpResponse::build(status);
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            response.append_header((name.clone(), value.clone()));
        }
    }
    let response = response
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .body(serde_json::to_vec(&problem).unwrap_or_default());
    let response: ServiceResponse<EitherBody<B, BoxBody>> = ServiceResponse::new(req, response).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(response))
}
