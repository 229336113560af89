//! The process: `Application::build` turns the settings into a running
//! service (database, keys, pools, background tasks, the HTTP server), the
//! same way for the binary and for every test, and `run_until_stopped`
//! serves until SIGTERM or SIGINT, then stops in order.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::{Server, ServerHandle, Service, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::{Compress, DefaultHeaders, ErrorHandlerResponse, ErrorHandlers};
use actix_web::{web, App, HttpResponse, HttpServer};
use anyhow::{bail, Context};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use futures_util::future::Either;
use secrecy::{ExposeSecret, SecretString};
use tokio_util::sync::CancellationToken;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::auth::keys::KeyStore;
use crate::config::Settings;
use crate::db::models::Agency;
use crate::db::replicas::{Readers, ReplicaPool};
use crate::db::{migrations, pool, roles, DbPool};
use crate::error::{Problem, PROBLEM_JSON};
use crate::local_postgres::LocalPostgres;
use crate::rate_limit::RateLimits;
use crate::routes::complaints::ComplaintQuota;
use crate::routes::fallback::{fallback, RouteTable};
use crate::tasks::{self, Tasks};
use crate::usecases::read_model::{self, ReadModel};
use crate::usecases::reads::Reads;
use crate::usecases::{Actor, Writer};

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

/// How long requests in flight are given to finish when the process stops.
const DRAIN: Duration = Duration::from_secs(10);

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A running service: its HTTP server, its metrics listener, its tasks and
/// what they hold. [`Application::run_until_stopped`] serves and stops it.
pub struct Application {
    port: u16,
    server: Server,
    metrics: Option<(u16, Server)>,
    tasks: Tasks,
    /// Tells held long polls to answer now: the process is stopping.
    draining: CancellationToken,
    /// Stops the process as SIGTERM would (tests, embedders).
    stop: CancellationToken,
    readers: Readers,
    keys: KeyStore,
    local: Option<LocalPostgres>,
}

impl Application {
    /// Builds the whole service from `settings`: a private cluster when no
    /// `DATABASE_URL` is set, the migrations (as the owner), the demo data
    /// when asked, the signing keys, the pools, the background tasks and
    /// the HTTP server, bound but not yet serving.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let local = match settings.database.url() {
            Some(_) => None,
            None => {
                tracing::info!(dir = %settings.local_postgres_dir.display(), "DATABASE_URL is not set: starting a private PostgreSQL cluster");
                let dir = settings.local_postgres_dir.clone();
                Some(tokio::task::spawn_blocking(move || LocalPostgres::start(&dir)).await??)
            }
        };
        match Self::build_on(settings, local.as_ref()).await {
            Ok(mut app) => {
                app.local = local;
                Ok(app)
            }
            Err(e) => {
                if let Some(local) = local {
                    let _ = tokio::task::spawn_blocking(move || local.stop()).await;
                }
                Err(e)
            }
        }
    }

    async fn build_on(settings: Settings, local: Option<&LocalPostgres>) -> anyhow::Result<Self> {
        if local.is_none() && settings.public_base_url.is_none() {
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
                settings.database.required_url()?,
                settings.database.required_migration_url()?,
                settings.kek.load()?,
            ),
        };
        let applied = migrations::run_pending(owner_url.expose_secret()).await?;
        tracing::info!(applied, "migrations are up to date");
        let mut owner = AsyncPgConnection::establish(owner_url.expose_secret()).await?;
        if local.is_some() {
            roles::ensure_runtime_login(&mut owner, LocalPostgres::RUNTIME_ROLE).await?;
        }
        let mut conn = AsyncPgConnection::establish(url.expose_secret()).await?;
        if roles::can_rewrite_audit(&mut conn).await? {
            tracing::warn!(
                "the service connects as a role that can rewrite the audit trail (its owner or a superuser); \
                 run it as a member of agency_registry_runtime and give the owner as MIGRATION_DATABASE_URL"
            );
        }
        let today = crate::domain::registry_today(settings.clock.now());
        if (settings.demo_data || local.is_some_and(|l| l.created)) && !Agency::any(&mut conn).await? {
            let batch = crate::seed::demo::batch(today);
            crate::usecases::seed::load(&mut conn, &Actor::system(), "demo", &batch).await?;
            tracing::info!("loaded the demo data set");
        }
        let key_file = match &settings.jwt_signing_key_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read JWT_SIGNING_KEY_FILE {}", path.display()))?,
            ),
            None => None,
        };
        // Keys are written by the owner only; the runtime role reads them.
        crate::auth::keys::prepare(&mut owner, key_file.as_deref(), kek.as_ref()).await?;
        drop(owner);
        let keys = KeyStore::load(&mut conn, key_file.as_deref(), kek).await?;
        drop(conn);
        let primary = pool::build_pool(url.expose_secret(), &settings.pool_settings())?;
        let mut replicas = Vec::new();
        for url in settings
            .database_read_url
            .iter()
            .map(|u| u.trim())
            .filter(|u| !u.is_empty())
        {
            let reader = pool::PoolSettings {
                application_name: "agency-registry-reader",
                ..settings.pool_settings()
            };
            replicas.push(ReplicaPool {
                name: crate::db::replicas::name_of(url),
                pool: pool::build_pool(url, &reader)?,
            });
        }
        let listener = TcpListener::bind(settings.listen_addr)
            .with_context(|| format!("cannot listen on {}", settings.listen_addr))?;
        // Without one (allowed only with the private cluster): the listen address.
        let public_base_url = match &settings.public_base_url {
            Some(base) => base.clone(),
            None => format!("http://{}", listener.local_addr()?),
        };
        Self::serve(listener, primary, replicas, keys, &settings, public_base_url)
    }

    /// Starts the background tasks and binds the HTTP server.
    fn serve(
        listener: TcpListener,
        primary: DbPool,
        replicas: Vec<ReplicaPool>,
        keys: KeyStore,
        settings: &Settings,
        public_base_url: String,
    ) -> anyhow::Result<Self> {
        let port = listener.local_addr()?.port();
        let tasks = Tasks::default();
        let draining = CancellationToken::new();
        let pool = web::Data::new(primary.clone());
        let keys_data = web::Data::new(keys.clone());
        let keys = keys_data.clone();
        let quota = web::Data::new(ComplaintQuota {
            per_hour: settings.complaints_per_hour,
        });
        let spec = crate::openapi::document();
        let routes = web::Data::new(RouteTable::from_openapi(&spec));
        // Serialised once for every worker: a worker holding its own copy of
        // the document (as Swagger UI's own route would) cost ~8 MB each.
        let spec_json = web::Data::new(SpecJson(bytes::Bytes::from(serde_json::to_vec(&spec)?)));
        drop(spec);
        let limits = RateLimits::new(settings.rate_settings(), settings.trusted_proxies.0.clone());
        let limits_data = web::Data::new(limits.clone());
        let public_base_url = web::Data::new(crate::routes::licenses::qr::PublicBaseUrl(public_base_url));
        let helpline = web::Data::new(crate::routes::check::Helpline(settings.helpline_text.clone()));
        let readers = Readers::new(primary.clone(), replicas);
        let (heard, feed_head, keys_changed, reported_changed) = crate::db::listen::Heard::channels();
        let feed_head = web::Data::new(feed_head);
        let model = settings
            .read_model
            .then(|| Arc::new(ReadModel::new(Duration::from_secs(settings.read_model_max_lag_secs))));
        let writer = web::Data::new(Writer::new(primary.clone()).mirrored_by(model.clone()));
        let reported = Arc::new(crate::usecases::reported::ReportedIndex::default());
        spawn_tasks(
            &tasks,
            Owned {
                pool: primary.clone(),
                readers: readers.clone(),
                keys: keys.get_ref().clone(),
                heard,
                keys_changed,
                feed_head: feed_head.get_ref().clone(),
                model: model.clone(),
                reported: (reported.clone(), reported_changed),
                writer: writer.get_ref().clone(),
                limits: limits.clone(),
            },
            settings,
        );
        // Recorded only where they are served: the recorder is set up here, not before.
        let metrics = match (
            settings.metrics_addr,
            settings.metrics_addr.and_then(|_| crate::metrics::install()),
        ) {
            (Some(addr), Some(handle)) => {
                let listener = TcpListener::bind(addr)?;
                let port = listener.local_addr()?.port();
                let upkeep = handle.clone();
                tasks.spawn("metrics-upkeep", false, move |stop| {
                    let upkeep = upkeep.clone();
                    // Histograms are kept as raw samples until summarised: do it often.
                    tasks::every(Duration::from_secs(5), stop, "metrics-upkeep", move || {
                        upkeep.run_upkeep();
                        std::future::ready(Ok(()))
                    })
                });
                let gauges = crate::metrics::Gauges {
                    pool: primary.clone(),
                    readers: readers.clone(),
                    model: model.clone(),
                    feed_head: feed_head.get_ref().clone(),
                    tasks: tasks.clone(),
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
        let task_health = web::Data::new(tasks.clone());
        let readers_data = web::Data::new(readers.clone());
        let readers = readers_data.clone();
        let reads = web::Data::new(Reads::new(
            primary.clone(),
            model,
            feed_head.get_ref().clone(),
            reported,
        ));
        let feed_limits = web::Data::new(crate::routes::changes::list_changes::FeedLimits {
            max_wait: Duration::from_secs(settings.feed_max_wait_secs),
            waiters: crate::usecases::feed::Waiters::new(
                usize::from(settings.feed_max_waiters_per_address),
                settings.feed_waiters(),
            ),
            draining: draining.clone(),
        });
        let clock = web::Data::new(settings.clock.clone());
        let qr_images = web::Data::new(crate::routes::licenses::qr::QrCache::default());
        let snapshot_streams = web::Data::new(crate::routes::registry::SnapshotStreams::new(
            usize::from(settings.snapshot_max_streams),
            Duration::from_secs(settings.snapshot_deadline_secs),
        ));
        let server = HttpServer::new(move || {
            // The document each worker's routes would make is dropped: the
            // one built above (with its refinements) is the one served.
            let (app, _) = App::new()
                .into_utoipa_app()
                .configure(crate::routes::register)
                .split_for_parts();
            app.app_data(pool.clone())
                .app_data(readers.clone())
                .app_data(task_health.clone())
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
        .shutdown_timeout(DRAIN.as_secs())
        .on_connect(|connection, _| {
            // A peer that acknowledges nothing for this long (a phone gone,
            // or a reader that stopped reading and keeps its window shut) is
            // dropped by the kernel, with what its connection held here.
            if let Some(tcp) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() {
                let _ = socket2::SockRef::from(tcp).set_tcp_user_timeout(Some(UNACKNOWLEDGED_LIMIT));
            }
        })
        .listen(listener)?
        .disable_signals();
        let workers = settings.workers.map_or_else(
            || WORKERS_PER_CPU * std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
            usize::from,
        );
        Ok(Self {
            port,
            server: server.workers(workers).run(),
            metrics,
            tasks,
            draining,
            stop: CancellationToken::new(),
            readers: readers_data.get_ref().clone(),
            keys: keys_data.get_ref().clone(),
            local: None,
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

    /// The signing keys the service uses.
    pub fn keys(&self) -> KeyStore {
        self.keys.clone()
    }

    /// The background tasks.
    pub fn tasks(&self) -> Tasks {
        self.tasks.clone()
    }

    /// Cancelling it stops the service as SIGTERM does.
    pub fn stop_token(&self) -> CancellationToken {
        self.stop.clone()
    }

    /// Makes SIGTERM and SIGINT stop the service (the binary's choice; a
    /// test or an embedder keeps its process's signals to itself).
    pub fn stop_on_signals(&self) {
        let stop = self.stop.clone();
        tokio::spawn(async move {
            stop_signal().await;
            stop.cancel();
        });
    }

    /// Serves until the stop token is cancelled (see
    /// [`Application::stop_on_signals`]), then stops in
    /// order: no new connection is accepted, held long polls are answered
    /// at once, requests in flight are given up to 10 s to finish, the
    /// background tasks are cancelled and joined, the pools closed, and a
    /// private cluster stopped last.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let server = self.server.handle();
        let metrics = self.metrics.as_ref().map(|(_, m)| m.handle());
        let mut serving = tokio::spawn(self.server);
        let mut metrics_serving = self.metrics.map(|(_, m)| tokio::spawn(m));
        let ended_by_itself = tokio::select! {
            () = self.stop.cancelled() => false,
            served = &mut serving => {
                served??;
                true
            }
        };
        if !ended_by_itself {
            tracing::info!("stopping: no new connections; answering held long polls");
        }
        self.draining.cancel();
        stop_server(server, &mut serving).await;
        if let (Some(handle), Some(task)) = (metrics, metrics_serving.as_mut()) {
            stop_server(handle, task).await;
        }
        self.tasks.stop(Duration::from_secs(5)).await;
        self.readers.close();
        if let Some(local) = self.local {
            tracing::info!("stopping the private PostgreSQL cluster");
            tokio::task::spawn_blocking(move || local.stop()).await??;
        }
        tracing::info!("stopped");
        Ok(())
    }
}

/// Stops an HTTP server gracefully and waits for it to end.
async fn stop_server(handle: ServerHandle, serving: &mut tokio::task::JoinHandle<std::io::Result<()>>) {
    let stopping = handle.stop(true);
    let _ = tokio::join!(stopping, serving);
}

/// SIGTERM (an orchestrator) or SIGINT (Ctrl-C).
async fn stop_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// What the background tasks are given.
struct Owned {
    pool: DbPool,
    readers: Readers,
    keys: KeyStore,
    heard: crate::db::listen::Heard,
    keys_changed: crate::db::listen::KeysChanged,
    feed_head: crate::db::listen::FeedHead,
    model: Option<Arc<ReadModel>>,
    reported: (
        Arc<crate::usecases::reported::ReportedIndex>,
        crate::db::listen::ReportedChanged,
    ),
    writer: Writer,
    limits: RateLimits,
}

/// Starts every background task of an instance, each under its name.
fn spawn_tasks(tasks: &Tasks, owned: Owned, settings: &Settings) {
    let Owned {
        pool,
        readers,
        keys,
        heard,
        keys_changed,
        feed_head,
        model,
        reported,
        writer,
        limits,
    } = owned;
    // What Postgres pushes (the feed's head, key changes): long polls, the
    // read model and the key store wait on it.
    tasks.spawn("notifications", true, {
        let pool = pool.clone();
        move |stop| crate::db::listen::run(pool.clone(), heard.clone(), stop)
    });
    // The primary's and each replica's health, every second: readiness reads it.
    let max_lag = Duration::from_secs(settings.read_replica_max_lag_secs);
    tasks.spawn("database-checks", true, {
        let readers = readers.clone();
        move |stop| {
            let readers = readers.clone();
            async move { readers.run_checks(max_lag, stop).await }
        }
    });
    if let Some(model) = model {
        tasks.spawn("read-model", false, move |stop| {
            read_model::follow::run(model.clone(), readers.clone(), feed_head.clone(), stop)
        });
    }
    // The published reported recruiters, read whole when a complaint
    // changes on any instance: the contact check answers from them.
    tasks.spawn("reported-recruiters", false, {
        let pool = pool.clone();
        let (reported, changed) = reported;
        move |stop| crate::usecases::reported::follow(reported.clone(), pool.clone(), changed.clone(), stop)
    });
    tasks.spawn("key-refresh", false, {
        let (pool, keys) = (pool.clone(), keys.clone());
        move |stop| refresh_keys(pool.clone(), keys.clone(), keys_changed.clone(), stop)
    });
    let clock = settings.clock.clone();
    let every = settings.clock_every;
    tasks.spawn("calendar", false, {
        let (writer, clock) = (writer.clone(), clock.clone());
        move |stop| {
            let (writer, clock) = (writer.clone(), clock.clone());
            tasks::every(every, stop, "calendar", move || {
                let (writer, now) = (writer.clone(), clock.now());
                async move {
                    let n = crate::usecases::clock::tick(&writer, now).await?;
                    if n > 0 {
                        tracing::info!(entries = n, "the calendar changed licences' standing");
                    }
                    Ok(())
                }
            })
        }
    });
    tasks.spawn("audit-checkpoints", false, {
        let (pool, keys) = (pool.clone(), keys.clone());
        move |stop| {
            let (pool, keys, clock) = (pool.clone(), keys.clone(), clock.clone());
            tasks::every(Duration::from_secs(60), stop, "audit-checkpoints", move || {
                let (pool, keys, now) = (pool.clone(), keys.clone(), clock.now());
                async move {
                    let mut conn = pool.get().await?;
                    if crate::usecases::checkpoints::publish_due(&mut conn, &keys, now).await? {
                        tracing::info!("signed the audit trail's hourly checkpoint");
                    }
                    Ok(())
                }
            })
        }
    });
    let housekeeping_every = settings.housekeeping_every;
    tasks.spawn("housekeeping", false, move |stop| {
        let pool = pool.clone();
        // Expired idempotency keys go on a schedule, so that nothing is
        // kept longer than promised just because nobody files.
        tasks::every(housekeeping_every, stop, "housekeeping", move || {
            let pool = pool.clone();
            async move {
                let mut conn = pool.get().await?;
                let purged = crate::db::models::IdempotencyKey::purge_expired(&mut conn).await?;
                if purged > 0 {
                    tracing::info!(purged, "purged expired idempotency keys");
                }
                Ok(())
            }
        })
    });
    tasks.spawn("rate-limit-sweep", false, move |stop| {
        let limits = limits.clone();
        // Keys whose limits have fully recovered go, so that memory stays
        // bounded however many addresses and client ids were seen.
        tasks::every(Duration::from_secs(10), stop, "rate-limit-sweep", move || {
            limits.forget_idle();
            std::future::ready(Ok(()))
        })
    });
}

/// Reloads the signing keys when they change (heard from Postgres), and at
/// least every minute.
async fn refresh_keys(
    pool: DbPool,
    keys: KeyStore,
    mut changed: crate::db::listen::KeysChanged,
    stop: CancellationToken,
) -> anyhow::Result<()> {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    tick.tick().await;
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            heard = changed.changed() => heard?,
            () = stop.cancelled() => return Ok(()),
        }
        let reloaded = match pool.get().await {
            Ok(mut conn) => keys.reload(&mut conn).await,
            Err(e) => Err(e.into()),
        };
        if let Err(e) = reloaded {
            tracing::warn!(error = %e, "reloading the signing keys failed; the current ones stay in use");
        }
    }
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
    } else if req.path() == "/check/share" {
        crate::routes::check::SHARE_POLICY.as_str()
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
